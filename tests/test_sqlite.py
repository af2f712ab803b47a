"""SQLite: normalised tables Datasette and sqlite-utils open as they are, read back exactly."""

from __future__ import annotations

import asyncio
import json
import sqlite3

import pytest
import sqlite_utils
from datasette.app import Datasette
from datasette.utils import detect_fts
from hypothesis import given, settings
from hypothesis import strategies as st

import migrantres
from conftest import SAMPLE_RECORDS
from migrantres import Catalogue, LoadError
from migrantres._formats import sqlite as sqlite_format
from migrantres._records import fulltext
from strategies import awkward_lines, catalogues

any_catalogue = catalogues(max_size=8, provenance=True) | catalogues(
    max_size=5, text=awkward_lines(), provenance=True
)
LICENCE = (
    "MIT License, for this compilation; the descriptions quote the source document, "
    "whose own terms apply to them"
)
SOURCE = "OSCE compendium of resources on trafficking for labour exploitation in supply chains"


def database_of(catalogue, tmp_path, name="catalogue.sqlite", **options):
    path = tmp_path / name
    catalogue.to_sqlite(path, **options)
    return path


def rows(path, sql, *parameters):
    with sqlite3.connect(path) as connection:
        return connection.execute(sql, parameters).fetchall()


# -- Datasette, in process -------------------------------------------------------------------


def datasette_get(path, *urls):
    """Datasette's answers to GET ``urls`` on the database and the metadata written beside it."""
    metadata = json.loads(path.with_name(f"{path.stem}.metadata.json").read_text("utf-8"))

    async def run():
        datasette = Datasette([str(path)], metadata=metadata)
        await datasette.invoke_startup()
        answers = []
        for url in urls:
            response = await datasette.client.get(url)
            assert response.status_code == 200, (url, response.text[:500])
            answers.append(response)
        return answers

    return asyncio.run(run())


def test_datasette_serves_rows_search_and_the_metadata(shipped, tmp_path):
    path = database_of(shipped, tmp_path)
    table, found, in_view, index = datasette_get(
        path,
        "/catalogue/resources.json?_shape=array&_size=max",
        "/catalogue/resources.json?_search=remediation&_shape=array",
        "/catalogue/resources_view.json?_search=IOM%20trafficking&_shape=array",
        "/",
    )
    assert [row["id"] for row in table.json()] == sorted(shipped.ids())
    assert table.json()[0]["title"] == shipped[table.json()[0]["id"]].title
    assert [row["id"] for row in found.json()] == [
        "remediation-guidelines-victims-human-trafficking-mineral-supply-chains"
    ]
    expected = {
        r.id for r in shipped.search("trafficking") if r.id in shipped.filter(organizations="IOM")
    }
    assert {row["id"] for row in in_view.json()} == expected
    page = index.text
    assert f"migrantres catalogue {shipped.version}" in page
    assert LICENCE in page
    assert 'href="https://opensource.org/license/mit"' in page
    assert SOURCE in page


def test_datasette_facets_the_joined_lists_of_the_view(shipped, tmp_path):
    path = database_of(shipped, tmp_path)
    (answer,) = datasette_get(path, "/catalogue/resources_view.json?_facet_array=languages")
    results = answer.json()["facet_results"]["languages"]["results"]
    counts = {item["value"]: item["count"] for item in results}
    assert counts == {k: n for k, n in shipped.facets("languages").items() if k is not None}


def test_sqlite_utils_finds_the_full_text_index(sample, tmp_path):
    database = sqlite_utils.Database(database_of(sample, tmp_path))
    assert database["resources"].detect_fts() == "resources_fts"
    found = [row["id"] for row in database["resources"].search("forced labour", columns=["id"])]
    assert set(found) == {"supply-chain-tool", "commitments-2018"}
    accented = database["resources"].search("securite", columns=["id"])
    assert [row["id"] for row in accented] == ["rapport-sur-la-traite"]  # diacritics removed


