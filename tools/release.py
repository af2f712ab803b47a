"""Make a release of migrantres: version, data, changelog, tag, and reproducible dists.

Run from a clean clone, with the development environment active (``pip install -e
".[dev]"``)::

    python tools/release.py 20261205

That one command, for the data snapshot of the date given (YYYYMMDD):

1. refuses a work tree with changes, an existing tag, or a version not above the
   current one;
2. writes the version ``MAJOR.MINOR.YYYYMMDD`` into ``src/migrantres/_version.py``;
3. rebuilds the data (``python -m migrantres.build``) and the generated docs pages;
4. writes the changelog's ``### Data`` section from ``migrantres diff`` between the
   previous release's ``resources.json`` (the highest ``v*`` tag, or ``--previous``)
   and the new one, and moves the Unreleased notes under the new version;
5. commits, and tags ``vVERSION`` (annotated, the changelog entry as its message);
6. builds the sdist and the wheel twice, each time from a fresh clone of the tag, with
   ``SOURCE_DATE_EPOCH`` set to the tag's commit time and hatchling pinned by
   ``tools/build-constraints.txt``; refuses if the two builds differ by one byte;
7. checks them with ``twine check --strict`` and ``check-wheel-contents``, and prints
   their SHA-256.

``python tools/release.py --dists TAG`` does steps 6 and 7 alone, for a tag that exists.
Pushing the tag is left to you: ``git push origin vVERSION`` starts the publishing
workflow (``.github/workflows/release.yml``).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from packaging.version import InvalidVersion, Version

TOOLS = Path(__file__).resolve().parent
CONSTRAINTS = TOOLS / "build-constraints.txt"
VERSION_FILE = Path("src/migrantres/_version.py")
DATA_FILE = "src/migrantres/data/resources.json"
VERSION_LINE = re.compile(r'^__version__ = "(?P<version>[^"]+)"$', re.MULTILINE)
EMPTY_CATALOGUE = '{"schema_version": 1, "name": "migrantres", "records": []}\n'
# `migrantres diff` exits 1 when the catalogues differ: an answer, not a failure.
DIFF_ANSWERS = (0, 1)


class ReleaseError(Exception):
    """A release that cannot go on; the message says why and what to do."""


def run(
    *command: str | Path, cwd: Path, env: dict[str, str] | None = None, ok: tuple[int, ...] = (0,)
) -> str:
    """Run a command; its standard output, or ReleaseError with everything it printed."""
    result = subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode not in ok:
        shown = " ".join(str(part) for part in command)
        msg = f"{shown} failed ({result.returncode}):\n{result.stdout}{result.stderr}"
        raise ReleaseError(msg)
    return result.stdout


def git(repo: Path, *args: str) -> str:
    """Run git in ``repo``; its standard output."""
    return run("git", *args, cwd=repo)


def current_version(repo: Path) -> str:
    """The version ``_version.py`` gives now."""
    match = VERSION_LINE.search((repo / VERSION_FILE).read_text(encoding="utf-8"))
    if match is None:
        msg = f'{VERSION_FILE} has no line __version__ = "..."'
        raise ReleaseError(msg)
    return match["version"]


def next_version(current: str, date: str) -> str:
    """The version of the snapshot of ``date``: the same MAJOR.MINOR, a later date."""
    if not re.fullmatch(r"\d{8}(?:\.\d+)?", date):
        msg = (
            f"the date must be YYYYMMDD (or YYYYMMDD.N for a second release that day), not {date!r}"
        )
        raise ReleaseError(msg)
    major, minor = current.split(".")[:2]
    version = f"{major}.{minor}.{date}"
    try:
        later = Version(version) > Version(current)
    except InvalidVersion as exc:
        raise ReleaseError(str(exc)) from None
    if not later:
        msg = f"version {version} is not above the current version {current}"
        raise ReleaseError(msg)
    return version


def previous_release(repo: Path) -> str | None:
    """The highest ``vVERSION`` tag reachable from HEAD, by PEP 440 order."""
    tags = []
    for tag in git(repo, "tag", "--merged", "HEAD", "--list", "v*").split():
        try:
            tags.append((Version(tag[1:]), tag))
        except InvalidVersion:
            continue
    return max(tags)[1] if tags else None


def data_section(repo: Path, previous: str | None, env: dict[str, str]) -> str:
    """The changelog's ``### Data`` section: what changed since ``previous``."""
    with tempfile.TemporaryDirectory() as folder:
        old = Path(folder) / "previous.json"
        if previous is None:
            old.write_text(EMPTY_CATALOGUE, encoding="utf-8")
        else:
            old.write_text(git(repo, "show", f"{previous}:{DATA_FILE}"), encoding="utf-8")
        return run(
            sys.executable,
            "-m",
            "migrantres",
            "diff",
            old,
            DATA_FILE,
            "--format",
            "markdown",
            cwd=repo,
            env=env,
            ok=DIFF_ANSWERS,
        )


