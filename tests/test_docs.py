"""The documentation: generated pages, shell examples, the example notebook and the site.

Python examples in the Markdown files are doctests, run by pytest's ``--doctest-glob``
(see pyproject.toml); this module checks everything else a reader might copy.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from migrantres import cli
from migrantres.cli._options import joined_sort_values

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
PAGES = sorted([ROOT / "README.md", *DOCS.rglob("*.md")])
NOTEBOOKS = sorted((DOCS / "examples").glob("*.ipynb"))
TOUR = DOCS / "examples" / "catalogue-tour.ipynb"

FENCE = re.compile(
    r"^(?P<fence>```+|~~~+)(?P<info>[^\n`]*)\n(?P<body>.*?)^(?P=fence)[ \t]*$",
    re.MULTILINE | re.DOTALL,
)


def _load_generate():
    spec = importlib.util.spec_from_file_location("docs_generate", DOCS / "generate.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


generate = _load_generate()


def _blocks(path: Path):
    """(language, first line number of the body, body) of each fenced block."""
    text = path.read_text(encoding="utf-8")
    for match in FENCE.finditer(text):
        line = text.count("\n", 0, match.start("body")) + 1
        yield match["info"].strip().split(" ")[0], line, match["body"]


# -- (a) generated pages -----------------------------------------------------------------


@pytest.mark.parametrize("page", list(generate.PAGES), ids=lambda p: p.name)
def test_generated_pages_are_what_the_code_makes_now(page):
    assert page.is_file(), f"{page.relative_to(ROOT)} is missing; run python docs/generate.py"
    text = page.read_text(encoding="utf-8")
    assert text.startswith(generate.NOTICE), "a generated page starts with the notice"
    assert text == generate.PAGES[page](), (
        f"{page.relative_to(ROOT)} is stale; run python docs/generate.py"
    )


def test_the_check_mode_of_the_generator_agrees(capsys):
    assert generate.main(["--check"]) == 0, capsys.readouterr().out


def test_the_data_dictionary_covers_every_field_and_vocabulary():
    text = (DOCS / "reference" / "data-dictionary.md").read_text(encoding="utf-8")
    for model in generate.RECORD_MODELS + generate.FILE_MODELS:
        assert f"\n### {model.__name__}\n" in text
        for name in model.model_fields:
            assert f"| `{name}` |" in text, f"{model.__name__}.{name}"
    for enumeration in generate.VOCABULARIES:
        for member in enumeration:
            assert f"`{member.value}`" in text
    for spelling in (s for kind in generate.ResourceType for s in kind.spellings):
        assert spelling in text


def test_every_field_of_a_record_names_its_source_label_or_is_made_by_the_build():
    made = {
        name
        for name, info in generate.Resource.model_fields.items()
        if generate.source_label(generate.Resource, name, info) == "—"
    }
    assert made == {"id", "provenance"}


def test_every_command_is_in_the_reference_and_its_example_parses():
    parser = cli.build_parser()
    commands = generate.subcommands(parser)
    text = (DOCS / "reference" / "cli.md").read_text(encoding="utf-8")
    assert commands, "the parser has commands"
    for name, command in commands.items():
        assert f"\n## migrantres {name}\n" in text
        shown = generate.examples(command)
        assert shown, f"'migrantres {name}' has an example"
        for example in shown:
            argv = shlex.split(example)
            argv = argv[1 : next((i for i, a in enumerate(argv) if a.startswith(">")), None)]
            args = parser.parse_args(joined_sort_values(argv))
            assert args.command == name


def test_the_api_reference_renders_the_docstrings_restructuredtext_as_markdown():
    pytest.importorskip("griffe")
    spec = importlib.util.spec_from_file_location("docs_griffe_roles", DOCS / "griffe_roles.py")
    assert spec is not None
    assert spec.loader is not None
    roles = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(roles)
    docstring = (
        "Load it::\n\n    >>> load()\n    ['a']\n\n"
        "See :meth:`Catalogue.filter` and :class:`~migrantres.Resource`.\n\n"
        ".. versionadded:: 0.1\n\n.. code-block:: text\n\n    A\n    └── B\n"
    )
    assert roles.markdown(docstring) == (
        "Load it:\n\n```pycon\n>>> load()\n['a']\n```\n\n"
        "See `Catalogue.filter()` and `Resource`.\n\n"
        "*New in version 0.1.*\n\n```text\nA\n└── B\n```\n"
    )


# -- (b) shell examples ------------------------------------------------------------------


def _console_examples():
    for path in PAGES:
        for language, line, body in _blocks(path):
            if language == "console":
                yield pytest.param(body, id=f"{path.relative_to(ROOT).as_posix()}:{line}")


def _sessions(body: str) -> list[tuple[str, list[str]]]:
    """Each ``$ command`` of a console block and the lines shown after it."""
    sessions: list[tuple[str, list[str]]] = []
    for line in body.splitlines():
        if line.startswith("$ "):
            sessions.append((line[2:], []))
        else:
            assert sessions, f"a console block starts with a '$ ' command, not {line!r}"
            sessions[-1][1].append(line.rstrip())
    return sessions


@pytest.mark.parametrize("body", list(_console_examples()))
def test_console_examples_print_what_they_show(body, capsys, monkeypatch, tmp_path):
    """Each command runs in-process, in one directory per block, 100 columns wide.

    What it writes to standard output, then to standard error, must be the lines the
    block shows after it, as a terminal would show them.
    """
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.chdir(tmp_path)
    for command, shown in _sessions(body):
        argv = shlex.split(command)
        assert argv[0] == "migrantres", (
            f"console blocks run migrantres commands only; use an sh block for {command!r}"
        )
        cli.main(argv[1:])
        captured = capsys.readouterr()
        printed = [line.rstrip() for line in (captured.out + captured.err).splitlines()]
        assert printed == shown, f"$ {command}"


def test_every_page_has_its_examples_tested():
    """Python examples are doctests, and there is at least one console example."""
    untested = [
        f"{path.relative_to(ROOT)}:{line}"
        for path in PAGES
        for language, line, body in _blocks(path)
        if language in {"python", "py", "pycon"}
        and ">>>" not in body
        # A file included whole (pymdownx.snippets) is tested where it lives.
        and not body.strip().startswith("--8<--")
    ]
    assert untested == [], "Python examples must be >>> doctests"
    assert list(_console_examples())


# -- (c) the example notebook ------------------------------------------------------------


def test_notebooks_are_committed_without_outputs():
    assert TOUR in NOTEBOOKS
    for path in NOTEBOOKS:
        notebook = json.loads(path.read_text(encoding="utf-8"))
        for cell in notebook["cells"]:
            if cell["cell_type"] == "code":
                assert cell["outputs"] == [], f"{path.name}: clear the outputs"
                assert cell["execution_count"] is None, f"{path.name}: clear the outputs"


def _text(cell) -> str:
    """Everything a code cell printed or displayed, as plain text."""
    parts = []
    for output in cell.get("outputs", []):
        if output["output_type"] == "stream":
            parts.append(output["text"])
        elif "data" in output:
            parts.append(output["data"].get("text/plain", ""))
    return "".join(parts)


def _tagged(notebook, tag: str):
    found = [c for c in notebook.cells if tag in c.get("metadata", {}).get("tags", [])]
    assert len(found) == 1, f"one cell is tagged {tag!r}"
    return found[0]


@pytest.mark.slow
def test_the_example_notebook_runs_and_answers_its_questions(tmp_path, monkeypatch):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    pytest.importorskip("pandas")
    # A kernel for this very interpreter, whatever kernels are installed.
    kernel = tmp_path / "jupyter" / "kernels" / "migrantres-tests"
    kernel.mkdir(parents=True)
    spec = {
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "migrantres tests",
        "language": "python",
    }
    (kernel / "kernel.json").write_text(json.dumps(spec), encoding="utf-8")
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter"))
    monkeypatch.setenv("JUPYTER_PLATFORM_DIRS", "1")
    work = tmp_path / "work"
    work.mkdir()

    notebook = nbformat.read(TOUR, as_version=4)
    client = nbclient.NotebookClient(
        notebook,
        kernel_name="migrantres-tests",
        timeout=120,
        resources={"metadata": {"path": str(work)}},
    )
    client.execute()

    errors = [
        output
        for cell in notebook.cells
        for output in cell.get("outputs", [])
        if output["output_type"] == "error"
    ]
    assert errors == []
    assert "remediation-guidelines-victims-human-trafficking-mineral-supply-chains" in _text(
        _tagged(notebook, "french")
    )
    grouped = _text(_tagged(notebook, "grouped"))
    assert "International Organization for Migration" in grouped
    assert "guidance-implementation" in grouped
    ranked = _text(_tagged(notebook, "search")).splitlines()
    assert ranked[0].startswith("theory-change-working-together-end-migrant-worker-exploitation")
    exported = _text(_tagged(notebook, "export"))
    assert "id,title,type" in exported


# -- (d) the site ------------------------------------------------------------------------


@pytest.mark.slow
def test_the_site_builds_in_strict_mode(tmp_path):
    pytest.importorskip("mkdocs")
    pytest.importorskip("mkdocstrings_handlers.python")
    pytest.importorskip("material")
    site = tmp_path / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    api = (site / "reference" / "api" / "index.html").read_text(encoding="utf-8")
    assert "migrantres.Catalogue" in api or "Catalogue" in api
    assert ":class:" not in api, "reStructuredText roles are rendered as code"
    changelog = (site / "changelog" / "index.html").read_text(encoding="utf-8")
    assert "0.1.20261128" in changelog, "the changelog page includes CHANGELOG.md"
    assert (site / "examples" / "catalogue-tour.ipynb").is_file()