def test_datasette_detects_the_index_by_its_declaration(sample, tmp_path):
    """Datasette finds an index only if its content table is named in double quotes or brackets."""
    path = database_of(sample, tmp_path)
    with sqlite3.connect(path) as connection:
        assert detect_fts(connection, "resources") == "resources_fts"
        (sql,) = connection.execute(
            "SELECT sql FROM sqlite_master WHERE name = 'resources_fts'"
        ).fetchone()
    connection.close()
    assert 'content="resources"' in sql
    assert f'tokenize="{fulltext.TOKENIZE}"' in sql


# -- the tables ---------------------------------------------------------------------------------


def test_tables_have_primary_and_foreign_keys(sample, tmp_path):
    database = sqlite_utils.Database(database_of(sample, tmp_path))
    assert database["resources"].pks == ["id"]
    assert database["organizations"].pks == ["id"]
    assert database["resource_organizations"].pks == ["resource_id", "position"]
    assert database["availability"].pks == ["resource_id", "position"]
    assert database["availability_languages"].pks == [
        "resource_id",
        "availability_position",
        "position",
    ]
    links = {
        (fk.table, fk.column, fk.other_table, fk.other_column)
        for name in ("resource_organizations", "availability")
        for fk in database[name].foreign_keys
    }
    assert links == {
        ("resource_organizations", "resource_id", "resources", "id"),
        ("resource_organizations", "organization_id", "organizations", "id"),
        ("availability", "resource_id", "resources", "id"),
    }
    # sqlite-utils lists single-column keys only; this one has two columns.
    composite = database.execute("PRAGMA foreign_key_list(availability_languages)").fetchall()
    assert [(table, column, other) for _, _, table, column, other, *_ in composite] == [
        ("availability", "resource_id", "resource_id"),
        ("availability", "availability_position", "position"),
    ]
    assert list(database.execute("PRAGMA foreign_key_check").fetchall()) == []
    database.execute(
        "INSERT INTO resources_fts (resources_fts, rank) VALUES ('integrity-check', 1)"
    )


def test_each_organization_is_stored_once(sample, tmp_path):
    path = database_of(sample, tmp_path)
    names = [name for (name,) in rows(path, "SELECT name FROM organizations ORDER BY id")]
    assert len(names) == len(set(names)) == len(sample.distinct("organizations"))
    iom = rows(
        path,
        "SELECT resource_id FROM resource_organizations JOIN organizations ON id = organization_id "
        "WHERE acronym = 'IOM' ORDER BY resource_id",
    )
    assert tuple(i for (i,) in iom) == sample.filter(organizations="IOM").sort_by("id").ids()


def test_the_view_has_one_row_per_resource_with_its_lists(sample, tmp_path):
    path = database_of(sample, tmp_path)
    view = rows(path, "SELECT id, organizations, languages, urls FROM resources_view")
    assert [row[0] for row in view] == list(sample.ids())
    for (_, organizations, languages, urls), resource in zip(view, sample, strict=True):
        assert json.loads(organizations) == [o.name for o in resource.organizations]
        assert json.loads(languages) == list(resource.languages)
        assert json.loads(urls) == [a.url for a in resource.availability]


def test_the_metadata_table_holds_the_version_and_sources(shipped, tmp_path):
    path = database_of(shipped, tmp_path)
    metadata = dict(rows(path, "SELECT key, value FROM catalogue_metadata"))
    assert metadata["version"] == shipped.version
    assert metadata["format_version"] == "1"
    assert json.loads(metadata["sources"]) == [SOURCE]


# -- round trips ----------------------------------------------------------------------------------


def test_the_shipped_catalogue_reads_back_exactly(shipped, tmp_path):
    path = database_of(shipped, tmp_path)
    back = migrantres.load(path)
    assert back == shipped
    assert back.version == shipped.version
    assert back.to_json() == shipped.to_json()


@pytest.mark.parametrize("suffix", [".sqlite", ".sqlite3", ".db"])
def test_load_reads_each_sqlite_extension(sample, tmp_path, suffix):
    path = database_of(sample, tmp_path, f"catalogue{suffix}")
    assert migrantres.load(path).to_json() == sample.to_json()


