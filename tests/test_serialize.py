"""Every format out and back: exact, deterministic, and safe for the tool that reads it."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from hypothesis import given

import migrantres
from migrantres import Catalogue, LoadError, MissingDependencyError
from strategies import awkward_lines, catalogues

awkward = catalogues(text=awkward_lines(), max_size=6)


# -- round trips -------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv"])
def test_shipped_catalogue_round_trips_exactly(shipped, fmt):
    text = getattr(shipped, f"to_{fmt}")()
    back = getattr(Catalogue, f"from_{fmt}")(text)
    assert back == shipped
    assert back.to_records() == shipped.to_records()  # provenance, labels, precision, order
    assert getattr(back, f"to_{fmt}")() == text


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv"])
@given(catalogue=awkward)
def test_awkward_text_round_trips_exactly(fmt, catalogue):
    text = getattr(catalogue, f"to_{fmt}")()
    back = getattr(Catalogue, f"from_{fmt}")(text)
    assert back.to_records() == catalogue.to_records()


@given(catalogue=awkward)
def test_records_round_trip(catalogue):
    assert Catalogue.from_records(catalogue.to_records()) == catalogue
    assert Catalogue.from_records(list(catalogue)) == catalogue


@given(catalogue=awkward)
def test_exports_are_deterministic(catalogue):
    copy = Catalogue(list(catalogue), version=catalogue.version)
    for method in ("to_json", "to_jsonl", "to_csv", "to_markdown"):
        assert getattr(catalogue, method)() == getattr(copy, method)()


def test_json_keeps_the_version_and_non_ascii_text(sample):
    text = Catalogue(list(sample), version="2024.1").to_json()
    assert json.loads(text)["version"] == "2024.1"
    assert Catalogue.from_json(text).version == "2024.1"
    assert "êtres humains" in text
    assert "Руководство" in text
    assert "\\u" not in text


def test_to_records_is_json_ready(shipped):
    records = shipped.to_records()
    assert json.loads(json.dumps(records)) == records
    assert records[0]["launch_date"] == "2015"
    assert records[0]["type"] == "report"


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv"])
def test_load_reads_each_format_by_its_extension(tmp_path, sample, fmt):
    path = tmp_path / f"catalogue.{fmt}"
    path.write_text(getattr(sample, f"to_{fmt}")(), encoding="utf-8", newline="")
    assert migrantres.load(path) == sample


def test_ndjson_is_read_as_jsonl(tmp_path, sample):
    path = tmp_path / "catalogue.ndjson"
    path.write_text(sample.to_jsonl(), encoding="utf-8")
    assert migrantres.load(path) == sample


# -- CSV -----------------------------------------------------------------------------------


def test_csv_has_one_row_per_resource_and_a_header(shipped):
    rows = list(csv.reader(io.StringIO(shipped.to_csv(), newline="")))
    assert rows[0] == list(migrantres.Resource.model_fields)
    assert len(rows) == 1 + len(shipped)


def test_csv_keeps_languages_tied_to_their_urls(sample):
    row = next(csv.DictReader(io.StringIO(sample.to_csv(), newline="")))
    assert (
        row["availability"]
        == "[en,fr] https://example.org/guide.pdf | [es] https://example.org/guia.pdf"
    )
    assert row["organizations"] == "International Organization for Migration (IOM); H&M Group"


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r", "'"])
def test_csv_neutralises_cells_a_spreadsheet_would_run(sample, start):
    record = sample.to_records()[0]
    record["title"] = f'{start}HYPERLINK("http://evil")' if start not in "\t\r" else "x"
    record["jurisdiction"] = start + "cmd|' /C calc'!A0" if start not in "\t\r" else "Global"
    record["description"] = (start + "SUM(A1:A9)") if start not in "\t\r" else "ok"
    catalogue = Catalogue.from_records([record])
    text = catalogue.to_csv()
    row = next(csv.DictReader(io.StringIO(text, newline="")))
    for value in row.values():
        assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), value
    assert Catalogue.from_csv(text) == catalogue


@given(catalogue=awkward)
def test_no_csv_cell_can_start_a_formula(catalogue):
    for row in csv.reader(io.StringIO(catalogue.to_csv(), newline="")):
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))


def test_csv_escapes_separators_in_names_and_urls(sample):
    record = sample.to_records()[0]
    record["organizations"] = [{"name": "A; B (C) \\ D", "acronym": "X(Y)"}]
    record["availability"] = [{"languages": ["en"], "url": "https://example.org/a;b(c)%7C"}]
    record["languages"] = ["en"]  # derived from availability, so it must agree with it
    catalogue = Catalogue.from_records([record])
    assert Catalogue.from_csv(catalogue.to_csv()) == catalogue


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "the file is empty; expected a header row"),
        ("id,title\r\nx,y\r\n", "missing columns: type, type_label"),
        ("id,title,colour\r\n", "unknown columns: 'colour'"),
    ],
)
def test_malformed_csv_is_a_load_error(text, message):
    with pytest.raises(LoadError, match=message):
        Catalogue.from_csv(text)


def test_csv_problems_name_their_line_and_record(sample):
    lines = sample.to_csv().split("\r\n")
    lines[2] = lines[2].replace("2018", "2018-13", 1)  # the second record's date
    # The first record's description has two paragraphs, so it spans lines 2 to 4.
    with pytest.raises(
        LoadError,
        match="line 5, record 1 \\(id 'rapport-sur-la-traite'\\), field 'launch_date': .*month must be between 1 and 12",
    ) as info:
        Catalogue.from_csv("\r\n".join(lines))
    assert info.value.problems[0].value == "2018-13"


def test_csv_row_with_wrong_cell_count_is_reported(sample):
    text = sample.to_csv()
    with pytest.raises(LoadError, match="different number of cells"):
        Catalogue.from_csv(text + "only,three,cells\r\n")


def test_jsonl_problems_name_their_line(sample):
    lines = sample.to_jsonl().splitlines()
    lines[1] = lines[1].replace('"launch_date":"2018"', '"launch_date":"soon"')
    lines.insert(3, "{not json")
    with pytest.raises(LoadError) as info:
        Catalogue.from_jsonl("\n".join(lines))
    assert [(p.line, p.field) for p in info.value.problems] == [(2, "launch_date"), (4, None)]


def test_from_records_needs_records():
    with pytest.raises(TypeError, match="expected an iterable of records"):
        Catalogue.from_records("not records")  # type: ignore[arg-type]
    with pytest.raises(LoadError, match="record 0, field 'id': Field required"):
        Catalogue.from_records([{"title": "x"}])


# -- Markdown and HTML -----------------------------------------------------------------------


def test_markdown_table(shipped):
    lines = shipped.to_markdown().splitlines()
    assert lines[0] == "| id | date | type | title | organizations | languages |"
    assert len(lines) == 2 + len(shipped)
    assert "H&M Group; IOM" in lines[3]


def _hostile(sample):
    record = sample.to_records()[0]
    record["title"] = "<script>alert(1)</script> | *x* [y](javascript:alert(1))"
    record["description"] = "<img src=x onerror=alert(1)>\n\nsecond"
    return Catalogue.from_records([record])


def test_markdown_escapes_data(sample):
    text = _hostile(sample).to_markdown()
    assert not re.search(r"(?<!\\)<(script|img)", text)  # every tag's "<" is escaped
    assert "\\<script>" in text
    assert "\\[y\\]" in text
    assert text.splitlines()[2].count(" | ") == 5  # the pipe in the title did not add a cell


def test_html_escapes_data_and_links_only_http(sample):
    catalogue = _hostile(sample)
    for html_text in (catalogue._repr_html_(), catalogue[0]._repr_html_()):
        assert "<script" not in html_text
        assert "<img" not in html_text
        assert "&lt;script&gt;" in html_text
        assert re.findall(r'href="([^"]+)"', html_text) == [
            "https://example.org/guide.pdf",
            "https://example.org/guia.pdf",
        ]


@given(catalogue=awkward)
def test_html_never_holds_unescaped_data(catalogue):
    views = [(catalogue._repr_html_(), set()), *((r._repr_html_(), {"p"}) for r in catalogue)]
    for text, extra in views:
        tags = set(re.findall(r"</?([a-zA-Z]+)", text))
        table = {"div", "table", "caption", "thead", "tbody", "tr", "th", "td", "a", "code", "span"}
        assert tags <= table | extra
        # Attributes hold the package's own classes and styles, and the records' links.
        attributes = re.findall(r'\s([a-z]+)="([^"]*)"', text)
        assert {name for name, _ in attributes} <= {"class", "style", "href", "rel", "colspan"}
        for name, value in attributes:
            if name == "style":
                assert re.fullmatch(r"[a-z\-]+:[a-z0-9.%\- ]+(;[a-z\-]+:[a-z0-9.%\- ]+)*", value)
        for resource in catalogue:
            if "<" in resource.title:
                assert resource.title not in text


def test_notebook_views_through_ipython(shipped):
    formatters = pytest.importorskip("IPython.core.formatters")
    bundle, _ = formatters.DisplayFormatter().format(shipped)
    assert bundle["text/plain"] == repr(shipped)
    assert bundle["text/html"].startswith('<div class="migrantres-catalogue"><table>')
    assert bundle["text/markdown"].startswith(repr(shipped))
    single, _ = formatters.DisplayFormatter().format(shipped[0])
    assert "text/html" in single


def test_long_catalogues_show_a_limited_number_of_rows(sample):
    records = [dict(sample.to_records()[0], id=f"r-{i}") for i in range(60)]
    big = Catalogue.from_records(records)
    assert "… and 10 more" in big._repr_html_()
    assert "… and 10 more" in big._repr_markdown_()
    assert big.to_markdown().count("\n| r-") == 60  # the export itself is complete


# -- pandas ----------------------------------------------------------------------------------


def test_to_dataframe_has_typed_columns(shipped):
    pd = pytest.importorskip("pandas")
    frame = shipped.to_dataframe()
    assert list(frame["id"]) == list(shipped.ids())
    assert str(frame["year"].dtype) == "Int64"
    assert frame.loc[frame["id"] == shipped[3].id, "languages"].iloc[0] == ["en", "fr", "es", "zh"]
    assert frame["launch_date"].tolist() == [str(r.launch_date) for r in shipped]
    assert isinstance(frame, pd.DataFrame)


def test_to_dataframe_keeps_undated_resources(sample):
    pytest.importorskip("pandas")
    frame = sample.to_dataframe()
    undated = frame[frame["id"] == "undated-platform"].iloc[0]
    assert undated["year"] is pytest.importorskip("pandas").NA
    assert undated["languages"] == []


def test_to_dataframe_without_pandas_names_the_extra(shipped, monkeypatch):
    monkeypatch.setitem(__import__("sys").modules, "pandas", None)
    with pytest.raises(
        MissingDependencyError,
        match=r"^to_dataframe\(\) needs the optional dependency 'pandas' \(the 'pandas' extra "
        r"of migrantres\); install it with: pip install pandas$",
    ) as info:
        shipped.to_dataframe()
    assert isinstance(info.value, ImportError)
    assert (info.value.module, info.value.extra, info.value.name) == ("pandas", "pandas", "pandas")


@given(catalogue=awkward)
def test_to_json_is_exactly_what_json_dumps_writes(catalogue):
    """The fast writer keeps the documented format: json.dumps(indent=2), UTF-8 unescaped."""
    expected = json.dumps(
        {"schema_version": 1, "version": catalogue.version, "records": catalogue.to_records()},
        ensure_ascii=False,
        indent=2,
    )
    assert catalogue.to_json() == expected + "\n"


@given(catalogue=awkward)
def test_to_jsonl_lines_are_compact_json_dumps(catalogue):
    expected = "".join(
        json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"
        for record in catalogue.to_records()
    )
    assert catalogue.to_jsonl() == expected