def changelog_entry(text: str, version: str, data: str) -> tuple[str, str]:
    """The changelog with the Unreleased notes moved under ``version``; and that entry.

    The ``### Data`` lists come from the diff. A hand-written Unreleased ``### Data``
    keeps its prose, above them; every id its own list names must be in the diff.
    """
    head, found, rest = text.partition("## Unreleased\n")
    if not found:
        msg = "CHANGELOG.md has no '## Unreleased' heading"
        raise ReleaseError(msg)
    body, heading, tail = rest.partition("\n## ")
    sections = re.split(r"^(?=### )", body.strip("\n"), flags=re.MULTILINE)
    notes = [s.strip("\n") for s in sections if s.strip() and not s.startswith("### Data")]
    written = next((s for s in sections if s.startswith("### Data")), "")
    listed = set(re.findall(r"^- `([^`]+)`", written, flags=re.MULTILINE))
    missing = sorted(listed - set(re.findall(r"^- `([^`]+)`", data, flags=re.MULTILINE)))
    if missing:
        msg = f"the Unreleased Data section lists ids the data did not change: {missing}"
        raise ReleaseError(msg)
    prose = [
        line for line in written.splitlines()[1:] if line.strip() and not line.startswith("- ")
    ]
    generated = data.strip("\n").splitlines()
    data_block = "\n".join([generated[0], "", *prose, *([""] if prose else []), *generated[2:]])
    entry = f"## {version}\n\n" + "\n\n".join([data_block, *notes]) + "\n"
    return f"{head}## Unreleased\n\n{entry}{heading}{tail}", entry


def prepare(repo: Path, date: str, previous: str | None) -> str:
    """Steps 1 to 5: the release commit and its tag. Returns the tag."""
    if git(repo, "status", "--porcelain"):
        msg = "the work tree has changes; commit or stash them first"
        raise ReleaseError(msg)
    version = next_version(current_version(repo), date)
    tag = f"v{version}"
    if git(repo, "tag", "--list", tag).strip():
        msg = f"the tag {tag} exists already"
        raise ReleaseError(msg)
    previous = previous or previous_release(repo)
    # The new version is read at import: every step runs in a new process, on this tree.
    env = {**os.environ, "PYTHONPATH": str(repo / "src")}
    version_file = repo / VERSION_FILE
    text = version_file.read_text(encoding="utf-8")
    version_file.write_text(VERSION_LINE.sub(f'__version__ = "{version}"', text), encoding="utf-8")
    run(sys.executable, "-m", "migrantres.build", cwd=repo, env=env)
    run(sys.executable, "docs/generate.py", cwd=repo, env=env)
    changelog = repo / "CHANGELOG.md"
    updated, entry = changelog_entry(
        changelog.read_text(encoding="utf-8"), version, data_section(repo, previous, env)
    )
    changelog.write_text(updated, encoding="utf-8")
    run(sys.executable, "-m", "migrantres.build", "--check", cwd=repo, env=env)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", f"Release {version}\n\n{entry}")
    git(repo, "tag", "-a", tag, "-m", f"migrantres {version}\n\n{entry}")
    sys.stdout.write(f"{tag}: previous release {previous or '(none)'}\n\n{entry}\n")
    return tag


def build_dists(repo: Path, tag: str, out: Path, *, isolation: bool) -> dict[str, str]:
    """Steps 6 and 7: the sdist and wheel of ``tag``, built twice, compared and checked."""
    builds: list[dict[str, str]] = []
    with tempfile.TemporaryDirectory() as folder:
        for attempt in ("first", "second"):
            clone = Path(folder) / attempt
            git(repo, "clone", "-q", "--no-local", "--branch", tag, str(repo), str(clone))
            epoch = git(clone, "log", "-1", "--format=%ct").strip()
            env = {**os.environ, "SOURCE_DATE_EPOCH": epoch, "PIP_CONSTRAINT": str(CONSTRAINTS)}
            dist = clone / "dist"
            command = [sys.executable, "-m", "build", "--outdir", str(dist)]
            run(*command, *([] if isolation else ["--no-isolation"]), ".", cwd=clone, env=env)
            builds.append(
                {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in dist.iterdir()}
            )
            if attempt == "first":
                files = sorted(dist.iterdir())
                run(sys.executable, "-m", "twine", "check", "--strict", *files, cwd=clone)
                wheels = [p for p in files if p.suffix == ".whl"]
                run("check-wheel-contents", *wheels, cwd=clone)
                out.mkdir(parents=True, exist_ok=True)
                for path in files:
                    shutil.copy2(path, out / path.name)
    if builds[0] != builds[1]:
        msg = f"two builds of {tag} differ, so the build is not reproducible: {builds}"
        raise ReleaseError(msg)
    for name, digest in sorted(builds[0].items()):
        sys.stdout.write(f"{digest}  {out / name}\n")
    return builds[0]


def main(argv: list[str] | None = None) -> int:
    """Run the release command; return the exit status."""
    parser = argparse.ArgumentParser(
        prog="python tools/release.py",
        description=__doc__.split("\n\n")[0] if __doc__ else None,
    )
    parser.add_argument("date", nargs="?", help="the data snapshot's date, YYYYMMDD")
    parser.add_argument("--dists", metavar="TAG", help="only build and check TAG's dists")
    parser.add_argument(
        "--previous",
        metavar="REF",
        help="the previous release's git ref (default: the highest v* tag; with none, "
        "the release is compared with an empty catalogue)",
    )
    parser.add_argument(
        "--out", type=Path, default=Path("dist"), help="where the dists go (default: dist)"
    )
    parser.add_argument(
        "--no-isolation",
        action="store_true",
        help="build with this environment's hatchling instead of a pinned, isolated one "
        "(offline; the wheel names the hatchling that built it)",
    )
    args = parser.parse_args(argv)
    if (args.date is None) == (args.dists is None):
        parser.error("give a date to release, or --dists TAG")
    try:
        repo = Path(git(Path.cwd(), "rev-parse", "--show-toplevel").strip())
        tag = args.dists or prepare(repo, args.date, args.previous)
        build_dists(repo, tag, args.out.resolve(), isolation=not args.no_isolation)
    except ReleaseError as exc:
        sys.stderr.write(f"release: {exc}\n")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