@settings(max_examples=40)
@given(catalogue=any_catalogue)
def test_any_catalogue_reads_back_exactly(catalogue, tmp_path_factory):
    path = database_of(catalogue, tmp_path_factory.mktemp("sqlite"))
    back = migrantres.load(path)
    assert back == catalogue
    assert back.version == catalogue.version
    assert back.to_records() == catalogue.to_records()


# -- writing: one transaction, replaced only when complete ---------------------------------------


def test_the_database_is_written_in_one_transaction(sample, tmp_path, monkeypatch):
    statements: list[str] = []
    connect = sqlite3.connect

    def traced(*args, **kwargs):
        connection = connect(*args, **kwargs)
        connection.set_trace_callback(statements.append)
        return connection

    monkeypatch.setattr(sqlite_format.sqlite3, "connect", traced)
    sample.to_sqlite(tmp_path / "catalogue.sqlite")
    # Statements FTS5 runs inside another are traced with a leading "--".
    changes = [s.strip().rstrip(";") for s in statements if not s.startswith(("PRAGMA", "--"))]
    assert changes[0] == "BEGIN"
    assert changes[-1] == "COMMIT"
    assert sum(s in {"BEGIN", "COMMIT"} for s in changes) == 2
    assert not any(s.startswith(("ROLLBACK", "END", "SAVEPOINT")) for s in changes)


def test_a_failed_write_leaves_the_old_files(sample, tmp_path, monkeypatch):
    path = database_of(sample, tmp_path)
    metadata = tmp_path / "catalogue.metadata.json"
    before = path.read_bytes(), metadata.read_bytes()
    calls = []

    def failing(resource):
        calls.append(resource.id)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        return texts(resource)

    texts = sqlite_format.search_texts
    monkeypatch.setattr(sqlite_format, "search_texts", failing)
    with pytest.raises(OSError, match="No space left"):
        sample.head(4).to_sqlite(path)
    assert (path.read_bytes(), metadata.read_bytes()) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "catalogue.metadata.json",
        "catalogue.sqlite",
    ]


def test_an_existing_file_is_replaced(sample, tmp_path):
    path = database_of(sample, tmp_path)
    sample.head(2).to_sqlite(path)
    assert migrantres.load(path) == sample.head(2)


def test_a_python_without_fts5_gets_a_clear_error_and_no_file(sample, tmp_path, monkeypatch):
    """SQLite's own error for a missing module, raised by a module name it lacks."""
    path = database_of(sample, tmp_path)
    before = path.read_bytes()
    monkeypatch.setattr(fulltext, "MODULE", "fts5_missing")
    with pytest.raises(
        migrantres.MissingDependencyError,
        match=r"the SQLite export's search needs the optional dependency 'fts5_missing'; "
        r"install a Python whose sqlite3 module has SQLite's FTS5 extension",
    ) as caught:
        sample.head(2).to_sqlite(path)
    assert "no such module: fts5_missing" in caught.value.__notes__[0]
    assert path.read_bytes() == before, "the existing file is left as it was"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [path.name, path.with_suffix(".metadata.json").name]
    )


# -- Datasette's metadata -------------------------------------------------------------------------


def test_the_licence_is_claimed_for_the_bundled_data_only(shipped, sample, tmp_path):
    selection = database_of(shipped.filter(type="report"), tmp_path, "reports.sqlite")
    described = json.loads((tmp_path / "reports.metadata.json").read_text("utf-8"))
    assert described["license"] == LICENCE
    assert described["source"] == SOURCE
    assert described["databases"]["reports"]["tables"]["resources_view"]["fts_table"] == (
        "resources_fts"
    )
    del selection
    database_of(sample, tmp_path, "own.sqlite")
    own = json.loads((tmp_path / "own.metadata.json").read_text("utf-8"))
    assert "license" not in own
    assert "source" not in own
    assert own["title"] == "migrantres catalogue"


