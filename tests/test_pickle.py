"""Copies and pickles: equal to the original, as immutable, and holding only the records."""

from __future__ import annotations

import copy
import multiprocessing
import operator
import pickle

import joblib
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

import migrantres
from migrantres import (
    Availability,
    Catalogue,
    CatalogueDiff,
    Correction,
    Organization,
    Provenance,
    Repair,
    Resource,
    SearchResults,
    SourceLocation,
)
from strategies import catalogues, partial_dates

PROTOCOLS = range(pickle.HIGHEST_PROTOCOL + 1)
with_provenance = catalogues(max_size=6, provenance=True)


def round_trip(value, protocol=pickle.DEFAULT_PROTOCOL):
    return pickle.loads(pickle.dumps(value, protocol=protocol))  # noqa: S301 - our own bytes


# -- the examples: each of these raised AttributeError --------------------------


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_the_shipped_catalogue_pickles_with_every_protocol(shipped, protocol):
    back = round_trip(shipped, protocol)
    assert type(back) is Catalogue
    assert back == shipped
    assert back.version == shipped.version
    assert back.to_json() == shipped.to_json()


def test_copy_and_deepcopy_of_a_catalogue_are_the_catalogue(shipped):
    assert copy.copy(shipped) is shipped
    assert copy.deepcopy(shipped) is shipped
    nested = copy.deepcopy({"catalogue": shipped, "list": [shipped]})
    assert nested["catalogue"] is shipped
    assert nested["list"][0] is shipped


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_search_results_keep_query_and_scores(shipped, protocol):
    found = shipped.search("migrant labour")
    back = round_trip(found, protocol)
    assert type(back) is SearchResults
    assert back == found
    assert back.query == found.query
    assert back.scores == found.scores
    assert list(back.hits()) == list(found.hits())
    assert copy.copy(found) is found
    assert copy.deepcopy(found) is found


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_a_diff_pickles_and_copies(shipped, protocol):
    changes = migrantres.diff(shipped[:3], shipped[1:])
    assert changes
    for back in (round_trip(changes, protocol), copy.copy(changes), copy.deepcopy(changes)):
        assert back == changes
        assert type(back) is CatalogueDiff
        with pytest.raises(AttributeError, match="cannot assign"):
            back.added = ()  # type: ignore[misc]


# -- what a pickle holds ------------------------------------------------------------------


def test_a_pickle_holds_the_records_and_version_not_the_indexes(shipped):
    fresh = Catalogue(list(shipped), version=shipped.version)
    before = pickle.dumps(fresh)
    fresh.search("trafficking")
    fresh.filter(type="report", languages="fr")
    fresh.sort_by("-launch_date")
    fresh.group_by("organizations")
    assert pickle.dumps(fresh) == before
    assert pickle.dumps(shipped) == before


def test_a_derived_catalogue_does_not_carry_its_origin(shipped):
    part = shipped.filter(type="report")
    assert part._origin is shipped
    back = round_trip(part)
    assert back._origin is None
    assert pickle.dumps(part) == pickle.dumps(Catalogue(list(part), version=part.version))
    assert len(pickle.dumps(part)) < len(pickle.dumps(shipped))


def test_an_unpickled_catalogue_answers_queries_as_the_original(shipped):
    back = round_trip(shipped)
    assert back.search("trafficking").scores == shipped.search("trafficking").scores
    assert back.filter(organizations="IOM") == shipped.filter(organizations="IOM")
    assert back.group_by("launch_date__year") == shipped.group_by("launch_date__year")


def test_an_unpickled_catalogue_is_still_immutable(shipped):
    back = round_trip(shipped)
    with pytest.raises(AttributeError, match="immutable"):
        back._resources = ()  # type: ignore[misc]
    with pytest.raises(ValidationError, match="frozen"):
        back[0].title = "changed"  # type: ignore[misc]


def test_unpickling_checks_the_records_as_the_constructor_does(shipped):
    rebuild, (resources, version) = shipped.__reduce__()
    assert rebuild(resources, version) == shipped
    with pytest.raises(migrantres.LoadError, match="duplicate id"):
        rebuild((resources[0], resources[0]), version)
    with pytest.raises(TypeError, match="not a Resource"):
        rebuild(({"id": "x"},), version)


# -- the whole kind -----------------------------------------------------------------------


@given(catalogue=with_provenance, protocol=st.sampled_from(PROTOCOLS))
def test_any_catalogue_round_trips_with_any_protocol(catalogue, protocol):
    back = round_trip(catalogue, protocol)
    assert back == catalogue
    assert back.version == catalogue.version
    assert back.to_records() == catalogue.to_records()
    assert [r.model_fields_set for r in back] == [r.model_fields_set for r in catalogue]


@given(catalogue=with_provenance, protocol=st.sampled_from(PROTOCOLS))
def test_any_search_keeps_its_scores(catalogue, protocol):
    found = catalogue.search("migration labour")
    back = round_trip(found, protocol)
    assert back == found
    assert back.scores == found.scores


@given(catalogue=with_provenance)
def test_every_model_pickles_and_copies(catalogue):
    models: list[object] = []
    for resource in catalogue:
        models += [resource, *resource.organizations, *resource.availability]
        if resource.provenance is not None:
            p = resource.provenance
            models += [p, *p.locations, *p.repairs, *p.corrections]
    for model in models:
        for protocol in PROTOCOLS:
            back = round_trip(model, protocol)
            assert back == model
            assert type(back) is type(model)
        assert copy.copy(model) == model
        assert copy.deepcopy(model) == model
    kinds = {type(m) for m in models}
    assert kinds <= {
        Resource,
        Organization,
        Availability,
        Provenance,
        SourceLocation,
        Repair,
        Correction,
    }


@given(date=partial_dates(), protocol=st.sampled_from(PROTOCOLS))
def test_partial_dates_pickle_and_copy(date, protocol):
    for back in (round_trip(date, protocol), copy.copy(date), copy.deepcopy(date)):
        assert back == date
        assert back.precision is date.precision
        with pytest.raises(AttributeError, match="immutable"):
            back.year = 1  # type: ignore[misc]


def test_the_manifest_pickles():
    info = migrantres.manifest()
    assert round_trip(info) == info
    assert copy.deepcopy(info) == info


# -- other processes ------------------------------------------------------------------------


@pytest.mark.slow
def test_a_spawned_pool_receives_and_returns_catalogues(shipped):
    context = multiprocessing.get_context("spawn")
    with context.Pool(2) as pool:
        sizes = pool.map(len, [shipped, shipped[:2]])
        facets = pool.map(operator.methodcaller("facets", "type"), [shipped])
        found = pool.apply_async(operator.methodcaller("search", "trafficking"), (shipped,))
        results = found.get(timeout=120)
    assert sizes == [5, 2]
    assert facets == [shipped.facets("type")]
    assert type(results) is SearchResults
    assert results == shipped.search("trafficking")
    assert results.scores == shipped.search("trafficking").scores


@pytest.mark.slow
def test_joblib_runs_queries_in_worker_processes(shipped):
    parallel = joblib.Parallel(n_jobs=2, backend="loky")
    counts = parallel(joblib.delayed(len)(shipped.filter(type=t)) for t in ("report", "guidance"))
    assert counts == [len(shipped.filter(type="report")), len(shipped.filter(type="guidance"))]


def test_joblib_hash_does_not_change_as_indexes_are_built(shipped):
    fresh = Catalogue(list(shipped), version=shipped.version)
    before = joblib.hash(fresh)
    fresh.search("recruitment")
    fresh.facets("languages")
    assert joblib.hash(fresh) == before == joblib.hash(shipped)
