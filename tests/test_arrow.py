"""Arrow and Parquet: the documented schema, exact round trips, and DuckDB and Polars reading it."""

from __future__ import annotations

import json
import sys

import duckdb
import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings

import migrantres
from migrantres import Catalogue, LoadError, MissingDependencyError, ResourceType
from strategies import awkward_lines, catalogues

any_catalogue = catalogues(max_size=8, provenance=True) | catalogues(
    max_size=5, text=awkward_lines(), provenance=True
)


def parquet_of(catalogue, tmp_path, name="catalogue.parquet"):
    path = tmp_path / name
    catalogue.to_parquet(path)
    return path


# -- the schema -----------------------------------------------------------------------------


def test_the_table_has_the_documented_columns_and_types(shipped):
    table = shipped.to_arrow()
    schema = table.schema
    assert table.num_rows == 5
    assert schema.names == [
        "id",
        "title",
        "type",
        "type_label",
        "jurisdiction",
        "organizations",
        "launch_date",
        "launch_year",
        "launch_month",
        "launch_day",
        "date_kind",
        "description",
        "availability",
        "languages",
        "provenance",
    ]
    assert schema.field("type").type == pa.dictionary(pa.int8(), pa.string())
    assert schema.field("date_kind").type == pa.dictionary(pa.int8(), pa.string())
    assert str(schema.field("organizations").type) == (
        "list<element: struct<name: string not null, acronym: string> not null>"
    )
    assert str(schema.field("availability").type) == (
        "list<element: struct<languages: list<element: string not null> not null, "
        "url: string not null> not null>"
    )
    assert schema.field("launch_date").type == pa.string()
    assert [schema.field(n).type for n in ("launch_year", "launch_month", "launch_day")] == [
        pa.int16(),
        pa.int8(),
        pa.int8(),
    ]
    assert pa.types.is_struct(schema.field("provenance").type)
    assert not schema.field("id").nullable
    assert schema.field("launch_date").nullable
    assert schema.field("provenance").nullable
    assert schema.field("title").metadata == {
        b"description": b"The resource's title ('Name of Resource')."
    }


def test_the_dictionary_is_the_vocabulary_in_its_order(sample):
    only_platforms = sample.filter(type="platform").to_arrow()
    dictionary = only_platforms.column("type").chunk(0).dictionary.to_pylist()
    assert dictionary == [t.value for t in ResourceType]
    assert dictionary == sample.to_arrow().column("type").chunk(0).dictionary.to_pylist()
    assert only_platforms.column("type").to_pylist() == ["platform"]


def test_dates_are_iso_text_and_nullable_parts(sample):
    table = sample.to_arrow()
    columns = ["id", "launch_date", "launch_year", "launch_month", "launch_day"]
    rows = {r["id"]: r for r in table.select(columns).to_pylist()}
    assert rows["guide-ethical-recruitment"]["launch_date"] == "2019-12-10"
    assert [rows["supply-chain-tool"][c] for c in columns[1:]] == ["2018-06", 2018, 6, None]
    assert [rows["rapport-sur-la-traite"][c] for c in columns[1:]] == ["2018", 2018, None, None]
    assert [rows["undated-platform"][c] for c in columns[1:]] == [None, None, None, None]


def test_the_schema_metadata_holds_version_and_sources(shipped, sample):
    metadata = shipped.to_arrow().schema.metadata
    assert metadata[b"migrantres.version"] == shipped.version.encode()
    assert metadata[b"migrantres.format_version"] == b"1"
    assert json.loads(metadata[b"migrantres.sources"]) == [
        "OSCE compendium of resources on trafficking for labour exploitation in supply chains"
    ]
    bare = sample.to_arrow().schema.metadata
    assert b"migrantres.version" not in bare
    assert json.loads(bare[b"migrantres.sources"]) == []


# -- round trips --------------------------------------------------------------------------------


def test_the_shipped_catalogue_round_trips_through_arrow_and_parquet(shipped, tmp_path):
    back = Catalogue.from_arrow(shipped.to_arrow())
    assert back == shipped
    assert back.version == shipped.version
    assert back.to_json() == shipped.to_json()
    path = parquet_of(shipped, tmp_path)
    loaded = migrantres.load(path)
    assert loaded.to_json() == shipped.to_json()
    assert pq.read_table(path).schema.equals(shipped.to_arrow().schema, check_metadata=True)
    assert pq.read_table(path).equals(shipped.to_arrow())


