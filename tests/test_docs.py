"""The documentation: generated pages, shell examples, the example notebook and the site.

Python examples in the Markdown files are doctests, run by pytest's ``--doctest-glob``
(see pyproject.toml); this module checks everything else a reader might copy.
"""

from __future__ import annotations

import html
import importlib.util
import json
import re
import shlex
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

import docs_site
import migrantres
from migrantres import cli
from migrantres._formats.schema import table_schema
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


generate = docs_site.load_docs_module("generate")


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


@pytest.mark.slow
def test_the_check_mode_of_the_generator_agrees(capsys):
    """It runs the notebooks too (a Jupyter kernel), hence slow."""
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


def _patterns():
    """Every pattern a field of a documented model or a CSV column must match."""
    for model in generate.RECORD_MODELS + generate.FILE_MODELS:
        for name, info in model.model_fields.items():
            for item in info.metadata:
                pattern = getattr(item, "pattern", None)
                if pattern and pattern not in generate._TEXT_PATTERNS:
                    yield pytest.param(pattern, id=f"{model.__name__}.{name}")
    for field in table_schema()["fields"]:
        if "pattern" in field.get("constraints", {}):
            yield pytest.param(field["constraints"]["pattern"], id=f"csv.{field['name']}")


@pytest.mark.parametrize("pattern", list(_patterns()))
def test_the_data_dictionary_says_in_words_what_each_pattern_accepts(pattern):
    text = (DOCS / "reference" / "data-dictionary.md").read_text(encoding="utf-8")
    assert generate.pattern_words(pattern) in text
    assert pattern not in text, "the regular expression stays in the JSON Schema"


def test_the_data_dictionary_shows_no_regular_expression_outside_the_text_rule():
    text = (DOCS / "reference" / "data-dictionary.md").read_text(encoding="utf-8")
    rule = f"    {generate.models.LINE_PATTERN}\n"
    assert text.count(rule) == 1, "the text rule, once, in its collapsed block"
    rest = text.replace(rule, "")
    for syntax in (r"\p{", "(?:", "(?i", "^[", "]$", "{64}", "[0-9]{"):
        assert syntax not in rest


def test_a_pattern_without_words_stops_the_generator():
    with pytest.raises(ValueError, match=r"no words for the pattern '\^\[A-Z\]\+\$'"):
        generate.pattern_words("^[A-Z]+$")


@given(st.text(st.sampled_from("ab -/é\t"), max_size=80), st.integers(10, 50), st.integers(6, 30))
def test_an_example_is_cut_after_a_word_and_holds_no_long_unbreakable_run(text, width, run):
    shown = generate.shorten(text, width, run)
    assert len(shown) <= width
    if shown == text:
        return
    assert shown.endswith("…")
    kept = shown[:-1]
    assert text.startswith(kept)
    assert all(len(part) <= run for part in re.split(r"[\s-]", shown))
    unbreakable = re.search(rf"[^\s-]{{{run + 1},}}", text)
    breaks = [
        m.end() for m in re.finditer(r"-(?=\S)|\S(?=\s)", text) if width // 2 < m.end() <= width - 1
    ]
    if unbreakable is None and breaks:
        # Cut where a line could break: before a space, or after a hyphen.
        assert kept.endswith("-") or text[len(kept)].isspace()


def test_the_data_dictionarys_examples_end_at_a_word():
    text = (DOCS / "reference" / "data-dictionary.md").read_text(encoding="utf-8")
    assert '| `"Labour Exploitation, Trafficking and…` |' in text
    assert '| `"https://publications.iom.int…` |' in text


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
    """Python examples are doctests, and there is at least one console example.

    A notebook's page shows its cells as the notebook holds them: the notebook is run
    and its outputs checked (below).
    """
    untested = [
        f"{path.relative_to(ROOT)}:{line}"
        for path in PAGES
        if path not in generate.NOTEBOOKS.values()
        for language, line, body in _blocks(path)
        if language in {"python", "py", "pycon"}
        and ">>>" not in body
        # A file included whole (pymdownx.snippets) is tested where it lives.
        and not body.strip().startswith("--8<--")
    ]
    assert untested == [], "Python examples must be >>> doctests"
    assert list(_console_examples())


# -- (c) the example notebook ------------------------------------------------------------


