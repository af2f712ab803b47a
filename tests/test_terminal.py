"""What a person sees in a terminal: every command fits 60, 80, 120 and 200 columns.

Lines wrap between words under a hanging indent; a word (an id, a URL, a file name) is
never broken, and one longer than the terminal stands alone on its line, from the
first column. The in-process tests force the width with ``COLUMNS``; the tmux tests run
the installed command in real terminals of each width, and check that they show the
same lines, and the captures in the command line reference.
"""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
import sys
from typing import TYPE_CHECKING

import pytest
from hypothesis import given
from hypothesis import strategies as st

import migrantres
from conftest import ROOT, SAMPLE_RECORDS
from migrantres._formats.terminal import (
    Column,
    catalogue_table,
    record_text,
    table,
    width_of,
    wrap,
)
from migrantres.cli import build_parser, main
from strategies import catalogues, lines, resources

if TYPE_CHECKING:
    from pathlib import Path

WIDTHS = (60, 80, 120, 200)
ID = "remediation-guidelines-victims-human-trafficking-mineral-supply-chains"
URL = "https://publications.iom.int/books/remediation-guidelines-victims-human-trafficking-mineral-supply-chains"
FIXTURES = ROOT / "tests" / "fixtures" / "compendium"


def _load(name: str):
    spec = importlib.util.spec_from_file_location(f"docs_{name}", ROOT / "docs" / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


generate = _load("generate")
capture = _load("capture")


def misfits(text: str, width: int) -> list[str]:
    """The lines wider than ``width`` that are not one word standing alone on its line."""
    return [
        line
        for line in text.splitlines()
        if width_of(line) > width and (line != line.strip() or " " in line)
    ]


def run(capsys, monkeypatch, width: int, *argv: str) -> tuple[int, str, str]:
    monkeypatch.setenv("COLUMNS", str(width))
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


# -- wrapping, over the whole kind -------------------------------------------------------

_text = st.lists(
    lines(max_size=30) | st.sampled_from([URL, ID, "日本語の長い単語です"]), max_size=8
)


@given(
    words=_text,
    width=st.integers(8, 120),
    first=st.integers(0, 16),
    rest=st.integers(0, 16),
    label=st.booleans(),
)
def test_wrap_breaks_only_between_words_and_fits_or_stands_a_long_word_alone(
    words, width, first, rest, label
):
    text = " ".join(words)
    first_prefix = ("x" * first + " ") if label else " " * first
    out = wrap(text, width, first=first_prefix, rest=" " * rest)
    words_out = [w for line in out for w in line.split()]
    if label and first:
        assert words_out[0] == "x" * first
        words_out = words_out[1:]
    assert words_out == text.split()  # no word broken, lost or added
    assert misfits("\n".join(out), width) == []
    for line in out[1:]:
        # A continuation line has the hanging indent, or is a word too long for it.
        assert line.startswith(" " * rest) or (" " not in line and width_of(line) + rest > width)


@given(
    catalogue=catalogues(max_size=4),
    width=st.integers(20, 250),
    scored=st.booleans(),
)
def test_a_catalogue_table_fits_any_width_and_cuts_nothing(catalogue, width, scored):
    scores = dict.fromkeys(catalogue.ids(), 1.0) if scored else None
    text = catalogue_table(catalogue, width=width, scores=scores)
    if not catalogue:
        assert text == ""
        return
    assert misfits(text, width) == []
    words = text.split()
    for resource in catalogue:
        assert resource.id in words
        assert resource.type.value in words
        assert set(resource.title.split()) <= set(words)
    assert "…" not in text or any("…" in r.title for r in catalogue)


@given(resource=resources(), width=st.integers(20, 250))
def test_a_record_fits_any_width_and_keeps_ids_and_urls_whole(resource, width):
    text = record_text(resource, width=width)
    assert text.splitlines()[0] == resource.id
    assert misfits(text, width) == []
    words = text.split()
    for entry in resource.availability:
        assert entry.url in words
    for paragraph in resource.description.split("\n\n"):
        assert " ".join(paragraph.split()) in " ".join(words)


def test_a_table_gives_its_text_column_the_room_and_stacks_when_it_cannot():
    columns = [Column("id"), Column("kind"), Column("title", wrap=True, min_width=10)]
    rows = [["a-long-identifier", "guidance-implementation", "The title of the thing"]]
    assert table(columns, rows, width=80).splitlines() == [
        "id                 kind                     title",
        "a-long-identifier  guidance-implementation  The title of the thing",
    ]
    # Beside the two columns the title would get fewer than 10 columns: the id takes a
    # line of its own, and the title its room under it.
    assert table(columns, rows, width=50).splitlines() == [
        "id",
        "    kind                     title",
        "a-long-identifier",
        "    guidance-implementation  The title of the",
        "                             thing",
    ]


# -- every command, at every width -------------------------------------------------------


def _files(tmp_path: Path) -> dict[str, str]:
    shipped = migrantres.load()
    old = tmp_path / "old.json"
    old.write_text(shipped.to_json(), encoding="utf-8")
    records = shipped.to_records()
    records[0]["title"] = "A changed title, long enough to need more than one line at sixty"
    records[1]["id"] = "a-new-id"
    new = tmp_path / "new.json"
    new.write_text(json.dumps(records), encoding="utf-8")
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps([{"id": "Not An Id", "title": ""}]), encoding="utf-8")
    mine = tmp_path / "mine.json"
    mine.write_text(json.dumps(SAMPLE_RECORDS), encoding="utf-8")
    return {"old": str(old), "new": str(new), "bad": str(bad), "mine": str(mine)}


