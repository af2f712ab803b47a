"""Screenshots of the notebook views, as JupyterLab shows them, made with headless Chromium.

Run from the repository's root, with the test extra and Chromium installed::

    python docs/screenshots.py           # rewrite docs/images/notebook-*.png
    python docs/screenshots.py --check   # write nothing; exit 1 if they are stale
    python docs/screenshots.py --look DIR --width 700
                                         # every front end's page and its screenshots, in DIR

A notebook with two cells (the bundled catalogue, and one record) gets the outputs
IPython gives those objects, is converted to HTML by nbconvert with JupyterLab's
template and stylesheets (``lab``), and each cell is photographed by Chromium, driven
over its DevTools protocol (on a pipe: no port, no network). The HTML the screenshots
were made from is kept beside them (``notebook-views.html``); ``--check`` and the tests
compare it with what the package renders now (all but the version number), so a
screenshot cannot go stale silently.

``--look`` also renders the classic Notebook's template (``classic``) and a page styled
as VS Code styles its outputs (every cell right-aligned by element selectors, borders
removed with ``!important``, tables as wide as the output): the front ends the views are
made for.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import fcntl
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Self

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

__all__ = [
    "IMAGES",
    "Browser",
    "ChromiumMissingError",
    "main",
    "notebook_page",
    "source_page",
    "stale",
    "vscode_page",
]

ROOT: Final = Path(__file__).resolve().parent.parent
IMAGES: Final = ROOT / "docs" / "images"
SOURCE: Final = IMAGES / "notebook-views.html"
#: The record the record view shows.
RECORD: Final = "remediation-guidelines-victims-human-trafficking-mineral-supply-chains"
#: Each screenshot, and the cell it shows.
SHOTS: Final = {"notebook-catalogue.png": 0, "notebook-record.png": 1}
#: A notebook's width in a browser window on a laptop, in CSS pixels.
WIDTH: Final = 1100
#: The Chromium executables tried, in order.
CHROMIUM_NAMES: Final = ("chromium", "chromium-browser", "google-chrome", "chrome")

#: A host stylesheet with VS Code's habits for notebook outputs: cells right-aligned by
#: element selectors, borders removed with !important, tables as wide as the output.
VSCODE_LIKE_CSS: Final = """
body { font-family: system-ui, sans-serif; font-size: 13px; margin: 16px; }
table, thead, tr, th, td, tbody { border: none !important; border-collapse: collapse; }
table { width: 100%; }
table, th, tr { vertical-align: middle; text-align: right; }
thead { font-weight: bold; background-color: rgba(130, 130, 130, 0.16); }
th, td { padding: 4px 8px; }
tr:nth-child(even) { background-color: rgba(130, 130, 130, 0.08); }
tbody th { font-weight: normal; }
"""


class ChromiumMissingError(RuntimeError):
    """No Chromium (or Chrome) executable was found."""


def chromium() -> str | None:
    """The path of a Chromium or Chrome executable, or None."""
    return os.environ.get("CHROMIUM") or next(
        (path for name in CHROMIUM_NAMES if (path := shutil.which(name))), None
    )


# -- the pages ---------------------------------------------------------------------------


def views() -> dict[str, str]:
    """The HTML the package renders for the screenshots' two objects, by name."""
    import migrantres  # noqa: PLC0415 - the docs' helpers import the package when used

    catalogue = migrantres.load()
    return {"catalogue": catalogue._repr_html_(), "record": catalogue[RECORD]._repr_html_()}


def source_page() -> str:
    """The file the screenshots' HTML is kept in: both views, with what made them."""
    import migrantres  # noqa: PLC0415

    parts = [
        "<!doctype html>",
        '<meta charset="utf-8">',
        (
            "<!-- The HTML docs/images/notebook-*.png show, from migrantres"
            f" {migrantres.__version__}. Made by `python docs/screenshots.py`;"
            " tests/test_notebook_views.py checks that the package still renders exactly this. -->"
        ),
    ]
    for name, fragment in views().items():
        parts += [f"<!-- {name} -->", fragment]
    return "\n".join(parts) + "\n"


def _versionless(page: str) -> str:
    """The page with the version it names (in its comment, and captions) made neutral."""
    found = re.search(r"from migrantres (\S+)\. Made by", page)
    return page if found is None else page.replace(found[1], "VERSION")


def stale() -> bool:
    """Whether the kept HTML differs from what the package renders now.

    A new version alone does not make the screenshots stale (their captions show the
    version they were made with): a release need not make them again.
    """
    if not SOURCE.is_file():
        return True
    return _versionless(SOURCE.read_text(encoding="utf-8")) != _versionless(source_page())


