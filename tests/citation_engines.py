"""The citation engines people use, run on the exports: pandoc, citeproc-js, Citation.js, pybtex.

Helpers shared by tests/test_citation_engines.py: the records the engines read (hostile
ones among them), how to run each engine, and what a person expects to read.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from migrantres import Catalogue, Resource

JS = Path(__file__).resolve().parent / "js"

#: The four formats: the file extension pandoc picks the reader by, and the exporter.
FORMATS = {
    "csl-json": ("json", Catalogue.to_csl_json),
    "bibtex": ("bibtex", Catalogue.to_bibtex),
    "biblatex": ("bib", Catalogue.to_biblatex),
    "ris": ("ris", Catalogue.to_ris),
}


def record(  # noqa: PLR0913, PLR0917 - one argument per field the tests vary
    record_id: str,
    title: str,
    organizations: list[str],
    date: str,
    kind: str = "report",
    languages: tuple[str, ...] = ("en",),
) -> Resource:
    return Resource.model_validate(
        {
            "id": record_id,
            "title": title,
            "type": kind,
            "jurisdiction": "Global",
            "organizations": [{"name": name} for name in organizations],
            "launch_date": date,
            "description": "Awkward text: 50% & {braces} _under_ #1 $5 ~x ^y \\z.",
            "availability": [
                {"languages": list(languages), "url": f"https://example.org/{record_id}"}
            ],
        }
    )


#: Records built to trip the engines: commas and "and" in names, &, braces, %, _, $, #,
#: ~, ^, a backslash, a lone brace, dashes, an apostrophe, non-Latin titles and names,
#: a name whose first word is in lower case, every type and every date precision.
HOSTILE = Catalogue(
    [
        record(
            "comma-org",
            "Labour Inspection Report, 2018",
            ["Ministry of Labour, Invalids and Social Affairs"],
            "2018",
            languages=("vi", "en"),
        ),
        record(
            "comma-and",
            "Smith & Co Review",
            [
                "Smith, Jones and Partners",
                "H&M Group",
                "Organization for Security and Co-operation in Europe",
            ],
            "2019-03",
            kind="practical-tool",
        ),
        record(
            "braces",
            "Research & Policy {Unit} 100% _x_ $5 #1 ~a ^b \\c { lone",
            ["Research & Policy {Unit} 100% _x_"],
            "2019-03-13",
            kind="platform",
        ),
        record(
            "cyrillic",
            "Руководство по разработке законодательства",
            ["Бюро по демократическим институтам и правам человека"],
            "2021-03-01",
            languages=("ru",),
        ),
        record(
            "cjk",
            "移民労働者の搾取に関する調査",
            ["日本労働組合総連合会"],
            "2017",
            languages=("ja", "zh"),
        ),
        record(
            "particle",
            "Annual Report on the Netherlands",
            ["de Nederlandsche Bank"],
            "2016-05",
            languages=("nl",),
        ),
        record(
            "dashes",
            "Co--operation in the Workers' Rights Area",
            ["UNICEF"],
            "2014-11-02",
            kind="political-commitments",
            languages=("zh", "en"),
        ),
    ]
)

#: What pandoc makes of an ``AU`` line that RIS cannot carry whole (the guide says so):
#: a name with a comma is cited by the part before it; a first word in lower case is
#: read as a particle, printed after the name.
RIS_CITED = {
    "Ministry of Labour, Invalids and Social Affairs": "Ministry of Labour",
    "Smith, Jones and Partners": "Smith",
    "de Nederlandsche Bank": "Nederlandsche Bank",
}
RIS_LISTED = {"de Nederlandsche Bank": "Nederlandsche Bank, de"}


def folded(text: str) -> str:
    """Text as a reader compares it: case (styles title-case) and quote shapes aside."""
    return " ".join(text.replace("\u2019", "'").replace("\u2018", "'").casefold().split())


def joined(names: list[str], *, two: str, last: str, et_al: int = 99) -> str:
    """Names joined as a style joins authors: "A and B", "A, B, and C", "A et al."."""
    if len(names) >= et_al:
        return f"{names[0]} et al."
    if len(names) == 1:
        return names[0]
    if len(names) == 2:
        return f"{names[0]}{two}{names[1]}"
    return ", ".join(names[:-1]) + last + names[-1]


# -- pandoc -----------------------------------------------------------------------------


def pandoc_path() -> str:
    pypandoc = pytest.importorskip("pypandoc", reason="pypandoc-binary is not installed")
    try:
        return pypandoc.get_pandoc_path()
    except OSError as exc:
        pytest.skip(f"pypandoc finds no pandoc binary: {exc}")


def pandoc_render(pandoc: str, catalogue: Catalogue, fmt: str, folder: Path) -> str:
    """Plain text of a document citing each record once, then its bibliography.

    The document's paragraphs are ``id: (in-text citation)``; pandoc's default style,
    Chicago author-date, formats both.
    """
    extension, export = FORMATS[fmt]
    bibliography = folder / f"references.{extension}"
    bibliography.write_text(export(catalogue), encoding="utf-8")
    document = folder / "document.md"
    citing = "\n\n".join(f"{resource.id}: [@{resource.id}]" for resource in catalogue)
    document.write_text(citing + "\n\n# References\n", encoding="utf-8")
    run = subprocess.run(
        [
            pandoc,
            "--citeproc",
            "--bibliography",
            str(bibliography),
            "-t",
            "plain",
            "--wrap=none",
            str(document),
        ],
        capture_output=True,
        text=True,
        check=False,
        encoding="utf-8",
    )
    assert run.returncode == 0, run.stderr
    assert run.stderr == "", run.stderr  # no warning either
    return run.stdout


def pandoc_items(pandoc: str, text: str, reader: str) -> list[dict]:
    """The CSL items pandoc's ``reader`` makes of ``text``: what it keeps of each field."""
    run = subprocess.run(
        [pandoc, "-f", reader, "-t", "csljson"],
        input=text,
        capture_output=True,
        text=True,
        check=False,
        encoding="utf-8",
    )
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


# -- node: citeproc-js and Citation.js ---------------------------------------------------


def node_modules(cache_dir: Path) -> Path:
    """``tests/js``'s packages, installed once per lock file into a cache outside the tree.

    Skips, with the reason, where node or npm is missing or npm cannot install.
    """
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        pytest.skip(
            "node and npm are needed to run citeproc-js and Citation.js; not on this machine"
        )
    lock = (JS / "package-lock.json").read_bytes()
    prefix = cache_dir / hashlib.sha256(lock).hexdigest()[:16]
    modules = prefix / "node_modules"
    if not (modules / ".package-lock.json").is_file():
        prefix.mkdir(parents=True, exist_ok=True)
        for name in ("package.json", "package-lock.json"):
            shutil.copyfile(JS / name, prefix / name)
        run = subprocess.run(
            [npm, "ci", "--no-audit", "--no-fund", "--prefix", str(prefix)],
            capture_output=True,
            text=True,
            check=False,
        )
        if run.returncode != 0:
            pytest.skip(f"npm could not install tests/js/package-lock.json: {run.stderr[-500:]}")
    return modules


def run_node(modules: Path, script: str, text: str, *args: str) -> object:
    """Run ``tests/js/<script>`` on ``text`` (standard input) and parse its JSON output."""
    node = shutil.which("node")
    assert node is not None  # node_modules() has skipped otherwise
    run = subprocess.run(
        [node, str(JS / script), *args],
        input=text,
        capture_output=True,
        text=True,
        check=False,
        encoding="utf-8",
        env={**os.environ, "NODE_PATH": str(modules)},
    )
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)
