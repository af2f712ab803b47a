"""Full-text search on SQLite FTS5: the query language, scripts, ranking and the index."""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from concurrent.futures import ThreadPoolExecutor

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import SAMPLE_RECORDS
from migrantres import (
    Catalogue,
    InvalidValueError,
    MissingDependencyError,
    ResourceNotFoundError,
    SearchResults,
)
from migrantres._formats.reading import Parsed
from migrantres._query import search as search_module
from migrantres._query.search_query import parse_query
from migrantres._records import fulltext
from strategies import UNSPACED_SCRIPTS, catalogues, titles_of_words, words

THEORY = "theory-change-working-together-end-migrant-worker-exploitation"
HM = "migrant-workers-fair-recruitment-treatment-guidelines"
HEALTH = "labour-exploitation-trafficking-migrant-health-multi-country-findings"
VULNERABILITY = "migrants-vulnerability-human-trafficking-modern-slavery-forced-labour"
REMEDIATION = "remediation-guidelines-victims-human-trafficking-mineral-supply-chains"


def titled(*titles: str, description: str = "A resource.") -> Catalogue:
    """A catalogue with one resource per title, ids r0, r1, ..."""
    return Catalogue.from_records(
        {
            "id": f"r{number}",
            "title": title,
            "type": "report",
            "jurisdiction": "Global",
            "organizations": [{"name": "Some Organization"}],
            "description": description,
        }
        for number, title in enumerate(titles)
    )


# -- the examples -------------------------------------------------------------


def test_combining_marks_stay_inside_words():
    """'मेला' (fair) is not found by the different words 'माल' (goods) and 'मिल' (mill)."""
    catalogue = titled("मेला", "Another title")
    assert catalogue.search("मेला").ids() == ("r0",)
    assert catalogue.search("माल").ids() == ()
    assert catalogue.search("मिल").ids() == ()


def test_chinese_text_is_found_by_a_word_inside_it():
    catalogue = titled("强迫劳动问题研究", "劳工权利")
    assert catalogue.search("劳动").ids() == ("r0",)
    assert catalogue.search("问题研究").ids() == ("r0",)
    assert catalogue.search("动问").ids() == ("r0",)  # any two characters of the run
    assert set(catalogue.search("劳").ids()) == {"r0", "r1"}  # one character: anywhere
    assert catalogue.search("究").ids() == ("r0",)  # the last character of a run too
    assert catalogue.search("劳动研究").ids() == ()  # not consecutive in the title


def test_thai_text_is_found_by_a_word_inside_it():
    """'การศึกษาแรงงานบังคับ': a study of forced labour, written without spaces."""
    catalogue = titled("การศึกษาแรงงานบังคับ", "แรงงานข้ามชาติ")
    assert set(catalogue.search("แรงงาน").ids()) == {"r0", "r1"}
    assert catalogue.search("บังคับ").ids() == ("r0",)
    assert catalogue.search("ข้ามชาติ").ids() == ("r1",)
    assert catalogue.search("ข้าม").ids() == ("r1",)


def test_japanese_and_mixed_scripts():
    catalogue = titled("人身取引対策行動計画2014", "ガス", "カス")
    assert catalogue.search("取引").ids() == ("r0",)
    assert catalogue.search("計画2014").ids() == ("r0",)
    assert catalogue.search("ガス").ids() == ("r1",)  # the voicing mark is not an accent


@pytest.mark.parametrize(
    "query",
    [
        '"forced labour"',
        "“forced labour”",
        "„forced labour“",
        "«forced labour»",
        "»forced labour«",
        "“forced labour",  # no closing quote: to the end of the query
    ],
)
def test_phrases_in_straight_or_typographic_quotes(shipped, query):
    assert shipped.search(query).ids() == (VULNERABILITY, THEORY)
    assert shipped.search(query.replace("forced labour", "labour forced")).ids() == ()


def test_the_two_words_without_quotes_need_not_be_together(shipped):
    assert set(shipped.search("labour forced").ids()) == {VULNERABILITY, THEORY}
    assert shipped.search("mineral victims").ids() == (REMEDIATION,)
    assert shipped.search('"mineral victims"').ids() == ()


@pytest.mark.parametrize("query", ["trafficking -health", "trafficking NOT health"])
def test_a_word_can_be_excluded(shipped, query):
    assert set(shipped.search("trafficking").ids()) == {HEALTH, VULNERABILITY, REMEDIATION}
    assert shipped.search(query).ids() == (VULNERABILITY, REMEDIATION)