def _notebook() -> Any:  # noqa: ANN401 - an nbformat NotebookNode
    """A notebook that displays the catalogue and one record, with IPython's outputs."""
    import nbformat  # noqa: PLC0415
    from IPython.core.formatters import DisplayFormatter  # noqa: PLC0415

    import migrantres  # noqa: PLC0415

    catalogue = migrantres.load()
    cells = [
        ("import migrantres\ncatalogue = migrantres.load()\ncatalogue", catalogue),
        (f'catalogue["{RECORD}"]', catalogue[RECORD]),
    ]
    notebook = nbformat.v4.new_notebook()
    formatter = DisplayFormatter()
    for number, (source, shown) in enumerate(cells, start=1):
        data, metadata = formatter.format(shown)
        output = nbformat.v4.new_output(
            "execute_result", data=data, metadata=metadata, execution_count=number
        )
        notebook.cells.append(
            nbformat.v4.new_code_cell(source, execution_count=number, outputs=[output])
        )
    notebook.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    return notebook


def notebook_page(template: str = "lab") -> str:
    """The notebook as nbconvert's HTML with ``template`` ("lab" or "classic")."""
    from nbconvert import HTMLExporter  # noqa: PLC0415

    body, _ = HTMLExporter(template_name=template).from_notebook_node(_notebook())
    return body


def vscode_page(fragments: Sequence[str] | None = None) -> str:
    """Both views (or ``fragments`` of HTML) on a page styled as VS Code styles outputs."""
    shown = views().values() if fragments is None else fragments
    outputs = "".join(f'<div class="output">{fragment}</div>' for fragment in shown)
    return (
        f'<!doctype html><meta charset="utf-8"><style>{VSCODE_LIKE_CSS}</style>'
        f"<body>{outputs}</body>"
    )


# -- the browser -------------------------------------------------------------------------


