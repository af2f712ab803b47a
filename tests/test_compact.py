"""Loaded records share their sets of field names, and nothing else changes."""

from __future__ import annotations

import json
import pickle

import pytest
from hypothesis import given

import migrantres
from conftest import SAMPLE_RECORDS
from migrantres import Catalogue, Resource
from strategies import catalogues


def test_loaded_records_share_one_set_of_fields_per_shape(tmp_path):
    path = tmp_path / "mine.json"
    path.write_text(json.dumps(SAMPLE_RECORDS * 1), encoding="utf-8")
    catalogue = migrantres.load(path)
    sets = {id(r.__pydantic_fields_set__) for r in catalogue}
    shapes = {frozenset(r.model_fields_set) for r in catalogue}
    assert len(sets) == len(shapes) < len(catalogue)
    organizations = [o for r in catalogue for o in r.organizations]
    assert len({id(o.__pydantic_fields_set__) for o in organizations}) <= 2  # with, without acronym


@given(catalogues(min_size=1, max_size=5))
def test_read_records_equal_freshly_validated_ones(catalogue):
    for text, read in (
        (catalogue.to_json(), Catalogue.from_json),
        (catalogue.to_jsonl(), Catalogue.from_jsonl),
        (catalogue.to_csv(), Catalogue.from_csv),
    ):
        again = read(text)
        assert again == catalogue
        for record in again:
            fresh = Resource.model_validate(record.model_dump())
            assert record.model_fields_set == fresh.model_fields_set
            assert record.model_dump(exclude_unset=True) == fresh.model_dump(exclude_unset=True)


def test_a_shared_set_cannot_change_but_a_copy_can(tmp_path):
    path = tmp_path / "mine.json"
    twins = [SAMPLE_RECORDS[0], {**SAMPLE_RECORDS[0], "id": "another-id"}]
    path.write_text(json.dumps(twins), encoding="utf-8")
    first, second = migrantres.load(path)
    assert first.__pydantic_fields_set__ is second.__pydantic_fields_set__
    with pytest.raises(TypeError, match="shared by many records"):
        first.model_fields_set.add("x")
    changed = first.model_copy(update={"title": "Another title"})
    assert changed.title == "Another title"
    assert "title" in changed.model_fields_set
    assert first.title != "Another title"
    assert pickle.loads(pickle.dumps(first)) == first  # noqa: S301 - our own bytes