def test_exclusions_of_phrases_and_fields(shipped):
    assert HEALTH in shipped.search('trafficking -"health risks x"').ids()
    assert shipped.search('trafficking -"health risks"').ids() == (VULNERABILITY, REMEDIATION)
    assert shipped.search("trafficking -title:health").ids() == (VULNERABILITY, REMEDIATION)
    assert shipped.search('trafficking -title:"migrant health"').ids() == (
        VULNERABILITY,
        REMEDIATION,
    )


def test_words_must_all_match_and_or_gives_either(shipped):
    assert shipped.search("recruitment remediation").ids() == ()
    assert shipped.search("recruitment AND remediation").ids() == ()
    either = shipped.search("recruitment OR remediation")
    assert set(either.ids()) == {HM, THEORY, REMEDIATION}
    assert either.first().id == REMEDIATION  # in its title, which weighs most
    # OR binds its neighbours: supply and (recruitment or remediation)
    assert set(shipped.search("supply recruitment OR remediation").ids()) == {
        HM,
        THEORY,
        REMEDIATION,
    }
    assert set(shipped.search("modern recruitment OR remediation").ids()) == set()


def test_field_prefixes_search_one_field(shipped):
    assert set(shipped.search("title:migrant").ids()) == {HEALTH, HM, THEORY}
    assert shipped.search("title:H&M").ids() == ()
    assert shipped.search("organizations:H&M").ids() == (HM,)
    assert set(shipped.search('Title:"supply chains"').ids()) == {REMEDIATION, THEORY}
    assert set(shipped.search("description:fee*").ids()) == {HM, THEORY}


def test_prefixes(shipped):
    assert set(shipped.search("recruit*").ids()) == {HM, THEORY}
    assert shipped.search("recruitx*").ids() == ()
    assert set(shipped.search('"forced lab"*').ids()) == {VULNERABILITY, THEORY}


def test_search_folds_case_and_accents(sample):
    assert sample.search("ÉTRES humains").first().id == "rapport-sur-la-traite"
    assert sample.search("securite").first().id == "rapport-sur-la-traite"  # organization name
    assert titled("Straße").search("STRASSE").ids() == ("r0",)


def test_search_covers_organizations(shipped):
    assert shipped.search("H&M").first().id == HM


def test_query_text_is_normalised_to_nfc():
    catalogue = titled("Côte d'Ivoire")  # the record's text, composed
    assert catalogue.search("Co\u0302te").ids() == ("r0",)  # the query, decomposed


# -- malformed queries ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "part"),
    [
        ("OR labour", "'OR' at the start has nothing before it"),
        ("labour OR", "'OR' at the end has nothing after it"),
        ("labour AND", "'AND' at the end has nothing after it"),
        ("labour NOT", "'NOT' at the end has nothing after it"),
        ("labour OR OR work", "'OR' followed by 'OR'"),
        ("labour OR -work", "an excluded alternative 'work' after 'OR'"),
        ("-labour OR work", "an excluded word or phrase before 'OR'"),
        ("-labour", "every word or phrase in it is excluded"),
        ("labour title:", "'title:' has nothing after it"),
        ("titel:labour", "unknown field 'titel' in 'titel:labour'; did you mean 'title'?"),
        ("desc:labour", "unknown field 'desc' in 'desc:labour'; did you mean 'description'?"),
        ("ORG:IOM", "unknown field 'ORG' in 'ORG:IOM'; did you mean 'organizations'?"),
        ("labour --format", "'--format' starts with two dashes"),
    ],
)
def test_a_malformed_query_names_the_bad_part(shipped, query, part):
    with pytest.raises(InvalidValueError, match=f"for 'search' \\({re.escape(part)}\\); expected"):
        shipped.search(query)


@pytest.mark.parametrize(
    ("query", "same_as"),
    [
        ("labour - work", "labour work"),  # a lone dash is punctuation
        ("fees &", "fees"),  # so is anything with no letter or digit
        ("re:work", '"re work"'),  # a colon after a word that is no field is punctuation
        ("multi-country", '"multi country"'),
        ('"unbalanced quote', '"unbalanced quote"'),
        ('"OR"', "or"),  # a quoted operator is a word
        ("fees\x00 \tlabour", "fees labour"),  # control characters separate words
        ("labour or work", "labour AND or AND work"),  # operators are in capitals only
    ],
)
def test_the_documented_reading_of_odd_queries(shipped, sample, query, same_as):
    for catalogue in (shipped, sample, titled("Re:work and multi-country labour or work")):
        try:
            expected = catalogue.search(same_as).scores
        except InvalidValueError:
            expected = None
        try:
            found = catalogue.search(query).scores
        except InvalidValueError:
            found = None
        assert found == expected


