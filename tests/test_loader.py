"""Loading: nothing at import, once per process, verified, and strict about user files."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from hypothesis import given, settings

import migrantres
from conftest import SAMPLE_RECORDS, concurrently
from migrantres import IntegrityError, LoadError, Problem
from migrantres._storage import bundled as loader
from strategies import catalogues


def run_python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=60
    )


def test_importing_reads_no_data():
    """An audit hook sees every file opened; none under migrantres/data is opened on import."""
    result = run_python(
        "import sys\n"
        "opened = []\n"
        "sys.addaudithook(lambda e, a: opened.append(str(a[0])) if e == 'open' else None)\n"
        "import migrantres\n"
        "print([p for p in opened if '/migrantres/data/' in p.replace(chr(92), '/')])\n"
        "migrantres.load()\n"
        "print(any(p.endswith('resources.json') for p in opened))\n"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:2] == ["[]", "True"]


def test_importing_does_not_import_optional_or_slow_modules():
    result = run_python(
        "import sys, migrantres\n"
        "print(sorted(m for m in ('pandas', 'langcodes', 'language_data') if m in sys.modules))"
    )
    assert result.stdout.strip() == "[]", result.stderr


def test_loading_the_bundled_data_skips_the_language_registry():
    """The data is verified by checksum, so langcodes (slow to import) is not needed."""
    result = run_python(
        "import sys, migrantres\nmigrantres.load()\nprint('langcodes' in sys.modules)"
    )
    assert result.stdout.strip() == "False", result.stderr


def test_load_returns_the_same_catalogue_every_time():
    assert migrantres.load() is migrantres.load()


def test_concurrent_loads_share_one_parse(monkeypatch):
    fresh = loader.functools.cache(loader._bundled.__wrapped__)  # an empty cache
    monkeypatch.setattr(loader, "_bundled", fresh)
    results = concurrently(migrantres.load, 16)
    assert len(results) == 16
    assert len({id(catalogue) for catalogue in results}) == 1
    assert fresh.cache_info().misses == 1


def test_modified_bundled_data_is_never_served(monkeypatch):
    original = loader._read_data

    def tampered(name):
        raw = original(name)
        return raw.replace(b"Global", b"Globe") if name == loader.RECORDS_FILE else raw

    monkeypatch.setattr(loader, "_read_data", tampered)
    monkeypatch.setattr(loader, "_bundled", loader.functools.cache(loader._bundled.__wrapped__))
    with pytest.raises(IntegrityError, match="does not match its manifest .* reinstall migrantres"):
        migrantres.load()


def test_manifest_reports_version_and_checksum():
    manifest = migrantres.manifest()
    assert manifest.version == migrantres.__version__
    assert manifest.record_count == len(migrantres.load())
    assert len(manifest.sha256) == 64
    assert manifest.sources[0].file == "upstream/osce-compendium-iom.txt"


# -- a user's own file --------------------------------------------------------------


def write(tmp_path, data, name="catalogue.json"):
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def test_a_users_array_of_records_loads(tmp_path):
    catalogue = migrantres.load(write(tmp_path, SAMPLE_RECORDS))
    assert len(catalogue) == 6
    assert catalogue.version is None


def test_a_users_document_with_header_loads(tmp_path):
    path = write(tmp_path, {"version": "2024.1", "records": SAMPLE_RECORDS[:2]})
    catalogue = migrantres.load(str(path))
    assert catalogue.version == "2024.1"
    assert catalogue.ids() == ("guide-ethical-recruitment", "rapport-sur-la-traite")


def test_the_bundled_file_loads_as_a_users_file_to_an_equal_catalogue(tmp_path):
    raw = loader._read_data(loader.RECORDS_FILE)
    path = tmp_path / "copy.json"
    path.write_bytes(raw)
    assert migrantres.load(path) == migrantres.load()


def test_every_problem_in_a_file_is_reported_with_record_and_field(tmp_path):
    records = [dict(r) for r in SAMPLE_RECORDS[:3]]
    records[0]["launch_date"] = "2019-13"
    records[1]["availability"] = [{"url": "javascript:alert(1)"}]
    records[2]["colour"] = "blue"
    with pytest.raises(LoadError, match="3 problems") as info:
        migrantres.load(write(tmp_path, records))
    problems = info.value.problems
    assert [(p.index, p.id, p.field) for p in problems] == [
        (0, "guide-ethical-recruitment", "launch_date"),
        (1, "rapport-sur-la-traite", "availability.0.url"),
        (2, "undated-platform", "colour"),
    ]
    assert problems[0].value == "2019-13"
    assert "month must be between 1 and 12" in problems[0].message
    assert "only http and https" in problems[1].message
    assert "record 1 (id 'rapport-sur-la-traite'), field 'availability.0.url'" in str(info.value)


def test_duplicate_ids_in_a_file_are_reported(tmp_path):
    records = [SAMPLE_RECORDS[0], SAMPLE_RECORDS[1], SAMPLE_RECORDS[0]]
    with pytest.raises(LoadError, match="duplicate id; record 0 has the same id") as info:
        migrantres.load(write(tmp_path, records))
    assert info.value.problems[0].index == 2
    assert info.value.source.endswith("catalogue.json")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "the file is empty"),
        ("   \n", "the file is empty"),
        ("[{]", "invalid JSON: Expecting property name"),
        ('{"records": "none"}', "Input should be a valid"),
        ('{"schema_version": 2, "records": []}', "Input should be 1"),
        ("42", "Input should be an object"),
    ],
)
def test_a_malformed_file_gets_one_clear_error(tmp_path, content, message):
    with pytest.raises(LoadError, match=message):
        migrantres.load(write(tmp_path, content))


def test_invalid_json_reports_its_line(tmp_path):
    with pytest.raises(LoadError) as info:
        migrantres.load(write(tmp_path, '[\n  {"id": "x",\n  oops\n]'))
    assert info.value.problems[0].line == 3


def test_a_syntax_error_names_its_line_and_column_in_json_and_json_lines(tmp_path):
    one_line = json.dumps(SAMPLE_RECORDS[:1])
    with pytest.raises(LoadError) as info:
        migrantres.load(write(tmp_path, one_line[:-1] + ",]"))
    problem = info.value.problems[0]
    assert (problem.line, problem.column) == (1, len(one_line) + 1)
    assert str(problem) == f"line 1, column {len(one_line) + 1}: invalid JSON: Expecting value"
    path = tmp_path / "cut.jsonl"
    record = json.dumps(SAMPLE_RECORDS[0])
    path.write_text(f"{record}\n{record[:40]}\n", encoding="utf-8")
    with pytest.raises(LoadError) as info:
        migrantres.load(path)
    problem = info.value.problems[0]
    assert (problem.line, problem.index) == (2, 1)
    assert str(problem).startswith("line 2, column ")
    assert str(problem).count("invalid JSON") == 1, "said once"


def test_one_record_instead_of_a_catalogue_is_said_to_be_one(tmp_path):
    with pytest.raises(LoadError) as info:
        migrantres.load(write(tmp_path, SAMPLE_RECORDS[0]))
    first, second = info.value.problems
    assert first.message.startswith("no 'records' in the object: expected a JSON object")
    assert first.message.endswith("it looks like one record: put it in a JSON array, [ {...} ]")
    assert second.message.startswith("unknown keys 'id', 'title', ")
    assert second.message.endswith(
        "a catalogue document has 'schema_version', 'name', 'version', 'as_of', 'records'"
    )


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (
            '{"records": {"id": "x"}}',
            "field 'records': Input should be a valid array: 'records' must be a list of records",
        ),
        (
            "null",
            (
                "Input should be an object: expected a JSON object with 'records' (a list of "
                "records), or a JSON array of records"
            ),
        ),
        (
            '{"records": [], "extra": 1}',
            (
                "unknown key 'extra'; a catalogue document has "
                "'schema_version', 'name', 'version', 'as_of', 'records'"
            ),
        ),
        ('{"records": [], "version": 3}', "field 'version': Input should be a valid string"),
    ],
)
def test_a_documents_own_problem_names_what_a_document_holds(tmp_path, content, problem):
    with pytest.raises(LoadError) as info:
        migrantres.load(write(tmp_path, content))
    assert [str(p) for p in info.value.problems] == [problem]


@settings(max_examples=20)
@given(catalogue=catalogues(min_size=1))
def test_citations_in_csl_json_are_named_as_such_not_as_broken_records(catalogue, tmp_path_factory):
    """Pandoc needs CSL-JSON named .json: loading one says what it is, in one problem."""
    path = tmp_path_factory.mktemp("csl") / "refs.json"
    path.write_text(catalogue.to_csl_json(), encoding="utf-8")
    with pytest.raises(LoadError) as info:
        migrantres.load(path)
    (problem,) = info.value.problems
    assert problem.message.startswith("this is CSL-JSON, citations as --format csl-json")


def test_a_file_in_another_encoding_is_named_as_such(tmp_path):
    path = tmp_path / "latin1.json"
    path.write_bytes(
        json.dumps(SAMPLE_RECORDS[:1], ensure_ascii=False).replace("Guide", "Gü").encode("latin-1")
    )
    with pytest.raises(LoadError, match="not UTF-8 text"):
        migrantres.load(path)
    utf16 = tmp_path / "utf16.json"
    utf16.write_bytes(json.dumps(SAMPLE_RECORDS[:1]).encode("utf-16"))
    with pytest.raises(LoadError, match="UTF-16 text; save it as UTF-8"):
        migrantres.load(utf16)


def test_a_missing_file_or_unknown_extension_is_a_load_error(tmp_path):
    with pytest.raises(LoadError, match="cannot read the file: No such file"):
        migrantres.load(tmp_path / "missing.json")
    with pytest.raises(LoadError, match="unsupported file extension '.xml'"):
        migrantres.load(tmp_path / "catalogue.xml")


def test_load_needs_a_path():
    with pytest.raises(TypeError, match="path must be a str or os.PathLike, not int"):
        migrantres.load(42)  # type: ignore[arg-type]


def test_problem_renders_where_and_what():
    problem = Problem("bad", index=2, id="x", field="title")
    assert str(problem) == "record 2 (id 'x'), field 'title': bad"
    assert str(Problem("bad")) == "bad"


def test_the_verified_load_gives_what_full_validation_gives():
    """Verified bytes become records without validation; they must equal validated ones."""
    raw = loader._read_data(loader.RECORDS_FILE)
    validated = migrantres.Catalogue.from_json(raw)  # full validation of the shipped file
    verified = migrantres.load()
    assert verified == validated
    assert verified.to_records() == validated.to_records()
    assert [hash(r) for r in verified] == [hash(r) for r in validated]
    for fast, full in zip(verified, validated, strict=True):
        assert type(fast.launch_date) is type(full.launch_date)
        assert fast.type is full.type
        assert fast.provenance.repairs == full.provenance.repairs


def test_a_malformed_manifest_is_a_data_error(monkeypatch):
    original = loader._read_data
    monkeypatch.setattr(
        loader, "_read_data", lambda name: b"{}" if name == loader.MANIFEST_FILE else original(name)
    )
    monkeypatch.setattr(loader, "_bundled", loader.functools.cache(loader._bundled.__wrapped__))
    with pytest.raises(migrantres.DataError, match="manifest.json is unreadable"):
        migrantres.load()


def test_loading_a_file_restores_the_garbage_collector(tmp_path):
    """The collector is paused while records are built, and its state comes back."""
    import gc  # noqa: PLC0415

    path = tmp_path / "mine.json"
    path.write_text(json.dumps(SAMPLE_RECORDS), encoding="utf-8")
    assert gc.isenabled()
    migrantres.load(path)
    assert gc.isenabled()
    with pytest.raises(LoadError):
        migrantres.Catalogue.from_json("[{]")
    assert gc.isenabled()
    gc.disable()
    try:
        migrantres.load(path)
        assert not gc.isenabled()  # a collector that was off stays off
    finally:
        gc.enable()


def test_loaded_records_go_straight_to_the_oldest_generation(tmp_path):
    """The collector's young passes never walk a file's records (nor do they leak)."""
    import gc  # noqa: PLC0415
    import weakref  # noqa: PLC0415

    path = tmp_path / "mine.json"
    path.write_text(json.dumps(SAMPLE_RECORDS), encoding="utf-8")
    catalogue = migrantres.load(path)
    first = catalogue[0]
    assert any(o is first for o in gc.get_objects(generation=2))
    assert not any(o is first for o in gc.get_objects(generation=0))
    assert gc.isenabled()
    gone = weakref.ref(first)  # a record, which Catalogue (slotted) cannot be
    del catalogue, first
    gc.collect()
    assert gone() is None


def test_concurrent_loads_restore_the_collector_once(tmp_path):
    import gc  # noqa: PLC0415

    path = tmp_path / "mine.jsonl"
    path.write_text(
        migrantres.Catalogue.from_records(SAMPLE_RECORDS * 1).to_jsonl(), encoding="utf-8"
    )
    concurrently(lambda: [migrantres.load(path) for _ in range(5)], 8)
    assert gc.isenabled()


def test_a_first_query_imports_only_what_it_needs():
    """A start (import, load, filter) leaves search, citations and the rest for later."""
    script = (
        "import sys, migrantres\n"
        "migrantres.load().filter(type='report')\n"
        "print(' '.join(sorted(sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )
    loaded = set(result.stdout.split())
    assert {"migrantres._records.models", "migrantres._query.engine"} <= loaded  # it ran
    for module in (
        "importlib.metadata",
        "difflib",
        "migrantres._query.search",
        "migrantres._query.search_query",
        "migrantres._records.fulltext",
        "pandas",
        "pyarrow",
        # Readers and writers of files: the bundled data is read without them.
        "migrantres._formats.reading",
        "migrantres._formats.json_codec",
        "migrantres._formats.csv_codec",
        "csv",
        # The manifest's models, diff, the JSON Schema and text parameters: on first use.
        "migrantres._storage.manifest",
        "migrantres._catalogue.diff",
        "migrantres._formats.schema",
        "migrantres._query.params",
        # The language registry's code, written dates and month lengths, notebook views.
        "migrantres._records.languages",
        "migrantres._records.written_dates",
        "calendar",
        "migrantres._records.display",
        "html",
    ):
        assert module not in loaded, module


def test_names_imported_on_first_use_are_there_from_the_start():
    """``diff``, ``json_schema``, ``Manifest``...: the same objects, and in ``dir``."""
    result = run_python(
        "import sys, migrantres\n"
        "names = ('CatalogueDiff', 'FieldChange', 'ResourceChange', 'diff', 'json_schema',\n"
        "         'lookups_from_params', 'Manifest')\n"
        "print(all(name in dir(migrantres) for name in names))\n"
        "from migrantres import diff, Manifest\n"
        "from migrantres._catalogue.diff import diff as real\n"
        "print(diff is real, Manifest.__name__, migrantres.json_schema()['title'])\n"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["True", "True Manifest Resource"]
    with pytest.raises(AttributeError, match="no attribute 'no_such_name'"):
        migrantres.no_such_name  # noqa: B018 - the attribute access is the test


def test_a_bundled_file_that_cannot_be_read_is_a_data_error_saying_reinstall():
    with pytest.raises(migrantres.DataError, match="'missing.json' cannot be read.*reinstall"):
        loader._read_data("missing.json")
