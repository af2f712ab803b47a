"""Screenshots of the built documentation site's pages, made with headless Chromium.

Build the site first, then photograph its pages, from the repository's root::

    zensical build --strict
    python docs/site_screenshots.py /tmp/shots
    python docs/site_screenshots.py /tmp/shots reference/api#migrantres.Resource --height 1600
    python docs/site_screenshots.py /tmp/shots architecture --mermaid mermaid.min.js

Each PAGE is a page's path in the site (``reference/api``), optionally with the id of
the element the picture starts at (``reference/api#migrantres.Resource``); without PAGE,
the pages :data:`PAGES` names. Each picture is ``--width`` pixels wide and at most
``--height`` tall, and is written to ``DIR/NAME.png``.

Chromium is driven as ``docs/screenshots.py`` drives it: over the DevTools protocol on a
pipe, with every host name resolving to nothing. The theme loads Mermaid from a CDN
when a page shows a diagram; ``--mermaid FILE`` answers that request with a copy of
``mermaid.min.js`` (``npm pack mermaid``), so diagrams render offline.
"""

from __future__ import annotations

import argparse
import base64
import importlib.util
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

ROOT: Final = Path(__file__).resolve().parent.parent


def _screenshots() -> Any:  # noqa: ANN401 - the module docs/screenshots.py
    """``docs/screenshots.py``, which drives Chromium, loaded from beside this file."""
    spec = importlib.util.spec_from_file_location(
        "docs_screenshots", Path(__file__).with_name("screenshots.py")
    )
    assert spec is not None  # noqa: S101 - the file is beside this one
    assert spec.loader is not None  # noqa: S101
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


Browser = _screenshots().Browser
#: The pages photographed when none are named: the home page, the data dictionary, the
#: API reference at the records, the architecture's diagram and the example notebook.
PAGES: Final = (
    "",
    "reference/data-dictionary",
    "reference/api#migrantres.Resource",
    "architecture",
    "examples/catalogue-tour",
)
#: Waits until every Mermaid diagram on the page is drawn, or 10 s have passed; true if
#: they are. The theme replaces each diagram's source (``pre.mermaid``) by the drawing,
#: in a closed shadow root of a ``div.mermaid``.
DIAGRAMS_DRAWN: Final = """new Promise(resolve => {
  const start = Date.now();
  const check = () => {
    const drawn = document.querySelectorAll('pre.mermaid').length === 0
      && [...document.querySelectorAll('div.mermaid')].every(d => d.offsetHeight > 0);
    if (drawn || Date.now() - start > 10000) resolve(drawn); else setTimeout(check, 100);
  };
  check();
})"""
#: Request ids for the browser's own requests, far from the ones Browser counts.
_OWN_IDS: Final = 1 << 30


class SiteBrowser(Browser):
    """A :class:`Browser` that can answer the page's requests for Mermaid with a file."""

    def __init__(self, mermaid: Path | None = None) -> None:
        """Start Chromium; with ``mermaid``, serve that file for Mermaid's script."""
        super().__init__()
        self._mermaid = mermaid.read_bytes() if mermaid else None
        self._own_id = _OWN_IDS

    def _send_own(self, method: str, params: dict[str, object], session: str) -> None:
        self._own_id += 1
        message = {"id": self._own_id, "method": method, "params": params, "sessionId": session}
        os.write(self._send, json.dumps(message).encode() + b"\0")

    def _messages(self) -> Iterator[dict[str, Any]]:
        for message in super()._messages():
            if message.get("method") == "Fetch.requestPaused" and self._mermaid is not None:
                self._send_own(
                    "Fetch.fulfillRequest",
                    {
                        "requestId": message["params"]["requestId"],
                        "responseCode": 200,
                        "responseHeaders": [
                            {"name": "Content-Type", "value": "text/javascript"},
                        ],
                        "body": base64.b64encode(self._mermaid).decode(),
                    },
                    message["sessionId"],
                )
                continue
            yield message

    def open(self, path: Path, *, width: int = 1280, height: int = 900) -> None:
        """Load the page; Mermaid's script is served from the file, when one was given."""
        if self.attach() and self._mermaid is not None:
            self._call("Fetch.enable", patterns=[{"urlPattern": "*mermaid*.js"}])
        super().open(path, width=width, height=height)

    def diagram_text(self) -> list[list[str]]:
        """The text of each drawn diagram (its labels), shadow roots included."""
        root = self._call("DOM.getDocument", depth=-1, pierce=True)["root"]
        found: list[list[str]] = []

        def visit(node: dict[str, Any], texts: list[str] | None) -> None:
            attributes = node.get("attributes", [])
            classes = dict(zip(attributes[::2], attributes[1::2], strict=True)).get("class", "")
            if node.get("nodeName") == "DIV" and "mermaid" in classes.split():
                texts = []
                found.append(texts)
            if texts is not None and node.get("nodeType") == 3 and node["nodeValue"].strip():  # noqa: PLR2004 - a text node
                texts.append(node["nodeValue"].strip())
            if node.get("nodeName") == "STYLE":
                return
            for child in [*node.get("shadowRoots", []), *node.get("children", [])]:
                visit(child, texts)

        visit(root, None)
        return found

    def shot(self, element: str | None, *, height: int) -> bytes:
        """A PNG from the top of the page, or of ``element``, at most ``height`` tall."""
        self.evaluate(DIAGRAMS_DRAWN)
        start = 0
        if element:
            start = self.evaluate(
                f"document.getElementById({json.dumps(element)}).getBoundingClientRect().top"
                " + scrollY"
            )
        total = self.evaluate("document.documentElement.scrollHeight")
        width = self.evaluate("document.documentElement.clientWidth")
        clip = {"x": 0, "y": start, "width": width, "height": min(height, total - start)}
        return self.capture(clip)


def main(argv: Sequence[str] | None = None) -> int:
    """Photograph the pages of the built site."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", type=Path, help="where the pictures are written")
    parser.add_argument("pages", nargs="*", default=PAGES, metavar="PAGE", help="PATH[#ID]")
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="the built site")
    parser.add_argument("--width", type=int, default=1280, help="window width, in pixels")
    parser.add_argument("--height", type=int, default=2400, help="most height, in pixels")
    parser.add_argument("--mermaid", type=Path, help="a mermaid.min.js to serve offline")
    args = parser.parse_args(argv)
    args.directory.mkdir(parents=True, exist_ok=True)
    with SiteBrowser(args.mermaid) as browser:
        for page in args.pages:
            path, _, element = page.partition("#")
            html = args.site / path / "index.html"
            if not html.is_file():
                print(f"no page {html}; build the site first (zensical build)")
                return 1
            browser.open(html, width=args.width)
            name = (path.replace("/", "-") or "index") + (f"-{element}" if element else "")
            target = args.directory / f"{name}.png"
            target.write_bytes(browser.shot(element or None, height=args.height))
            print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
