"""Full-text search: ranking, phrases, prefixes, folding, and its index."""

from __future__ import annotations

import pytest

from migrantres import Catalogue, InvalidValueError, ResourceNotFoundError, SearchResults
from migrantres._query.search import parse_query

THEORY = "theory-change-working-together-end-migrant-worker-exploitation"
HM = "migrant-workers-fair-recruitment-treatment-guidelines"


def test_results_are_best_first_with_scores(shipped):
    results = shipped.search("recruitment")
    assert isinstance(results, SearchResults)
    scores = [results.score(r) for r in results]
    assert scores == sorted(scores, reverse=True)
    assert list(results.scores) == list(results.ids())
    assert [r.id for r, _ in results.hits()] == list(results.ids())
    assert results.first().id == HM  # in the title, which weighs most


def test_a_phrase_must_appear_as_written(shipped):
    assert shipped.search('"recruitment fees"').ids() == (THEORY,)
    assert shipped.search('"fees recruitment"').ids() == ()


def test_words_are_alternatives_and_more_matches_rank_higher(shipped):
    both = shipped.search("recruitment remediation")
    assert {
        HM,
        THEORY,
        "remediation-guidelines-victims-human-trafficking-mineral-supply-chains",
    } <= set(both.ids())


def test_prefix_queries(shipped):
    assert set(shipped.search("recruit*").ids()) == {HM, THEORY}
    assert shipped.search("recruitx*").ids() == ()


def test_search_folds_case_and_accents(sample):
    assert sample.search("ÉTRES humains").first().id == "rapport-sur-la-traite"
    assert sample.search("securite").first().id == "rapport-sur-la-traite"  # organization name


def test_search_covers_organizations(shipped):
    assert shipped.search("H&M").first().id == HM


def test_no_hits_is_an_empty_result(shipped):
    results = shipped.search("zebra")
    assert len(results) == 0
    assert results.scores == {}


def test_an_empty_query_is_an_error(shipped):
    with pytest.raises(InvalidValueError, match="expected a query with at least one word"):
        shipped.search("  ,, ")
    with pytest.raises(TypeError, match="a search query must be a str"):
        shipped.search(None)  # type: ignore[arg-type]


def test_score_of_a_resource_not_found_is_a_key_error(shipped):
    with pytest.raises(ResourceNotFoundError):
        shipped.search("recruitment").score("nope")


def test_search_in_a_filtered_catalogue_keeps_only_its_resources(shipped):
    guidance = shipped.filter(type__startswith="guidance")
    results = guidance.search("migrant")
    assert set(results.ids()) <= set(guidance.ids())
    assert results.ids() == tuple(r for r in shipped.search("migrant").ids() if r in guidance)


def test_the_index_is_built_once_and_shared_by_derived_catalogues(shipped):
    shipped.search("migrant")
    index = shipped._engine.search_index
    shipped.filter(type="report").search("health")
    shipped[1:3].search("migrant")
    assert shipped._engine.search_index is index
    derived = shipped.filter(type="report")
    assert derived._engine.search_index is index
    assert derived._engine._search_index is None


def test_results_can_be_filtered_and_keep_their_order(shipped):
    results = shipped.search("migrant workers")
    filtered = results.filter(organizations="IOM")
    assert filtered.ids() == tuple(i for i in results.ids() if i in filtered)


def test_repr(shipped):
    assert repr(shipped.search("recruitment")) == "SearchResults('recruitment', 2 found)"


def test_search_of_a_union_builds_its_own_index(shipped, sample):
    union = shipped | sample
    assert isinstance(union, Catalogue)
    assert {"rapport-sur-la-traite", HM} <= set(union.search("recruitment traite").ids())


@pytest.mark.parametrize(
    ("text", "words", "prefixes", "phrases"),
    [
        ("Forced Labour", ("forced", "labour"), (), ()),
        ('"forced labour"', (), (), (("forced", "labour"),)),
        ('"unbalanced quote', (), (), (("unbalanced", "quote"),)),
        ("fee* fee*", (), ("fee",), ()),
        ("multi-country", (), (), (("multi", "country"),)),
        ('"single"', ("single",), (), ()),
    ],
)
def test_query_parsing(text, words, prefixes, phrases):
    query = parse_query(text)
    assert (query.words, query.prefixes, query.phrases) == (words, prefixes, phrases)


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


def test_equal_scores_keep_the_catalogues_order(sample):
    reordered = sample.sort_by("-id")
    results = reordered.search("a*")
    for first, second in zip(results, list(results)[1:], strict=False):
        if results.score(first) == results.score(second):
            assert reordered.index(first.id) < reordered.index(second.id)