@settings(max_examples=40)
@given(catalogue=any_catalogue)
def test_any_catalogue_round_trips_exactly(catalogue, tmp_path_factory):
    table = catalogue.to_arrow()
    assert Catalogue.from_arrow(table).to_json() == catalogue.to_json()
    assert Catalogue.from_arrow(table.to_batches()[0] if table.num_rows else table) == catalogue
    path = parquet_of(catalogue, tmp_path_factory.mktemp("parquet"))
    loaded = migrantres.load(path)
    assert loaded == catalogue
    assert loaded.version == catalogue.version
    assert loaded.to_records() == catalogue.to_records()


def test_parquet_bytes_are_deterministic(sample, tmp_path):
    first = parquet_of(sample, tmp_path, "a.parquet").read_bytes()
    again = parquet_of(Catalogue(list(sample)), tmp_path, "b.parquet").read_bytes()
    assert first == again


def test_the_columns_may_come_in_any_order_and_derived_ones_may_be_left_out(shipped):
    table = shipped.to_arrow()
    shuffled = table.select(list(reversed(table.column_names)))
    assert Catalogue.from_arrow(shuffled).to_json() == shipped.to_json()
    lean = table.drop_columns(["launch_year", "launch_month", "launch_day", "languages"])
    assert Catalogue.from_arrow(lean) == shipped


def test_a_parquet_file_written_by_duckdb_loads(shipped, tmp_path):
    source = parquet_of(shipped, tmp_path)
    copy = tmp_path / "copy.parquet"
    duckdb.sql(
        f"COPY (SELECT * EXCLUDE (launch_year) FROM '{source}' ORDER BY id DESC) TO '{copy}'"
    )
    back = migrantres.load(copy)
    assert back.ids() == tuple(sorted(shipped.ids(), reverse=True))
    assert set(back) == set(shipped)
    assert back.version is None  # DuckDB does not keep the schema's metadata


# -- DuckDB and Polars read it, and agree with facets --------------------------------------------


def test_duckdb_counts_agree_with_facets(catalogue, tmp_path):
    path = parquet_of(catalogue, tmp_path)
    by_type = dict(duckdb.sql(f"SELECT type, count(*) FROM '{path}' GROUP BY type").fetchall())
    assert by_type == {t.value: n for t, n in catalogue.facets("type").items()}
    organizations = duckdb.sql(
        "SELECT o.name, count(DISTINCT id) FROM "
        f"(SELECT id, unnest(organizations) AS o FROM '{path}') GROUP BY o.name"
    ).fetchall()
    assert dict(organizations) == catalogue.facets("organizations")
    languages = duckdb.sql(
        "SELECT language, count(*) FROM "
        f"(SELECT unnest(languages) AS language FROM '{path}') GROUP BY language"
    ).fetchall()
    expected = {k: n for k, n in catalogue.facets("languages").items() if k is not None}
    assert dict(languages) == expected
    years = duckdb.sql(f"SELECT launch_year, count(*) FROM '{path}' GROUP BY ALL").fetchall()
    assert dict(years) == catalogue.facets("launch_date__year")


def test_duckdb_reads_the_metadata_and_filters_like_the_api(shipped, tmp_path):
    path = parquet_of(shipped, tmp_path)
    metadata = dict(
        duckdb.sql(
            f"SELECT decode(key), decode(value) FROM parquet_kv_metadata('{path}')"
        ).fetchall()
    )
    assert metadata["migrantres.version"] == shipped.version
    ids = duckdb.sql(
        f"SELECT id FROM '{path}' WHERE list_contains(languages, 'fr') "
        "AND launch_date >= '2018' ORDER BY id"
    ).fetchall()
    expected = shipped.filter(languages="fr", launch_date__gte="2018").sort_by("id").ids()
    assert tuple(i for (i,) in ids) == expected


def test_polars_counts_agree_with_facets(catalogue, tmp_path):
    frame = pl.read_parquet(parquet_of(catalogue, tmp_path))
    by_type = frame.group_by(pl.col("type").cast(pl.String)).len().rows()
    assert dict(by_type) == {t.value: n for t, n in catalogue.facets("type").items()}
    names = (
        frame.select("id", "organizations")
        .explode("organizations")
        .select("id", pl.col("organizations").struct.field("name"))
        .unique()
        .group_by("name")
        .len()
    )
    assert dict(names.rows()) == catalogue.facets("organizations")
    dated = frame.filter(pl.col("launch_year") >= 2019).get_column("id").to_list()
    assert tuple(dated) == catalogue.filter(launch_date__year__gte=2019).ids()


