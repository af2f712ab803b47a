"""Catalogue: an immutable sequence of resources, also indexed by id."""

from __future__ import annotations

import pytest
from hypothesis import given

import migrantres
from migrantres import Catalogue, LoadError, Resource, ResourceNotFoundError
from strategies import catalogues

FIRST = "labour-exploitation-trafficking-migrant-health-multi-country-findings"


def test_catalogue_is_a_sequence(shipped):
    assert len(shipped) == 5
    assert next(iter(shipped)) is shipped[0]
    assert shipped[-1].id == "theory-change-working-together-end-migrant-worker-exploitation"
    assert [r.id for r in reversed(shipped)] == list(reversed(shipped.ids()))


def test_slicing_gives_a_catalogue_with_the_same_version(shipped):
    part = shipped[1:3]
    assert isinstance(part, Catalogue)
    assert part.ids() == shipped.ids()[1:3]
    assert part.version == shipped.version


def test_lookup_by_id(shipped):
    assert shipped[FIRST].id == FIRST
    assert shipped.get(FIRST) is shipped[FIRST]
    assert shipped.get("nope") is None
    assert FIRST in shipped
    assert shipped[FIRST] in shipped
    assert "nope" not in shipped
    assert 3 not in shipped


def test_unknown_id_raises_a_key_error_with_suggestions(shipped):
    with pytest.raises(
        ResourceNotFoundError, match="no resource with id 'migrant-workers-fair'; did you mean"
    ) as info:
        shipped["migrant-workers-fair"]
    assert isinstance(info.value, KeyError)
    assert info.value.suggestions[0] == "migrant-workers-fair-recruitment-treatment-guidelines"
    assert str(info.value).startswith("no resource")  # not wrapped in quotes as KeyError would


def test_out_of_range_index_raises_index_error(shipped):
    with pytest.raises(IndexError):
        shipped[5]


def test_index_of_other_types_is_a_type_error(shipped):
    with pytest.raises(TypeError, match="catalogue indices must be int, slice or str"):
        shipped[1.5]  # type: ignore[call-overload]


def test_helpers(shipped):
    assert shipped.first() is shipped[0]
    assert Catalogue().first() is None
    assert shipped.head(2).ids() == shipped.ids()[:2]
    assert shipped.index(FIRST) == 0
    assert shipped.index(shipped[2]) == 2
    assert shipped.count(FIRST) == 1
    with pytest.raises(ValueError, match="is not in the catalogue"):
        shipped.index("nope")
    with pytest.raises(ValueError, match="head\\(\\) needs a count of 0 or more, not -1"):
        shipped.head(-1)


def test_catalogue_is_immutable(shipped):
    with pytest.raises(AttributeError, match="a Catalogue is immutable"):
        shipped._resources = ()  # type: ignore[misc]
    with pytest.raises(AttributeError, match="a Catalogue is immutable"):
        shipped.version = "x"  # type: ignore[misc]
    with pytest.raises(TypeError):
        shipped[0] = shipped[1]  # type: ignore[index]
    with pytest.raises(AttributeError, match="a Catalogue is immutable"):
        del shipped._version
    assert isinstance(shipped.resources, tuple)


def test_duplicate_ids_are_refused(shipped):
    with pytest.raises(LoadError, match="duplicate id"):
        Catalogue([shipped[0], shipped[0]])


def test_only_resources_are_accepted():
    with pytest.raises(TypeError, match="item 0 is a dict, not a Resource"):
        Catalogue([{"id": "x"}])  # type: ignore[list-item]


def test_equality_is_by_resources_in_order_and_ignores_version(shipped):
    same = Catalogue(list(shipped), version=None)
    assert same == shipped
    assert hash(same) == hash(shipped)
    assert Catalogue(reversed(shipped)) != shipped
    assert shipped != list(shipped)


@given(catalogues())
def test_equal_catalogues_hash_equal(catalogue):
    copy = Catalogue(list(catalogue))
    assert copy == catalogue
    assert hash(copy) == hash(catalogue)
    assert {copy, catalogue} == {catalogue}


@given(catalogues(min_size=1))
def test_lookup_by_id_finds_every_resource(catalogue):
    for position, resource in enumerate(catalogue):
        assert catalogue[resource.id] is resource
        assert catalogue.index(resource.id) == position


def test_repr_is_short(shipped):
    # the version changes with each release (tools/release.py): 0.1.20261128 at the first
    assert repr(shipped) == f"Catalogue(5 resources, version={migrantres.__version__!r})"
    assert repr(Catalogue([shipped[0]])) == "Catalogue(1 resource)"


def test_is_a_sequence_of_resources(shipped):
    assert all(isinstance(r, Resource) for r in shipped)
