"""Hostile and careless input: every entry point answers with the package's own errors.

Each fuzz test's example count is the Hypothesis profile's (300 in CI); the mutation
corpus adds a fixed number of cases generated from the real upstream text.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import migrantres
from conftest import SAMPLE_RECORDS, SOURCE_TEXT, concurrently
from migrantres import (
    Catalogue,
    LoadError,
    MigrantresError,
    ParseError,
    PartialDate,
    QueryError,
    ResourceType,
)
from migrantres.ingest import parse_resources
from strategies import catalogues, lines

SOURCE = SOURCE_TEXT.read_text(encoding="utf-8")
SOURCE_LINES = SOURCE.split("\n")


# -- the parser, under mutation ----------------------------------------------------------

LOOKALIKES = "АВЕКМНОРСТХаеорсухіјѕ"  # noqa: RUF001 - Cyrillic look-alikes on purpose
LABELS = [line for line in SOURCE_LINES if "\t" in line and line.split("\t")[0].strip()]


def _mutations(seed: int) -> str:
    """A damaged copy of the real source text, reproducible from its seed."""
    rng = random.Random(seed)
    lines_ = list(SOURCE_LINES)
    kind = seed % 9
    if kind == 0:
        return SOURCE[: rng.randrange(len(SOURCE))]
    if kind == 1:
        rng.shuffle(lines_)
    elif kind == 2:
        at = rng.randrange(len(lines_))
        lines_.insert(at, rng.choice(LABELS))
    elif kind == 3:
        text = list(SOURCE)
        for _ in range(rng.randint(1, 20)):
            text[rng.randrange(len(text))] = rng.choice(LOOKALIKES)
        return "".join(text)
    elif kind == 4:
        at = rng.randrange(len(SOURCE))
        return SOURCE[:at] + "\x00" + SOURCE[at:]
    elif kind == 5:
        return "\ufeff" + SOURCE.replace("\n", "\r\n")
    elif kind == 6:
        at = rng.randrange(len(lines_))
        lines_[at] = lines_[at] + " word" * rng.randint(1000, 20000)
    elif kind == 7:
        del lines_[rng.randrange(len(lines_))]
    else:
        at = rng.randrange(len(lines_))
        lines_[at] = lines_[at].replace("\t", " ", 1) if rng.random() < 0.5 else "\t" + lines_[at]
    return "\n".join(lines_)


MUTATIONS = 360


def _parses_or_raises_parse_error(text: str) -> tuple[object, ...] | ParseError:
    try:
        return parse_resources(text)
    except ParseError as exc:
        assert exc.line is None or 1 <= exc.line <= text.count("\n") + 1
        assert str(exc)
        return exc


@pytest.mark.parametrize("seed", range(MUTATIONS))
def test_mutated_source_parses_or_raises_parse_error_with_a_line(seed):
    _parses_or_raises_parse_error(_mutations(seed))


def test_the_mutation_corpus_hits_both_outcomes():
    outcomes = [_parses_or_raises_parse_error(_mutations(seed)) for seed in range(0, MUTATIONS, 7)]
    assert any(isinstance(o, ParseError) for o in outcomes)
    assert any(isinstance(o, tuple) for o in outcomes)


@given(st.text(alphabet=st.sampled_from(SOURCE + LOOKALIKES + "\x00\ufeff\r"), max_size=400))
def test_any_text_from_the_sources_alphabet_parses_or_raises_parse_error(text):
    _parses_or_raises_parse_error(text)


@given(st.data())
def test_spliced_source_lines_parse_or_raise_parse_error(data):
    chosen = data.draw(st.lists(st.sampled_from(SOURCE_LINES), max_size=60))
    _parses_or_raises_parse_error("\n".join(chosen))


def test_a_failed_parse_returns_nothing_half_built():
    text = SOURCE + "\nA stray line that fits nowhere\n"
    with pytest.raises(ParseError, match="line 54"):
        parse_resources(text)


# -- loaders, under mutation --------------------------------------------------------------

LOADERS = {"json": Catalogue.from_json, "jsonl": Catalogue.from_jsonl, "csv": Catalogue.from_csv}
SAMPLE = Catalogue.from_records(SAMPLE_RECORDS)


@pytest.mark.parametrize("fmt", list(LOADERS))
@given(data=st.data())
def test_mutated_files_load_or_raise_load_error(fmt, data):
    text = getattr(SAMPLE, f"to_{fmt}")()
    raw = bytearray(text.encode("utf-8"))
    for _ in range(data.draw(st.integers(1, 5))):
        action = data.draw(st.sampled_from(["flip", "cut", "insert", "delete"]))
        at = data.draw(st.integers(0, max(len(raw) - 1, 0)))
        if action == "flip" and raw:
            raw[at] = data.draw(st.integers(0, 255))
        elif action == "cut":
            del raw[at:]
        elif action == "insert":
            raw[at:at] = data.draw(st.binary(max_size=8))
        elif raw:
            del raw[at]
    try:
        loaded = LOADERS[fmt](bytes(raw))
    except LoadError as exc:
        assert exc.problems
        assert all(str(problem) for problem in exc.problems)
    else:
        assert isinstance(loaded, Catalogue)


@pytest.mark.parametrize("fmt", list(LOADERS))
@given(raw=st.binary(max_size=300) | st.text(max_size=300))
def test_arbitrary_bytes_load_or_raise_load_error(fmt, raw):
    try:
        LOADERS[fmt](raw)
    except LoadError as exc:
        assert exc.problems


@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=10),
        lambda c: st.lists(c, max_size=3) | st.dictionaries(st.text(max_size=8), c, max_size=3),
        max_leaves=20,
    )
)
def test_arbitrary_json_values_load_or_raise_load_error(value):
    try:
        Catalogue.from_json(json.dumps(value))
    except LoadError as exc:
        assert exc.problems


def test_huge_files_are_refused_before_reading(tmp_path):
    path = tmp_path / "huge.json"
    path.write_text(SAMPLE.to_json(), encoding="utf-8")
    with pytest.raises(LoadError, match="more than the limit of 100; pass max_bytes= to allow it"):
        migrantres.load(path, max_bytes=100)
    assert len(migrantres.load(path)) == len(SAMPLE)


def test_a_file_with_many_problems_lists_them_all_on_the_error(tmp_path):
    records = [dict(SAMPLE_RECORDS[0], id=f"r-{n}", launch_date="2019-13") for n in range(120)]
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    with pytest.raises(LoadError, match="120 problems") as info:
        migrantres.load(path)
    assert len(info.value.problems) == 120
    assert "and 70 more (see .problems)" in str(info.value)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"launch_date": "31 February 2019"}, "expected ISO 8601"),
        ({"launch_date": "2019-02-31"}, "day is out of range"),
        ({"availability": [{"url": "javascript:alert(1)"}]}, "only http and https"),
        ({"availability": [{"url": "file:///etc/passwd"}]}, "only http and https"),
        ({"availability": [{"url": "data:text/html,alert(1)"}]}, "only http and https"),
        ({"availability": [{"url": 'https://x.org/"><script>'}]}, "must not contain"),
        ({"id": 7}, "Input should be a valid string"),
        ({"organizations": "IOM"}, "Input should be a valid array"),
    ],
)
def test_bad_values_in_a_users_file_are_named(tmp_path, change, message):
    path = tmp_path / "mine.json"
    path.write_text(json.dumps([{**SAMPLE_RECORDS[0], **change}]), encoding="utf-8")
    with pytest.raises(LoadError, match=message) as info:
        migrantres.load(path)
    (problem,) = info.value.problems
    assert problem.index == 0
    assert problem.field.split(".")[0] == next(iter(change))


# -- integrity: nothing shared can be changed -------------------------------------------------


QUERIES = st.sampled_from(
    [
        lambda c: c.filter(type="report"),
        lambda c: c.exclude(organizations="IOM"),
        lambda c: c.sort_by("-launch_date", "title"),
        lambda c: c.group_by("languages"),
        lambda c: c.facets("type"),
        lambda c: c.search("migrant workers"),
        lambda c: c[1:3] | c[0:1],
        lambda c: c.to_records()[0].update({"title": "changed"}),
        lambda c: c.to_records()[0]["organizations"].append({"name": "x"}),
        lambda c: (
            c.search("migrant").scores.clear()
            if hasattr(c.search("migrant").scores, "clear")
            else None
        ),
        lambda c: c.group_by("type").clear(),
        lambda c: c.filter(languages="FRA").to_csv(),
        lambda c: c[0].model_dump()["availability"],
    ]
)


@settings(max_examples=50)
@given(st.lists(QUERIES, max_size=12))
def test_the_bundled_catalogue_is_identical_after_any_queries(shipped, queries):
    before = shipped.to_json()
    for query in queries:
        query(shipped)
    assert migrantres.load() is shipped
    assert shipped.to_json() == before


def test_records_catalogues_and_their_tuples_cannot_be_changed(shipped):
    resource = shipped[0]
    with pytest.raises(Exception, match="frozen"):
        resource.title = "x"  # type: ignore[misc]
    with pytest.raises(TypeError):
        resource.organizations[0] = resource.organizations[0]  # type: ignore[index]
    with pytest.raises(AttributeError, match="immutable"):
        shipped._resources = ()  # type: ignore[misc]
    with pytest.raises(TypeError):
        shipped.resources[0] = resource  # type: ignore[index]
    with pytest.raises(AttributeError, match="immutable"):
        resource.launch_date.year = 1  # type: ignore[misc, union-attr]


# -- concurrency --------------------------------------------------------------------------


def test_many_threads_querying_at_once_agree(sample):
    def queries_of(catalogue):
        return lambda: (
            catalogue.filter(languages="fr").ids(),
            catalogue.filter(organizations="IOM").ids(),
            catalogue.search("forced labour").ids(),
            tuple(catalogue.facets("type").items()),
        )

    expected = queries_of(Catalogue(list(sample)))()
    fresh = Catalogue(list(sample))  # no index built yet: the threads build them at once
    assert concurrently(queries_of(fresh), 12) == [expected] * 12


# -- no network, no code run from data ------------------------------------------------------


def test_a_whole_session_opens_no_socket_and_runs_no_code_from_data(tmp_path):
    path = tmp_path / "mine.json"
    record = {
        **SAMPLE_RECORDS[0],
        "title": "__import__('os').system('echo pwned')",
        "description": "{{7*7}} ${7*7} `id`",
    }
    path.write_text(json.dumps([record]), encoding="utf-8")
    script = (
        "import sys\n"
        "events = []\n"
        "def hook(event, args):\n"
        "    if event.startswith(('socket.', 'subprocess.', 'os.system', 'os.exec', 'os.posix_spawn')):\n"
        "        events.append(event)\n"
        "    # Imports compile modules (search imports its own on first use) and typing\n"
        "    # compiles annotations; none may compile data.\n"
        "    elif event == 'compile' and any(m in str(args[0]) for m in ('pwned', '7*7', '__import__')):\n"
        "        events.append(('compile', str(args[0])[:80]))\n"
        "    elif event == 'exec' and any(m in str(getattr(args[0], 'co_consts', ())) for m in ('pwned', '7*7')):\n"
        "        events.append(('exec', getattr(args[0], 'co_filename', '?')))\n"
        "import migrantres\n"
        "sys.addaudithook(hook)\n"
        "c = migrantres.load()\n"
        "c.filter(languages='fr').search('recruitment').to_csv()\n"
        "c.to_json(); c.to_markdown(); c._repr_html_(); migrantres.json_schema()\n"
        f"mine = migrantres.load({str(path)!r})\n"
        "mine.to_csv(); mine.to_jsonl(); mine._repr_html_()\n"
        "print(sorted(set(map(str, events))))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
    assert "pwned" not in result.stdout


# -- queries with arbitrary arguments -------------------------------------------------------


FIELD_NAMES = [
    *migrantres._query.fields.FIELDS,
    "availability",
    "provenance",
    "colour",
    "",
    "_",
    "__class__",
]
OPS = [
    "exact",
    "iexact",
    "in",
    "contains",
    "icontains",
    "startswith",
    "gt",
    "gte",
    "lt",
    "lte",
    "isnull",
    "year",
    "month",
    "day",
    "regex",
    "",
]
VALUES = (
    st.none()
    | st.booleans()
    | st.integers(-(10**12), 10**12)
    | st.floats(allow_nan=True)
    | lines(max_size=12)
    | st.binary(max_size=5)
    | st.lists(
        st.one_of(st.none(), st.integers(), lines(max_size=6), st.lists(st.integers(), max_size=2)),
        max_size=3,
    )
    | st.dictionaries(st.text(max_size=3), st.integers(), max_size=2)
    | st.dates().map(lambda d: d)
    | st.datetimes()
    | st.sampled_from(
        [PartialDate(2019), ResourceType.REPORT, object(), "2019-13", "FRA", "xx", float("inf")]
    )
    | st.tuples(st.integers())
)
KEYS = st.builds(
    lambda field, parts: "__".join([field, *parts]),
    st.sampled_from(FIELD_NAMES) | st.text(max_size=8),
    st.lists(st.sampled_from(OPS), max_size=3),
)


@given(st.dictionaries(KEYS, VALUES, min_size=1, max_size=3))
def test_arbitrary_lookups_give_a_result_or_a_query_error(sample, lookups):
    for method in (sample.filter, sample.exclude):
        try:
            result = method(**lookups)
        except QueryError as exc:
            assert str(exc)
        else:
            assert isinstance(result, Catalogue)
            assert set(result.ids()) <= set(sample.ids())


@given(
    st.lists(st.sampled_from(FIELD_NAMES) | st.text(max_size=10), min_size=1, max_size=3),
    st.booleans(),
)
def test_arbitrary_sort_group_and_facet_fields_give_a_result_or_a_query_error(
    sample, fields, descending
):
    calls = [
        lambda: sample.sort_by(*[("-" if descending else "") + f for f in fields]),
        lambda: sample.group_by(fields[0]),
        lambda: sample.facets(fields[0] + "__year"),
        lambda: sample.distinct(fields[-1]),
    ]
    for call in calls:
        try:
            call()
        except QueryError as exc:
            assert str(exc)


@given(lines(max_size=40) | st.text(max_size=40))
def test_arbitrary_search_text_gives_a_result_or_a_query_error(sample, text):
    try:
        results = sample.search(text)
    except QueryError as exc:
        assert str(exc).startswith("invalid value ")
        assert "for 'search'" in str(exc)
    else:
        assert set(results.ids()) <= set(sample.ids())


@given(catalogues(max_size=4))
def test_exports_embed_only_http_urls(catalogue):
    import re  # noqa: PLC0415

    for text in (
        catalogue.to_csv(),
        catalogue.to_json(),
        catalogue._repr_html_(),
        catalogue.to_markdown(),
    ):
        for scheme in re.findall(r"\b([a-zA-Z][a-zA-Z0-9+.-]*):(?://|[a-z])", text):
            assert scheme.lower() in {"http", "https", "urn"} or scheme.lower() not in {
                "javascript",
                "file",
                "data",
                "vbscript",
                "ftp",
            }


def test_every_error_is_a_migrantres_error(sample):
    for call in (
        lambda: sample.filter(colour="red"),
        lambda: sample["nope"],
        lambda: PartialDate.parse("soon"),
        lambda: Catalogue.from_json("{"),
        lambda: parse_resources("no heading\n\tx"),
    ):
        with pytest.raises(MigrantresError):
            call()
    assert dt  # the module is used by strategies above