def test_metadata_given_replaces_the_defaults(sample, tmp_path):
    path = database_of(
        sample, tmp_path, metadata={"license": "CC-BY-4.0", "source": "Our own survey"}
    )
    (index,) = datasette_get(path, "/")
    assert "CC-BY-4.0" in index.text
    assert "Our own survey" in index.text
    with pytest.raises(TypeError, match="metadata must map str keys to str values"):
        sample.to_sqlite(tmp_path / "x.sqlite", metadata={"license": 4})  # type: ignore[dict-item]
    assert not (tmp_path / "x.sqlite").exists()


# -- bad files: the same problems as the other readers --------------------------------------------


def edited(catalogue, tmp_path, *statements):
    path = database_of(catalogue, tmp_path)
    with sqlite3.connect(path) as connection:
        for statement in statements:
            connection.execute(statement)
    connection.close()
    return path


def test_a_file_that_is_not_sqlite_is_a_load_error(tmp_path):
    path = tmp_path / "fake.sqlite"
    path.write_text("id,title\n", encoding="utf-8")
    with pytest.raises(LoadError, match=r"fake.sqlite: 1 problem\n  - not a SQLite database"):
        migrantres.load(path)
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE t (x)")
    connection.close()
    with pytest.raises(LoadError, match="missing tables: resources, organizations, "):
        migrantres.load(other)


def test_invalid_records_give_the_problems_the_json_reader_gives(shipped, tmp_path):
    ids = shipped.ids()
    path = edited(
        shipped,
        tmp_path,
        f"UPDATE resources SET launch_date = '2019-13', launch_year = 2019, launch_month = 13, launch_day = NULL WHERE id = '{ids[1]}'",
        f"UPDATE availability SET url = 'ftp://example.org/x' WHERE resource_id = '{ids[3]}' AND position = 0",
    )
    records = shipped.to_records()
    records[1]["launch_date"] = "2019-13"
    records[3]["availability"][0]["url"] = "ftp://example.org/x"
    del records[3]["languages"]
    as_json = tmp_path / "bad.json"
    as_json.write_text(json.dumps(records), encoding="utf-8")
    with pytest.raises(LoadError) as from_json:
        migrantres.load(as_json)
    with pytest.raises(LoadError) as from_sqlite:
        migrantres.load(path)
    problems = [(p.index, p.id, p.field, p.message) for p in from_sqlite.value.problems]
    assert problems == [(p.index, p.id, p.field, p.message) for p in from_json.value.problems]
    assert [p[2] for p in problems] == ["launch_date", "availability.0.url"]


@pytest.mark.parametrize(
    ("statement", "field", "message"),
    [
        (
            "UPDATE resources SET launch_year = 1999 WHERE position = 1",
            "launch_year",
            "1999 is not the year of launch_date '2019-12-10', 2019",
        ),
        (
            "UPDATE resources SET organizations = 'Someone else' WHERE position = 1",
            "organizations",
            (
                "the search text of the organizations is 'Someone else', not 'H&M Group; "
                "International Organization for Migration (IOM)'"
            ),
        ),
        ("UPDATE resources SET provenance = '{' WHERE position = 1", "provenance", "invalid JSON"),
    ],
)
def test_derived_columns_must_agree(shipped, tmp_path, statement, field, message):
    path = edited(shipped, tmp_path, statement)
    with pytest.raises(LoadError) as caught:
        migrantres.load(path)
    (problem,) = caught.value.problems
    assert (problem.index, problem.id, problem.field) == (1, shipped[1].id, field)
    assert problem.message.startswith(message)


def test_rows_that_refer_to_nothing_are_problems(shipped, tmp_path):
    path = edited(shipped, tmp_path, "DELETE FROM organizations WHERE acronym IS NULL")
    with pytest.raises(
        LoadError,
        match="row 2 of resource_organizations refers to a row of organizations that does not exist",
    ):
        migrantres.load(path)


def test_a_newer_format_is_refused(sample, tmp_path):
    path = edited(
        sample, tmp_path, "UPDATE catalogue_metadata SET value = '2' WHERE key = 'format_version'"
    )
    with pytest.raises(
        LoadError, match="catalogue format version '2'; this version of migrantres reads version 1"
    ):
        migrantres.load(path)