def test_an_empty_query_is_an_error(shipped):
    with pytest.raises(InvalidValueError, match="expected a query with at least one word"):
        shipped.search("  ,, ")
    with pytest.raises(TypeError, match="a search query must be a str"):
        shipped.search(None)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("query", "expression"),
    [
        ("Forced Labour", '("forced") AND ("labour")'),
        ("“forced labour”", '("forced labour")'),
        ("a OR b c", '("a" OR "b") AND ("c")'),
        ("fee*", '("fee" *)'),
        ('organizations:"H&M"', '(organizations : "h&m")'),
        ('x NOT y -"a b"', '(("x")) NOT ("y") NOT ("a b")'),
        ('say"no"', '("say") AND ("no")'),
        ('a "b""c" d', '("a") AND ("b") AND ("c") AND ("d")'),
        ("劳动问题", '("劳动 动问 问题")'),
        ("劳", '("劳" *)'),
    ],
)
def test_queries_become_quoted_fts5_expressions(query, expression):
    assert parse_query(query).to_fts5() == expression


# -- ranking and order ----------------------------------------------------------------


def test_results_are_best_first_with_scores(shipped):
    results = shipped.search("recruitment")
    assert isinstance(results, SearchResults)
    scores = [results.score(r) for r in results]
    assert scores == sorted(scores, reverse=True)
    assert all(score > 0 for score in scores)
    assert list(results.scores) == list(results.ids())
    assert [r.id for r, _ in results.hits()] == list(results.ids())
    assert results.first().id == HM  # in the title, which weighs most


def test_a_title_weighs_more_than_a_description():
    catalogue = titled("Nothing here", "Slavery today", description="Slavery and labour.")
    results = catalogue.search("slavery")
    assert results.ids() == ("r1", "r0")
    assert results.score("r1") > results.score("r0")


def test_equal_scores_keep_the_searched_catalogues_order():
    catalogue = titled("Labour a", "Labour b", "Labour c", "Labour d")
    assert catalogue.search("labour").ids() == ("r0", "r1", "r2", "r3")
    reordered = catalogue.sort_by("-title")
    assert reordered.search("labour").ids() == ("r3", "r2", "r1", "r0")
    assert reordered.search("labour", limit=2).ids() == ("r3", "r2")
    filtered = reordered.filter(id__in=["r0", "r2"])
    assert filtered.search("labour").ids() == ("r2", "r0")


def test_results_keep_their_scores_through_filter_exclude_slicing_and_head(shipped):
    results = shipped.search("migrant")
    scores = results.scores
    for derived in (
        results.filter(type="report"),
        results.exclude(type="report"),
        results[1:3],
        results[::-1],
        results.head(2),
        results.sort_by("title"),
        *results.group_by("type").values(),
    ):
        assert isinstance(derived, SearchResults)
        assert derived.query == "migrant"
        assert derived.scores == {i: scores[i] for i in derived.ids()}
        assert [derived.score(r) for r in derived] == [scores[r.id] for r in derived]


def test_score_of_a_resource_not_found_is_a_key_error(shipped):
    with pytest.raises(ResourceNotFoundError):
        shipped.search("recruitment").score("nope")


def test_no_hits_is_an_empty_result(shipped):
    results = shipped.search("zebra")
    assert len(results) == 0
    assert results.scores == {}


def test_search_in_a_filtered_catalogue_keeps_only_its_resources(shipped):
    guidance = shipped.filter(type__startswith="guidance")
    results = guidance.search("migrant")
    assert set(results.ids()) <= set(guidance.ids())
    assert results.scores == {
        i: s for i, s in shipped.search("migrant").scores.items() if i in guidance
    }


@pytest.mark.parametrize("query", ["migrant", "recruitment fees", '"forced labour"', "recruit*"])
def test_a_limit_keeps_the_best_results_in_the_same_order(shipped, sample, query):
    for catalogue in (shipped, sample, shipped.sort_by("-launch_date"), shipped | sample):
        everything = catalogue.search(query)
        for limit in (0, 1, 2, 10):
            best = catalogue.search(query, limit=limit)
            assert best.ids() == everything.ids()[:limit]
            assert [best.score(r) for r in best] == [everything.score(r) for r in best]


