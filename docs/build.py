"""Build the documentation site strictly, as CI does, into ``site/``.

Run from anywhere, with the docs extra installed (``pip install -e ".[docs]"``)::

    python docs/build.py

It runs ``zensical build --clean --strict`` on ``mkdocs.yml`` from a clean ``site/``.
Zensical's strict mode fails the build on a broken link or anchor, an API reference
entry that names nothing, or a missing included file; griffe's warnings about
docstrings (an ``Args:`` entry that names no parameter, a parameter without a type)
it only prints. This script fails on those too, as ``mkdocs build --strict`` did.
``tests/test_docs.py`` checks the rest (every page in the navigation, the generated
pages current) and builds a copy of the site with this script.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Final

ROOT: Final = Path(__file__).resolve().parent.parent
SITE: Final = ROOT / "site"
#: A line of the build's output that is a warning about the API reference's docstrings.
DOCSTRING_WARNING: Final = re.compile(r"^(?:griffe|mkdocstrings[\w.]*):", re.MULTILINE)


def main() -> int:
    """Build the site; the exit status is 1 when the build failed or warned."""
    shutil.rmtree(SITE, ignore_errors=True)
    # The command is this interpreter running Zensical, with fixed arguments.
    result = subprocess.run(
        [sys.executable, "-m", "zensical", "build", "--clean", "--strict"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    sys.stdout.write(result.stdout)
    sys.stderr.write(result.stderr)
    if result.returncode != 0:
        return result.returncode
    if DOCSTRING_WARNING.search(result.stdout + result.stderr):
        print("docs/build.py: the docstrings above have warnings; fix them", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