def test_catalogue_reads_it_back_from_its_bytes_too(sample, tmp_path):
    path = database_of(sample, tmp_path)
    from migrantres._formats.sqlite_reading import parse_sqlite  # noqa: PLC0415

    assert Catalogue._parsed(parse_sqlite(path.read_bytes())) == sample


# -- the stored full-text index ----------------------------------------------------------------


QUERIES = ("migrant", "recruitment OR fees", '"forced labour"', "title:trafficking -health", "gui*")


@pytest.mark.parametrize("query", QUERIES)
def test_a_catalogue_read_back_searches_the_index_in_the_file(shipped, tmp_path, query):
    loaded = migrantres.load(database_of(shipped, tmp_path))
    assert loaded._engine._stored is not None  # the file's index, handed to the engine
    found = loaded.search(query)
    assert loaded._engine._search_index is not None
    assert list(found.scores.items()) == list(shipped.search(query).scores.items())


def test_an_index_of_another_layout_is_not_reused(shipped, tmp_path):
    path = edited(
        shipped,
        tmp_path,
        "UPDATE catalogue_metadata SET value = '0' WHERE key = 'fulltext_layout'",
    )
    loaded = migrantres.load(path)
    assert loaded._engine._stored is None
    assert loaded.search("recruitment").ids() == shipped.search("recruitment").ids()


def test_an_index_edited_by_another_program_is_not_reused(shipped, tmp_path):
    path = edited(shipped, tmp_path, "DELETE FROM resources_fts WHERE rowid = 1")
    loaded = migrantres.load(path)
    assert loaded._engine._stored is None
    assert loaded.search("migrant").ids() == shipped.search("migrant").ids()


def test_datasette_searches_every_script_as_the_package_does(sample, tmp_path):
    """Words written without spaces are found by Datasette's search, as by the package's.

    Datasette hands the query to FTS5 as typed: "强迫劳动" or "供应链" is one token there,
    and "Straße" keeps its "ß"; the index holds those forms too (found by a new user:
    only two-character words were found).
    """
    titles = {
        "cjk-title": "强迫劳动问题研究\uff1a供应链中的移民工人",  # with a fullwidth colon
        "german": "Arbeit auf der Straße",
        "ligature": "Supply-chain ﬁnance",
    }
    records = [
        sample[i].model_copy(update={"title": t, "id": k})
        for i, (k, t) in enumerate(titles.items())
    ]
    catalogue = Catalogue([*records, *sample[3:]])
    path = database_of(catalogue, tmp_path)
    queries = {
        "劳动": "cjk-title",
        "强迫劳动": "cjk-title",
        "供应链": "cjk-title",
        "劳": "cjk-title",
        "Straße": "german",
        "strasse": "german",
        "ﬁnance": "ligature",
        "finance": "ligature",
    }
    answers = datasette_get(
        path, *(f"/catalogue/resources.json?_search={q}&_shape=array&_col=id" for q in queries)
    )
    for (query, expected), answer in zip(queries.items(), answers, strict=True):
        assert [row["id"] for row in answer.json()] == [expected], query
        assert catalogue.search(query).ids() == (expected,), query


@settings(max_examples=25)
@given(
    text=st.text(
        st.characters(categories=["Lo"], max_codepoint=0x9FFF, min_codepoint=0x4E00),
        min_size=6,
        max_size=12,
    ),
    data=st.data(),
)
def test_a_word_of_up_to_four_han_characters_is_found_as_typed(text, data, tmp_path_factory):
    """Any piece of one to four characters of a title in Han is found by a raw MATCH."""
    start = data.draw(st.integers(0, len(text) - 1))
    word = text[start : start + data.draw(st.integers(1, 4))]  # up to four, as documented
    resource = Catalogue.from_records(SAMPLE_RECORDS)[0].model_copy(update={"title": text})
    path = database_of(Catalogue([resource]), tmp_path_factory.mktemp("han"))
    # Datasette's default search: each word in double quotes, handed to FTS5 as typed.
    assert rows(path, "SELECT rowid FROM resources_fts WHERE resources_fts MATCH ?", f'"{word}"')
    assert Catalogue([resource]).search(word).ids() == (resource.id,)
