"""Loaded records share their sets of field names, and nothing else changes."""

from __future__ import annotations

import json
import pickle

import pytest
from hypothesis import given

import migrantres
from conftest import SAMPLE_RECORDS
from migrantres import Catalogue, Resource
from migrantres._formats import json_codec
from migrantres._records.compact import FieldSets
from strategies import catalogues


@pytest.mark.parametrize("form", ["json", "jsonl", "csv"])
def test_loaded_records_share_one_set_of_fields_per_shape(tmp_path, form):
    path = tmp_path / f"mine.{form}"
    text = Catalogue.from_records(SAMPLE_RECORDS)
    path.write_text(getattr(text, f"to_{form}")(), encoding="utf-8")
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


def test_a_json_read_shares_each_records_sets_as_it_is_built(monkeypatch):
    """Not after the whole file: pydantic's own sets are freed record by record."""
    shared: list[str] = []

    class Watched(FieldSets):
        def share(self, record):
            assert all(type(r.__pydantic_fields_set__) is set for r in record.organizations)
            super().share(record)
            shared.append(record.id)

    text = Catalogue.from_records(SAMPLE_RECORDS).to_json()
    monkeypatch.setattr(json_codec, "FieldSets", Watched)
    for parse, data in ((json_codec.parse_json, text), (json_codec.parse_records, SAMPLE_RECORDS)):
        read = parse(data)
        assert shared == [r.id for r in read.records]
        assert all(type(r.__pydantic_fields_set__) is not set for r in read.records)
        shared.clear()


def test_a_record_validated_on_its_own_keeps_its_own_set():
    record = Resource.model_validate(SAMPLE_RECORDS[0])
    assert type(record.__pydantic_fields_set__) is set
    assert (
        type(
            json_codec._records_adapter().validate_python(SAMPLE_RECORDS)[0].__pydantic_fields_set__
        )
        is set
    )
