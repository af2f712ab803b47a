"""Deep input: any nesting depth, in any reader, gives records or a LoadError, never a RecursionError."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

import migrantres
from conftest import ROOT
from migrantres import Catalogue, LoadError, ParseError
from migrantres.cli import main
from migrantres.ingest import ingest

DEPTH = 10_000
RECORD = {
    "id": "shallow",
    "title": "A title",
    "type": "report",
    "jurisdiction": "Global",
    "organizations": [{"name": "IOM"}],
    "description": "A description.",
}


def nested(depth, *, array=True):
    return ("[" * depth + "]" * depth) if array else ('{"a":' * depth + "1" + "}" * depth)


def deep_record(depth, field="title", **kw):
    text = json.dumps({**RECORD, "id": "deep", field: "PLACEHOLDER"})
    return text.replace('"PLACEHOLDER"', nested(depth, **kw))


def csv_with_deep_provenance(shipped, depth):
    rows = list(csv.reader(io.StringIO(shipped.to_csv())))
    rows[2][-1] = '{"locations": ' + nested(depth) + "}"
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue()


def test_a_catalogue_10000_levels_deep_is_a_load_error_naming_file_and_record(tmp_path, shipped):
    """The issue's example: load(), from_json and from_csv raised a bare RecursionError."""
    document = '{"records": [' + json.dumps(RECORD) + ", " + deep_record(DEPTH) + "]}"
    path = tmp_path / "deep.json"
    path.write_text(document, encoding="utf-8")
    with pytest.raises(LoadError, match=r"deep\.json: 1 problem") as info:
        migrantres.load(path)
    (problem,) = info.value.problems
    assert (problem.index, problem.id, problem.field) == (1, "deep", "title")
    assert problem.message == "JSON nested more than 200 levels deep"
    with pytest.raises(LoadError, match="record 1 .* nested more than 200 levels deep"):
        Catalogue.from_json(document)
    with pytest.raises(LoadError, match="record 0: JSON nested more than 200 levels deep"):
        Catalogue.from_json(nested(DEPTH))
    with pytest.raises(LoadError, match=r"line 2, record 1 \(id 'deep'\), field 'title'"):
        Catalogue.from_jsonl(json.dumps(RECORD) + "\n" + deep_record(DEPTH) + "\n")
    csv_text = csv_with_deep_provenance(shipped, DEPTH)
    with pytest.raises(LoadError, match=r"line 3, record 1 .*provenance\.locations: JSON nested"):
        Catalogue.from_csv(csv_text)


def test_validate_exits_with_its_status_and_one_line_per_problem(tmp_path):
    path = tmp_path / "deep.json"
    path.write_text(nested(DEPTH), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "migrantres", "validate", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert result.stderr == ""
    assert result.stdout == (
        f"{path}: invalid, 1 problem\n  line 1, record 0: JSON nested more than 200 levels deep\n"
    )


@given(
    st.integers(1, 3 * DEPTH),
    st.sampled_from(["title", "organizations", "availability", "provenance", "record", "document"]),
    st.booleans(),
)
def test_any_depth_anywhere_in_json_gives_records_or_a_load_error(depth, where, array):
    if where == "record":
        text = "[" + nested(depth, array=array) + "]"
    elif where == "document":
        text = nested(depth, array=array)
    else:
        text = "[" + deep_record(depth, where, array=array) + "]"
    for read in (Catalogue.from_json, Catalogue.from_jsonl):
        body = text if read is Catalogue.from_json else text[1:-1]
        try:
            read(body)
        except LoadError as exc:
            assert exc.problems
            if depth > 250 and where != "document":
                assert any("nested more than 200 levels" in p.message for p in exc.problems)


@given(st.integers(1, 3 * DEPTH))
def test_any_depth_in_a_csv_cell_gives_records_or_a_load_error(shipped, depth):
    try:
        Catalogue.from_csv(csv_with_deep_provenance(shipped, depth))
    except LoadError as exc:
        assert {p.index for p in exc.problems} == {1}
        if depth > 250:
            assert [p.message for p in exc.problems] == [
                "provenance.locations: JSON nested more than 200 levels deep"
            ]


def test_deep_python_records_give_a_load_error():
    deep: list[object] = []
    inner = deep
    for _ in range(DEPTH):
        inner.append([])
        inner = inner[0]
    with pytest.raises(LoadError, match="field 'title'"):
        Catalogue.from_records([{**RECORD, "title": deep}])


def test_a_deep_corrections_file_is_a_parse_error(tmp_path, capsys):
    """The corrections file `migrantres ingest --corrections` reads is TOML: same rule."""
    section = ROOT / "tests" / "fixtures" / "compendium" / "ngo-section.txt"
    corrections = tmp_path / "deep.toml"
    corrections.write_text("correction = " + nested(DEPTH) + "\n", encoding="utf-8")
    with pytest.raises(ParseError, match="nested too deeply"):
        ingest(section, corrections=corrections)
    assert main(["ingest", str(section), "--corrections", str(corrections), "--check"]) in {1, 2}
    captured = capsys.readouterr()
    assert "nested too deeply" in captured.out + captured.err
    assert "Traceback" not in captured.out + captured.err