@settings(max_examples=25)
@given(catalogue=catalogues(max_size=10))
def test_duckdb_agrees_with_facets_on_any_catalogue(catalogue, tmp_path_factory):
    path = parquet_of(catalogue, tmp_path_factory.mktemp("duckdb"))
    rows = duckdb.sql(f"SELECT type, count(*) FROM '{path}' GROUP BY type").fetchall()
    assert dict(rows) == {t.value: n for t, n in catalogue.facets("type").items()}
    names = duckdb.sql(
        "SELECT o.name, count(DISTINCT id) FROM "
        f"(SELECT id, unnest(organizations) AS o FROM '{path}') GROUP BY o.name"
    ).fetchall()
    assert dict(names) == catalogue.facets("organizations")


# -- bad files: the same problems as the other readers ------------------------------------------


def test_a_file_that_is_not_parquet_is_a_load_error(tmp_path):
    path = tmp_path / "fake.parquet"
    path.write_text("id,title\n", encoding="utf-8")
    with pytest.raises(LoadError, match=r"fake.parquet: 1 problem\n  - invalid Parquet: "):
        migrantres.load(path)
    empty = tmp_path / "empty.parquet"
    empty.write_bytes(b"")
    with pytest.raises(LoadError, match="invalid Parquet"):
        migrantres.load(empty)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda t: t.drop_columns(["title"]), "missing columns: title; expected: id, title"),
        (
            lambda t: t.append_column("colour", pa.array(["red"] * t.num_rows)),
            "unknown columns: 'colour'",
        ),
    ],
)
def test_missing_and_unknown_columns_are_named(shipped, change, message):
    with pytest.raises(LoadError, match=message):
        Catalogue.from_arrow(change(shipped.to_arrow()))


def test_invalid_records_give_the_problems_the_json_reader_gives(shipped, tmp_path):
    records = shipped.to_records()
    records[1]["launch_date"] = "2019-13"
    records[3]["availability"][0]["url"] = "ftp://example.org/x"
    records[4]["id"] = records[0]["id"]
    del records[4]["languages"]
    records[2]["languages"] = ["de"]
    as_json = tmp_path / "bad.json"
    as_json.write_text(json.dumps(records), encoding="utf-8")
    as_parquet = tmp_path / "bad.parquet"
    pq.write_table(pa.Table.from_pylist(records), as_parquet)
    with pytest.raises(LoadError) as from_json:
        migrantres.load(as_json)
    with pytest.raises(LoadError) as from_parquet:
        migrantres.load(as_parquet)
    problems = [(p.index, p.id, p.field, p.message) for p in from_parquet.value.problems]
    assert problems == [(p.index, p.id, p.field, p.message) for p in from_json.value.problems]
    assert [p[2] for p in problems] == ["launch_date", "languages", "availability.0.url"]
    with pytest.raises(LoadError, match="duplicate id"):
        Catalogue.from_arrow(pa.Table.from_pylist([records[0], records[0]]))


def test_derived_date_columns_must_agree_with_the_date(shipped):
    table = shipped.to_arrow()
    years = table.column("launch_year").to_pylist()
    years[1] = 1999
    edited = table.set_column(
        table.schema.get_field_index("launch_year"), "launch_year", pa.array(years, pa.int16())
    )
    with pytest.raises(LoadError) as caught:
        Catalogue.from_arrow(edited)
    (problem,) = caught.value.problems
    assert (problem.index, problem.id, problem.field, problem.value) == (
        1,
        shipped[1].id,
        "launch_year",
        1999,
    )
    assert problem.message == (
        "1999 is not the year of launch_date '2019-12-10', 2019; leave the column out or give that"
    )


def test_only_tables_are_read():
    with pytest.raises(TypeError, match="expected a pyarrow Table or RecordBatch, not dict"):
        Catalogue.from_arrow({"id": ["x"]})  # type: ignore[arg-type]


# -- the file and the extra ----------------------------------------------------------------------


def test_a_failed_write_leaves_the_old_file(sample, tmp_path, monkeypatch):
    path = parquet_of(sample, tmp_path)
    before = path.read_bytes()

    def broken(_table, where, **_options):
        where.write_bytes(b"PAR1 half a file")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pq, "write_table", broken)
    with pytest.raises(OSError, match="No space left"):
        sample.head(2).to_parquet(path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["catalogue.parquet"]


def test_without_pyarrow_the_error_names_the_extra(sample, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with pytest.raises(MissingDependencyError, match=r"the 'arrow' extra of migrantres"):
        sample.to_arrow()
    with pytest.raises(MissingDependencyError, match="to_parquet"):
        sample.to_parquet(tmp_path / "x.parquet")
    (tmp_path / "y.parquet").write_bytes(b"PAR1")
    with pytest.raises(MissingDependencyError, match="reading Parquet"):
        migrantres.load(tmp_path / "y.parquet")
    assert not (tmp_path / "x.parquet").exists()