def _commands(files: dict[str, str]) -> list[list[str]]:
    return [
        ["list"],
        ["list", "--org", "H&M"],
        ["list", "--data", files["mine"]],
        ["search", "recruitment fees"],
        ["search", "migrant", "--limit", "2"],
        ["search", "zebra"],
        ["facets", "organizations"],
        ["facets", "languages"],
        ["facets", "launch_date__year"],
        ["facets", "type", "--data", files["mine"]],
        ["info"],
        ["validate", files["bad"]],
        ["validate", files["old"]],
        ["diff", files["old"], files["new"]],
        ["ingest", str(FIXTURES / "ngo-section.txt"), "--check"],
        ["--help"],
        *(["show", resource_id] for resource_id in migrantres.load().ids()),
        *(["show", resource_id, "--data", files["mine"]] for resource_id in ["undated-platform"]),
        *([name, "--help"] for name in generate.subcommands(build_parser())),
    ]


@pytest.mark.parametrize("width", WIDTHS)
def test_every_command_fits_the_terminal(width, capsys, monkeypatch, tmp_path):
    files = _files(tmp_path)
    for argv in _commands(files):
        _, out, err = run(capsys, monkeypatch, width, *argv)
        assert out + err, argv
        assert misfits(out + err, width) == [], argv


@pytest.mark.parametrize("width", WIDTHS)
def test_ids_and_urls_are_never_broken(width, capsys, monkeypatch):
    shipped = migrantres.load()
    _, out, _ = run(capsys, monkeypatch, width, "list")
    assert set(shipped.ids()) <= set(out.split())
    for resource in shipped:
        _, out, _ = run(capsys, monkeypatch, width, "show", resource.id)
        lines = out.splitlines()
        # The header starts with the id, whole, on its own line.
        assert lines[0] == resource.id
        assert {a.url for a in resource.availability} <= set(out.split())


def test_show_wraps_its_source_and_repairs_under_a_hanging_indent(capsys, monkeypatch):
    _, out, _ = run(capsys, monkeypatch, 80, "show", ID)
    lines = out.splitlines()
    # The URL the issue saw broken ("vic/tims") stands whole on its line.
    assert lines[lines.index("available:") + 1 : lines.index("available:") + 3] == [
        "  [en, fr, es, zh]",
        URL,
    ]
    source = next(i for i, line in enumerate(lines) if line.startswith("source: "))
    assert lines[source : source + 2] == [
        "source: upstream/osce-compendium-iom.txt, lines 14-25 (International",
        "        Organization for Migration (IOM))",
    ]
    repaired = [i for i, line in enumerate(lines) if line.startswith("  repaired: ")]
    assert len(repaired) == 3
    assert lines[repaired[0] + 1] == "            'Supply Chains' as its value (line 14)"
    corrected = next(i for i, line in enumerate(lines) if line.startswith("  corrected title"))
    assert lines[corrected + 1] == "                   Human Trafficking in Mineral Supply Chains'"


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("argv", [["list"], ["search", "migrant"]], ids=["list", "search"])
def test_the_title_gets_the_room(width, argv, capsys, monkeypatch):
    _, out, _ = run(capsys, monkeypatch, width, *argv)
    header = next(line for line in out.splitlines() if "title" in line.split())
    after = header[header.index("title") :].split()
    if after == ["title"]:
        return  # the title has lines of its own
    # Beside other columns, the title column is at least 40 wide, and the widest but
    # for the id (which is never cut); the type column is no wider than its longest type.
    names = header.split()
    starts = [header.index(name) for name in names]
    ends = [*starts[1:], width + 2]
    widths = {name: end - start for name, start, end in zip(names, starts, ends, strict=True)}
    assert widths["title"] >= 42
    assert widths["title"] == max(w for name, w in widths.items() if name != "id")
    assert widths["type"] == len("guidance-implementation") + 2