def test_a_limit_must_be_a_count(shipped):
    with pytest.raises(InvalidValueError, match="invalid value -1 for 'limit'"):
        shipped.search("migrant", limit=-1)
    with pytest.raises(TypeError, match="limit must be an int or None, not str"):
        shipped.search("migrant", limit="3")  # type: ignore[arg-type]


def test_repr(shipped):
    assert repr(shipped.search("recruitment")) == "SearchResults('recruitment', 2 found)"


# -- the index ------------------------------------------------------------------------


def test_the_index_is_built_once_and_shared_by_derived_catalogues(shipped):
    shipped.search("migrant")
    index = shipped._engine.search_index
    shipped.filter(type="report").search("health")
    shipped[1:3].search("migrant")
    assert shipped._engine.search_index is index
    derived = shipped.filter(type="report")
    assert derived._engine.search_index is index
    assert derived._engine._search_index is None


def test_search_of_a_union_builds_its_own_index(shipped, sample):
    union = shipped | sample
    assert isinstance(union, Catalogue)
    assert {"rapport-sur-la-traite", HM} <= set(union.search("recruitment OR traite").ids())


def test_many_threads_search_at_once_and_share_one_index(monkeypatch, sample):
    builds = []
    build = search_module.FullTextIndex.build.__func__  # type: ignore[attr-defined]

    def counted(cls, resources):
        builds.append(len(resources))
        return build(cls, resources)

    monkeypatch.setattr(search_module.FullTextIndex, "build", classmethod(counted))
    catalogue = Catalogue(list(sample))  # a fresh catalogue, not yet indexed
    queries = ["recruitment", "traite OR guide", '"forced labour"', "fee*", "-x"] * 40
    expected = {}
    with ThreadPoolExecutor(max_workers=16) as pool:
        derived = [catalogue, catalogue.sort_by("title"), catalogue[1:]]
        jobs = [
            (i, pool.submit(lambda c, q: c.search(q).scores, derived[i % 3], q))
            for i, q in enumerate(queries)
        ]
        outcomes = []
        for i, job in jobs:
            try:
                outcomes.append((i, job.result()))
            except InvalidValueError:
                outcomes.append((i, None))
    assert builds == [len(sample)]
    for i, scores in outcomes:
        query = queries[i]
        if query.startswith("-"):
            assert scores is None
            continue
        expected = {
            k: v
            for k, v in Catalogue(list(sample)).search(query).scores.items()
            if k in derived[i % 3]
        }
        assert scores == expected


def test_a_python_without_fts5_gets_a_clear_error(monkeypatch, sample):
    """SQLite's own error for a missing module, raised by a module name it lacks."""
    monkeypatch.setattr(fulltext, "MODULE", "fts5_missing")
    with pytest.raises(
        MissingDependencyError,
        match=r"full-text search needs the optional dependency 'fts5_missing'; install a "
        r"Python whose sqlite3 module has SQLite's FTS5 extension",
    ) as caught:
        Catalogue(list(sample)).search("recruitment")
    assert "no such module: fts5_missing" in caught.value.__notes__[0]


def _stored_catalogue(tmp_path, catalogue):
    """A file in the export's layout (resources + resources_fts), read back with its index."""
    path = tmp_path / "catalogue.sqlite"
    with sqlite3.connect(path) as db:
        db.execute(
            "CREATE TABLE resources (rowid INTEGER PRIMARY KEY, id TEXT, "
            "title TEXT, organizations TEXT, description TEXT)"
        )
        db.execute(fulltext.create_table_sql("resources_fts", content="resources"))
        for position, resource in enumerate(catalogue):
            rowid = 100 + 7 * position
            names = " ".join(o.name for o in resource.organizations)
            db.execute(
                "INSERT INTO resources VALUES (?, ?, ?, ?, ?)",
                (rowid, resource.id, resource.title, names, resource.description),
            )
            db.execute(
                "INSERT INTO resources_fts (rowid, title, organizations, description) "
                "VALUES (?, ?, ?, ?)",
                (rowid, *fulltext.document_texts(resource)),
            )
    connection = sqlite3.connect(path, check_same_thread=False)
    rowids = dict(connection.execute("SELECT rowid, id FROM resources"))
    positions = {rowid: catalogue.index(rowids[rowid]) for rowid in rowids}
    stored = fulltext.StoredIndex(connection, "resources_fts", positions)
    return Catalogue._parsed(Parsed(tuple(catalogue), None), fulltext=stored), connection