def test_every_notebook_has_its_page_in_the_site():
    assert TOUR in NOTEBOOKS
    assert set(generate.NOTEBOOKS) == set(NOTEBOOKS)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_a_notebook_is_kept_with_the_outputs_of_one_run_from_top_to_bottom(path):
    """Every code cell ran, once, in order, without an error.

    A cheap check of what a slow test below checks exactly: that the outputs are what a
    new run prints.
    """
    notebook = json.loads(path.read_text(encoding="utf-8"))
    code_cells = [cell for cell in notebook["cells"] if cell["cell_type"] == "code"]
    counts = [cell["execution_count"] for cell in code_cells]
    assert counts == list(range(1, len(code_cells) + 1)), "run it: python docs/generate.py"
    kinds = [output["output_type"] for cell in code_cells for output in cell["outputs"]]
    assert "error" not in kinds
    assert all(cell["outputs"] for cell in code_cells), "each cell shows what it does"


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


@pytest.fixture(scope="module")
def tour_run() -> str:
    """The example notebook as a new run leaves it (in a kernel on this interpreter)."""
    return generate.run_notebook(TOUR)


@pytest.mark.slow
def test_the_example_notebook_keeps_the_outputs_a_new_run_gives(tour_run):
    assert TOUR.read_text(encoding="utf-8") == tour_run, (
        "the notebook's outputs are stale; run python docs/generate.py"
    )


@pytest.mark.slow
def test_the_example_notebook_runs_and_answers_its_questions(tour_run):
    nbformat = pytest.importorskip("nbformat")
    notebook = nbformat.reads(tour_run, as_version=4)
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


def test_a_notebook_page_refuses_an_output_it_cannot_show():
    image = {"output_type": "display_data", "data": {"image/png": "iVBOR"}, "metadata": {}}
    with pytest.raises(ValueError, match=r"cannot show an output of kind 'display_data'"):
        generate.output_markdown(image)


# -- (d) the site ------------------------------------------------------------------------


def _nav_pages(entries) -> list[str]:
    """The pages the navigation of mkdocs.yml names, in order."""
    pages = []
    for entry in entries:
        for value in entry.values() if isinstance(entry, dict) else [entry]:
            pages += _nav_pages(value) if isinstance(value, list) else [value]
    return pages


class _ConfigLoader(yaml.SafeLoader):
    """YAML as mkdocs.yml writes it: its Python names (``!!python/name:``) read as text."""


_ConfigLoader.add_multi_constructor(
    "tag:yaml.org,2002:python/name:", lambda _loader, suffix, _node: suffix
)


def test_every_page_is_in_the_navigation_and_every_entry_is_a_page():
    """Zensical does not check this, as MkDocs did (``omitted_files``)."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), _ConfigLoader)  # noqa: S506 - a SafeLoader
    named = _nav_pages(config["nav"])
    pages = sorted(p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md"))
    assert sorted(named) == pages
    assert len(named) == len(set(named))


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The site built from a copy of its sources by docs/build.py, as CI builds it."""
    result, site = docs_site.build(tmp_path_factory.mktemp("docs"))
    assert result.returncode == 0, result.stdout + result.stderr
    return result, site


@pytest.mark.slow
def test_the_site_builds_strictly_with_zensical(built):
    result, site = built
    printed = result.stdout + result.stderr
    assert "No issues found" in printed
    assert "Build finished" in printed
    assert not docs_site.load_docs_module("build").DOCSTRING_WARNING.search(printed)
    api = (site / "reference" / "api" / "index.html").read_text(encoding="utf-8")
    assert 'id="migrantres.Catalogue"' in api
    assert ":class:" not in api, "reStructuredText roles are rendered as code"
    changelog = (site / "changelog" / "index.html").read_text(encoding="utf-8")
    assert "0.1.20261128" in changelog, "the changelog page includes CHANGELOG.md"
    assert not (site / "generate").exists(), "scripts are not pages"
    assert not (site / "templates").exists(), "templates are not pages"


def _broken_link(copy: Path) -> None:
    index = copy / "docs" / "index.md"
    index.write_text(index.read_text(encoding="utf-8") + "\n[gone](no-such-page.md)\n")


def _docstring_naming_no_parameter(copy: Path) -> None:
    loader = copy / "src" / "migrantres" / "_storage" / "loader.py"
    text = loader.read_text(encoding="utf-8")
    assert text.count("    Args:\n") == 1
    loader.write_text(text.replace("    Args:\n", "    Args:\n        bogus: no such parameter.\n"))