def test_organizations_and_languages_are_shown_when_the_width_allows(capsys, monkeypatch):
    shown = {}
    for width in WIDTHS:
        _, out, _ = run(capsys, monkeypatch, width, "list")
        heading = " ".join(line.strip() for line in out.splitlines()[:3])
        shown[width] = ("organizations" in heading, "languages" in heading)
    assert shown == {
        60: (True, False),
        80: (True, True),
        120: (True, True),
        200: (True, True),
    }
    _, out, _ = run(capsys, monkeypatch, 200, "list")
    row = next(line for line in out.splitlines() if line.startswith(ID + " "))
    assert row.endswith("  IOM             en, fr, es, zh")


def test_every_table_reports_its_count_the_same_way(capsys, monkeypatch):
    cases = [
        (["list"], "5 resources\n"),
        (["list", "--org", "H&M"], "0 resources\n"),
        (["list", "--org", "IOM", "--limit", "2"], "2 resources (--limit 2)\n"),
        (["search", "recruitment OR fees"], "2 resources\n"),
        (["search", "zebra"], "0 resources\n"),
        (["search", "migrant", "--limit", "1"], "1 resource (--limit 1)\n"),
        (["facets", "type"], "5 resources\n"),
        (["facets", "type", "--org", "nobody"], "0 resources\n"),
    ]
    for argv, count in cases:
        code, out, err = run(capsys, monkeypatch, 80, *argv)
        assert (code, err) == (0, count), argv
        if count.startswith("0 "):
            assert out == "", "no bare header"
    # Machine formats carry no count.
    for fmt in ("ids", "json", "csv"):
        _, _, err = run(capsys, monkeypatch, 80, "list", "--format", fmt)
        assert err == ""


# -- in a real terminal ------------------------------------------------------------------

needs_tmux = pytest.mark.skipif(
    shutil.which("tmux") is None, reason="no tmux (Debian and Ubuntu: apt-get install tmux)"
)
RUNS = [argv for runs in generate.CAPTURES.values() for argv in runs]


def _in_tmux(argv, width):
    return capture.capture([sys.executable, "-m", "migrantres", *argv], columns=width)


@needs_tmux
@pytest.mark.slow
@pytest.mark.parametrize("width", WIDTHS)
def test_a_real_terminal_shows_the_lines_the_tests_check(width, capsys, monkeypatch):
    for argv in RUNS:
        shown = _in_tmux(argv, width)
        assert shown.status == 0, argv
        _, out, err = run(capsys, monkeypatch, width, *argv)
        assert shown.lines == [line.rstrip() for line in (out + err).splitlines()], argv
        # The terminal folded only the words longer than itself.
        folded = [line for line in shown.lines if width_of(line) > width]
        assert all(" " not in line for line in folded), folded
        assert len(shown.screen) == len(shown.lines) + sum(
            -(-width_of(line) // width) - 1 for line in folded
        )


@needs_tmux
@pytest.mark.slow
def test_the_references_captures_are_what_a_terminal_80_columns_wide_shows():
    page = (ROOT / "docs" / "reference" / "cli.md").read_text(encoding="utf-8")
    blocks = re.findall(
        r"^What it shows in a terminal 80 columns wide:\n\n```text\n(.*?)^```$",
        page,
        re.DOTALL | re.MULTILINE,
    )
    assert len(blocks) == len(generate.CAPTURES)
    shown_in_docs = "".join(blocks)
    for argv in RUNS:
        shown = _in_tmux(argv, generate.CAPTURE_COLUMNS)
        command = "$ " + generate.shlex.join(["migrantres", *argv])
        assert command + "\n" + "".join(line + "\n" for line in shown.lines) in shown_in_docs
