"""The documentation site, built as CI builds it, for tests/test_docs.py to look at.

Helpers: a copy of what the site is made from, built with ``docs/build.py``; Mermaid's
script from npm, for Chromium to draw the diagrams without the CDN the theme loads it
from; and the script that finds the words a browser broke across lines.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from collections.abc import Callable

ROOT = Path(__file__).resolve().parent.parent
#: What the site is made from: its configuration, its pages, the code the API reference
#: documents, and the files the pages include.
SOURCES = ("mkdocs.yml", "docs", "src", "CHANGELOG.md")
#: The Mermaid release the tests draw the diagrams with (the theme loads mermaid@12),
#: and the integrity npm's registry gives for its package.
MERMAID = "mermaid@12.3.0"
MERMAID_INTEGRITY = "sha512-4113TdXeLAsMruJ79OpFL5O8+LTFXhQqZ260rF3tgUmiNAtRm4Uume04I+65PRN6yZ69J4f8rVYWW8zRk65UYw=="

#: The words of the page's tables that the browser laid out on more than one line, and
#: the tables wider than the room they have. A word is a run of characters between
#: spaces and hyphens, where a line may break.
LAYOUT_PROBLEMS = r"""(() => {
  const split = [];
  for (const cell of document.querySelectorAll('article td, article th')) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const word of node.data.matchAll(/[^\s\-\u2014]+/gu)) {
        const range = document.createRange();
        range.setStart(node, word.index);
        range.setEnd(node, word.index + word[0].length);
        const lines = new Set([...range.getClientRects()]
          .filter(box => box.width > 0).map(box => Math.round(box.top)));
        if (lines.size > 1) split.push(word[0]);
      }
    }
  }
  const wide = [...document.querySelectorAll('article .md-typeset__scrollwrap')]
    .filter(wrap => wrap.scrollWidth > wrap.clientWidth + 1)
    .map(wrap => `${wrap.querySelector('th')?.textContent}: ${wrap.scrollWidth}px`);
  return {split, wide};
})()"""


def load_docs_module(name: str):
    """A script of ``docs/`` (``docs/NAME.py``), loaded as a module."""
    spec = importlib.util.spec_from_file_location(f"docs_{name}", ROOT / "docs" / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def build(
    directory: Path, change: Callable[[Path], None] | None = None
) -> tuple[subprocess.CompletedProcess[str], Path]:
    """Build a copy of the site's sources in ``directory``, as ``docs/build.py`` builds it.

    ``change``, if given, changes the copy first. Returns the build's result (its exit
    status and everything it printed) and the site's directory.
    """
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, directory / name, ignore=ignore)
        else:
            shutil.copy2(source, directory / name)
    if change is not None:
        change(directory)
    result = subprocess.run(
        [sys.executable, str(directory / "docs" / "build.py")],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    return result, directory / "site"


def mermaid_js(cache_dir: Path) -> Path:
    """Mermaid's ``dist/mermaid.min.js`` from npm, fetched once into the cache.

    The package's integrity is checked against :data:`MERMAID_INTEGRITY`. Skips, with
    the reason, where npm is missing or cannot fetch it.
    """
    script = cache_dir / MERMAID / "mermaid.min.js"
    if script.is_file():
        return script
    npm = shutil.which("npm")
    if npm is None:
        pytest.skip("npm is needed to fetch Mermaid, which draws the diagrams; not here")
    packed = cache_dir / "packed"
    packed.mkdir(parents=True, exist_ok=True)
    run = subprocess.run(
        [npm, "pack", MERMAID, "--pack-destination", str(packed)],
        capture_output=True,
        text=True,
        check=False,
    )
    if run.returncode != 0:
        pytest.skip(f"npm could not fetch {MERMAID}: {run.stderr[-500:]}")
    tarball = packed / run.stdout.strip().splitlines()[-1]
    digest = base64.b64encode(hashlib.sha512(tarball.read_bytes()).digest()).decode()
    assert f"sha512-{digest}" == MERMAID_INTEGRITY, f"{tarball.name} is not npm's {MERMAID}"
    with tarfile.open(tarball) as archive:
        member = archive.extractfile("package/dist/mermaid.min.js")
        assert member is not None
        script.parent.mkdir(parents=True, exist_ok=True)
        script.write_bytes(member.read())
    tarball.unlink()
    return script