@pytest.mark.parametrize("reverse", [False, True])
def test_a_catalogue_read_with_a_stored_index_searches_it(monkeypatch, tmp_path, shipped, reverse):
    original = shipped.sort_by("-id") if reverse else shipped
    catalogue, connection = _stored_catalogue(tmp_path, original)

    def refuse(_cls, _resources):
        raise AssertionError("built an index although one was handed over")

    monkeypatch.setattr(search_module.FullTextIndex, "build", classmethod(refuse))
    for query in [
        "migrant",
        "“forced labour”",
        "trafficking -health",
        "recruit*",
        "organizations:IOM",
    ]:
        assert catalogue.search(query).scores == original.search(query).scores
        assert catalogue.search(query, limit=2).ids() == original.search(query).ids()[:2]
    sorted_ = catalogue.sort_by("title")
    assert sorted_.search("migrant").ids() == original.sort_by("title").search("migrant").ids()
    assert catalogue._engine.search_index._connection is connection
    # Datasette's search of the same table finds the resources by their raw words
    found = connection.execute(
        "SELECT id FROM resources WHERE rowid IN "
        "(SELECT rowid FROM resources_fts WHERE resources_fts MATCH ?)",
        ('"recruitment"',),
    ).fetchall()
    assert {i for (i,) in found} == {HM, THEORY}
    connection.close()


# -- properties -----------------------------------------------------------------------


@given(titles_of_words(), st.data())
def test_any_word_of_a_title_is_found_by_searching_it(title_words, data):
    catalogue = titled(" ".join(title_words), "Unrelated words", "Ещё одно название")
    stored = unicodedata.normalize("NFC", catalogue["r0"].title).split(" ")
    word = data.draw(st.sampled_from(stored))
    assert "r0" in catalogue.search(word).ids()
    assert "r0" in catalogue.search(f"title:{word}").ids()
    assert "r0" in catalogue.search(f'"{word}"').ids()


@given(st.sampled_from(UNSPACED_SCRIPTS).flatmap(lambda s: words(s).filter(len)), st.data())
def test_any_part_of_an_unspaced_run_is_found(run, data):
    catalogue = titled(f"Start {run}end", "Other")
    title = unicodedata.normalize("NFC", catalogue["r0"].title)
    stored = title.removeprefix("Start ").removesuffix("end")
    start = data.draw(st.integers(0, len(stored) - 1))
    end = data.draw(st.integers(start + 1, len(stored)))
    assert "r0" in catalogue.search(stored[start:end]).ids()


@given(catalogues(min_size=1), st.sampled_from(["migrant", "organization", "a*", "é", "org* -x"]))
def test_a_derived_catalogue_ranks_as_its_root_with_ties_in_its_own_order(catalogue, query):
    root = catalogue.search(query).scores
    for derived in (catalogue.sort_by("-id"), catalogue[::2], catalogue.filter(type="report")):
        results = derived.search(query)
        assert results.scores == {i: s for i, s in root.items() if i in derived}
        order = {resource_id: n for n, resource_id in enumerate(derived.ids())}
        keys = [(-results.score(i), order[i]) for i in results.ids()]
        assert keys == sorted(keys)


@given(st.text(st.characters(codec=None), max_size=30))
def test_any_query_text_gives_results_or_a_query_error(text):
    """Whatever is typed, FTS5 never sees a malformed expression: no foreign exception."""
    catalogue = titled("Forced labour", "强迫劳动", "मेला")
    try:
        results = catalogue.search(text)
    except InvalidValueError as exc:
        assert str(exc).startswith(f"invalid value {text!r} for 'search'")
    else:
        assert set(results.ids()) <= {"r0", "r1", "r2"}


@given(
    st.sampled_from(["title", "organizations", "description"]).flatmap(
        lambda name: st.integers(3, len(name) - 1).map(lambda n: name[:n])
    ),
    st.booleans(),
)
def test_a_field_name_cut_short_is_named_not_searched_as_a_word(cut, upper):
    """``desc:`` or ``org:`` was two loose words that matched nothing: now it is named."""
    written = cut.upper() if upper else cut
    with pytest.raises(InvalidValueError, match=f"unknown field '{written}' in '{written}:labour'"):
        Catalogue.from_records(SAMPLE_RECORDS).search(f"{written}:labour")