class Browser:
    """Headless Chromium, driven over the DevTools protocol on a pipe.

    Use as a context manager; :meth:`open` loads a page in a window of a given width.
    Every host name resolves to nothing, so a page's CDN scripts fail at once and no
    network is used.
    """

    def __init__(self, executable: str | None = None) -> None:
        """Start Chromium (``executable``, or the first one found on PATH).

        Raises:
            ChromiumMissingError: no Chromium or Chrome is installed.
        """
        found = executable or chromium()
        if found is None:
            msg = "no Chromium found (Debian: apt-get install chromium; or set CHROMIUM)"
            raise ChromiumMissingError(msg)
        self._profile = tempfile.TemporaryDirectory()
        to_chromium, self._send = os.pipe()
        self._receive, from_chromium = os.pipe()

        def fds_3_and_4() -> None:  # the pipe Chromium reads commands from and writes to
            read = fcntl.fcntl(to_chromium, fcntl.F_DUPFD, 10)
            write = fcntl.fcntl(from_chromium, fcntl.F_DUPFD, 10)
            os.dup2(read, 3)
            os.dup2(write, 4)

        # The executable is found on PATH or named by the caller; no shell is involved.
        self._process = subprocess.Popen(  # noqa: S603
            [
                found,
                "--headless",
                "--remote-debugging-pipe",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
                "--host-resolver-rules=MAP * ~NOTFOUND",
                f"--user-data-dir={self._profile.name}",
                "about:blank",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            pass_fds=(3, 4),
            preexec_fn=fds_3_and_4,  # noqa: PLW1509 - no threads run here
        )
        os.close(to_chromium)
        os.close(from_chromium)
        self._buffer = b""
        self._next_id = 0
        self._session: str | None = None

    def __enter__(self) -> Self:
        """Return the browser."""
        return self

    def __exit__(self, *_: object) -> None:
        """Close the browser and remove its profile."""
        self.close()

    def close(self) -> None:
        """Close the browser and remove its profile."""
        with contextlib.suppress(OSError, RuntimeError):
            self._call("Browser.close", session=False)
        for fd in (self._send, self._receive):
            with contextlib.suppress(OSError):
                os.close(fd)
        try:
            self._process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        self._profile.cleanup()

    def _messages(self) -> Iterator[dict[str, Any]]:
        while True:
            while b"\0" not in self._buffer:
                chunk = os.read(self._receive, 1 << 16)
                if not chunk:
                    msg = "Chromium closed its DevTools pipe"
                    raise RuntimeError(msg)
                self._buffer += chunk
            message, self._buffer = self._buffer.split(b"\0", 1)
            yield json.loads(message)

    def _call(self, method: str, *, session: bool = True, **params: object) -> dict[str, Any]:
        self._next_id += 1
        message: dict[str, object] = {"id": self._next_id, "method": method, "params": params}
        if session and self._session:
            message["sessionId"] = self._session
        os.write(self._send, json.dumps(message).encode() + b"\0")
        for reply in self._messages():
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    msg = f"{method}: {reply['error']}"
                    raise RuntimeError(msg)
                result: dict[str, Any] = reply["result"]
                return result
        msg = "unreachable"
        raise RuntimeError(msg)

    def _wait_for(self, event: str) -> None:
        for message in self._messages():
            if message.get("method") == event:
                return

    def attach(self) -> bool:
        """Open a blank page and attach to it, once; whether this call did."""
        if self._session is not None:
            return False
        target = self._call("Target.createTarget", url="about:blank")["targetId"]
        self._session = self._call(
            "Target.attachToTarget", targetId=target, flatten=True, session=False
        )["sessionId"]
        self._call("Page.enable")
        return True

    def open(self, path: Path, *, width: int = WIDTH, height: int = 900) -> None:
        """Load the page at ``path`` in a window ``width`` by ``height`` CSS pixels."""
        self.attach()
        self._call(
            "Emulation.setDeviceMetricsOverride",
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=False,
        )
        self._call("Page.navigate", url=path.resolve().as_uri())
        self._wait_for("Page.loadEventFired")
        self.evaluate("document.fonts.ready.then(() => true)")

    def evaluate(self, expression: str) -> Any:  # noqa: ANN401 - whatever the page returns as JSON
        """The value of a JavaScript expression in the page (promises are awaited)."""
        reply = self._call(
            "Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True
        )
        if "exceptionDetails" in reply:
            msg = f"{expression[:60]!r}: {reply['exceptionDetails']}"
            raise RuntimeError(msg)
        return reply["result"].get("value")

    def screenshot(self, selector: str, index: int = 0) -> bytes:
        """A PNG of the ``index``-th element ``selector`` matches, whole."""
        box = self.evaluate(
            f"(() => {{ const r = document.querySelectorAll({json.dumps(selector)})[{index}]"
            ".getBoundingClientRect(); return {x: r.x + scrollX, y: r.y + scrollY,"
            " width: Math.ceil(r.width), height: Math.ceil(r.height)}; })()"
        )
        return self.capture(box)

    def capture(self, clip: dict[str, float]) -> bytes:
        """A PNG of the page's region ``clip`` (``x``, ``y``, ``width``, ``height``, in CSS px)."""
        shot = self._call(
            "Page.captureScreenshot",
            format="png",
            captureBeyondViewport=True,
            clip={**clip, "scale": 1},
        )
        return base64.b64decode(shot["data"])

    def click(self, x: float, y: float, *, clicks: int = 1) -> None:
        """Press and release the left mouse button at (``x``, ``y``), ``clicks`` times."""
        for count in range(1, clicks + 1):
            for kind in ("mousePressed", "mouseReleased"):
                self._call(
                    "Input.dispatchMouseEvent",
                    type=kind,
                    x=x,
                    y=y,
                    button="left",
                    clickCount=count,
                )


# -- making and checking the screenshots -------------------------------------------------


def make(directory: Path = IMAGES, *, width: int = WIDTH) -> list[Path]:
    """Write the screenshots and the HTML they show into ``directory``; return the PNGs."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory() as scratch, Browser() as browser:
        page = Path(scratch) / "notebook.html"
        page.write_text(notebook_page("lab"), encoding="utf-8")
        browser.open(page, width=width)
        for name, cell in SHOTS.items():
            target = directory / name
            target.write_bytes(browser.screenshot(".jp-Cell", cell))
            written.append(target)
    (directory / SOURCE.name).write_text(source_page(), encoding="utf-8", newline="\n")
    return written


def look(directory: Path, *, width: int) -> list[Path]:
    """Each front end's page with both views, and a screenshot of each, in ``directory``."""
    directory.mkdir(parents=True, exist_ok=True)
    pages = {
        "lab": notebook_page("lab"),
        "classic": notebook_page("classic"),
        "vscode": vscode_page(),
    }
    written = []
    with Browser() as browser:
        for name, text in pages.items():
            page = directory / f"{name}.html"
            page.write_text(text, encoding="utf-8")
            browser.open(page, width=width)
            shot = directory / f"{name}-{width}.png"
            shot.write_bytes(browser.screenshot("body"))
            written += [page, shot]
    return written


def main(argv: Sequence[str] | None = None) -> int:
    """Make the screenshots, check them, or make every front end's for a look."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 if the screenshots are stale"
    )
    parser.add_argument("--look", metavar="DIR", help="write every front end's page and shots")
    parser.add_argument("--width", type=int, default=WIDTH, help="the window's width in pixels")
    args = parser.parse_args(argv)
    if args.check:
        if stale():
            print(f"stale: {SOURCE.relative_to(ROOT)}; run python docs/screenshots.py")
            return 1
        return 0
    written = look(Path(args.look), width=args.width) if args.look else make(width=args.width)
    for path in written:
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