@pytest.mark.slow
@pytest.mark.parametrize(
    ("change", "named"),
    [
        (_broken_link, "Warning: page does not exist"),
        (_docstring_naming_no_parameter, "Parameter 'bogus' does not appear"),
    ],
    ids=["broken-link", "docstring-warning"],
)
def test_the_build_fails_on_what_a_reader_would_trip_over(change, named, tmp_path):
    result, _ = docs_site.build(tmp_path, change)
    assert result.returncode != 0
    assert named in re.sub(r"\x1b\[[0-9;]*m", "", result.stdout + result.stderr)


def _section(page: str, anchor: str) -> str:
    """The text of the API reference's entry with this anchor, up to the next entry."""
    start = page.rindex("<", 0, page.index(f'id="{anchor}"'))
    end = min(page.find(tag, start + 1) % len(page) for tag in ('<div class="doc doc-object', "<h"))
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", page[start:end])).split())


@pytest.mark.slow
@pytest.mark.parametrize("model", generate.RECORD_MODELS, ids=lambda m: m.__name__)
def test_the_api_reference_shows_each_models_fields_with_type_default_and_description(model, built):
    _, site = built
    page = (site / "reference" / "api" / "index.html").read_text(encoding="utf-8")
    for name, info in model.model_fields.items():
        entry = _section(page, f"migrantres.{model.__name__}.{name}")
        heading, _, signature = entry.partition(" ¶ ")
        assert heading == f"{name} pydantic-field"
        assert signature.startswith(f"{name}: "), f"{model.__name__}.{name} has its type"
        description = re.sub(r"`+", "", generate.rest_to_markdown(info.description or ""))
        shown, found, after = signature.partition(" ".join(description.split()))
        assert found, f"{model.__name__}.{name} has its description"
        assert after == "", f"{model.__name__}.{name} ends with its description"
        assert (" = " in shown) == (not info.is_required()), f"{model.__name__}.{name} default"
    assert "Validators:" not in page
    assert "Config:" not in page


@pytest.mark.slow
def test_the_notebook_page_shows_the_cells_and_their_outputs_and_offers_the_notebook(built):
    _, site = built
    page = (site / "examples" / "catalogue-tour" / "index.html").read_text(encoding="utf-8")
    assert '<div class="migrantres-catalogue">' in page, "the catalogue's table"
    assert '<div class="migrantres-record">' in page, "the record's view"
    # The search cell's output, as the package answers it now.
    for resource, score in migrantres.load().search("recruitment OR fees").hits():
        assert f"{resource.id} {round(score, 2)}" in page
    assert 'href="../catalogue-tour.ipynb"' in page
    assert (site / "examples" / "catalogue-tour.ipynb").read_bytes() == TOUR.read_bytes()


needs_chromium = pytest.mark.skipif(
    docs_site.load_docs_module("screenshots").chromium() is None,
    reason="no Chromium on PATH (Debian: apt-get install chromium; or set CHROMIUM)",
)


@pytest.mark.slow
@needs_chromium
def test_the_architecture_diagram_is_drawn(built, request):
    """Chromium draws the diagram with Mermaid, as a reader's browser does.

    The theme loads Mermaid from a CDN (unpkg) when a page holds a diagram; here the
    browser gets npm's copy instead, as it has no network.
    """
    _, site = built
    mermaid = docs_site.mermaid_js(request.config.cache.mkdir("migrantres-npm-mermaid"))
    site_screenshots = docs_site.load_docs_module("site_screenshots")
    with site_screenshots.SiteBrowser(mermaid) as browser:
        browser.open(site / "architecture" / "index.html", width=1280)
        assert browser.evaluate(site_screenshots.DIAGRAMS_DRAWN) is True
        (labels,) = browser.diagram_text()
    for stage in ("cli", "ingest", "_storage", "_catalogue", "_query", "_formats", "_records"):
        assert stage in labels


@pytest.mark.slow
@needs_chromium
@pytest.mark.parametrize("width", [1440, 1280, 1024, 800])
def test_the_reference_tables_split_no_word_and_fit_the_page(built, width):
    _, site = built
    site_screenshots = docs_site.load_docs_module("site_screenshots")
    with site_screenshots.SiteBrowser() as browser:
        for page in ("reference/data-dictionary", "reference/cli"):
            browser.open(site / page / "index.html", width=width)
            problems = browser.evaluate(docs_site.LAYOUT_PROBLEMS)
            assert problems == {"split": [], "wide": []}, page
