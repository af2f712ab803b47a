"""The dumped form of a record: the derived languages in it, provenance optional, read back."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from jsonschema import Draft202012Validator
from pydantic import ValidationError

import migrantres
from migrantres import Catalogue, LoadError, Resource
from strategies import catalogues

with_provenance = catalogues(max_size=6, provenance=True)


# -- languages: derived, dumped, described, checked on the way back -------------------------


def test_languages_is_in_every_dump(shipped):
    resource = shipped["remediation-guidelines-victims-human-trafficking-mineral-supply-chains"]
    assert resource.model_dump()["languages"] == ("en", "fr", "es", "zh")
    assert json.loads(resource.model_dump_json())["languages"] == ["en", "fr", "es", "zh"]
    record = shipped.to_records()[3]
    assert record["id"] == resource.id
    assert record["languages"] == ["en", "fr", "es", "zh"]
    assert json.loads(shipped.to_json())["records"][3]["languages"] == ["en", "fr", "es", "zh"]
    assert json.loads(shipped.to_jsonl().splitlines()[3])["languages"] == ["en", "fr", "es", "zh"]


def test_languages_is_in_the_json_schema_as_read_only():
    schema = migrantres.json_schema()
    assert schema["properties"]["languages"]["readOnly"] is True
    assert schema["properties"]["languages"]["items"] == {"type": "string"}
    assert "languages" in schema["required"]  # every dump has it
    accepted = Resource.model_json_schema(mode="validation")
    assert accepted["properties"]["languages"]["readOnly"] is True
    assert "languages" not in accepted.get("required", [])


@given(catalogue=with_provenance)
def test_every_dump_validates_against_the_schemas(catalogue):
    written = Draft202012Validator(migrantres.json_schema())
    accepted = Draft202012Validator(Resource.model_json_schema(mode="validation"))
    for record in [*catalogue.to_records(), *catalogue.to_records(provenance=False)]:
        assert list(written.iter_errors(record)) == []
        assert list(accepted.iter_errors(record)) == []


@given(catalogue=with_provenance)
def test_every_dump_loads_back(catalogue):
    assert Catalogue.from_records(catalogue.to_records()) == catalogue
    for resource, record in zip(catalogue, catalogue.to_records(), strict=True):
        assert Resource.model_validate(record) == resource
        assert Resource.model_validate_json(json.dumps(record)) == resource
        assert Resource.model_validate_json(resource.model_dump_json()) == resource


def test_languages_may_be_left_out_or_given_in_any_spelling(shipped):
    resource = shipped["remediation-guidelines-victims-human-trafficking-mineral-supply-chains"]
    record = resource.model_dump(mode="json")
    del record["languages"]
    assert Resource.model_validate(record) == resource
    record["languages"] = ["EN", "fra", "es", "ZHO"]
    assert Resource.model_validate(record) == resource


@pytest.mark.parametrize(
    "given",
    [["de"], ["en", "fr", "es"], ["zh", "es", "fr", "en"], "en fr es zh", ["xx-invalid-!"]],
)
def test_wrong_languages_are_refused_naming_the_field(shipped, given):
    resource = shipped["remediation-guidelines-victims-human-trafficking-mineral-supply-chains"]
    record = {**resource.model_dump(mode="json"), "languages": given}
    with pytest.raises(ValidationError, match=r"the languages of availability") as caught:
        Resource.model_validate(record)
    (error,) = caught.value.errors()
    assert error["loc"] == ("languages",)
    assert error["type"] == "derived_mismatch"
    assert repr(given) in error["msg"]
    assert "['en', 'fr', 'es', 'zh']" in error["msg"]


def test_a_file_with_wrong_languages_is_a_load_error_naming_record_and_field(shipped, tmp_path):
    records = shipped.to_records()
    records[2]["languages"] = ["de"]
    path = tmp_path / "edited.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    with pytest.raises(LoadError) as caught:
        migrantres.load(path)
    (problem,) = caught.value.problems
    assert (problem.index, problem.id, problem.field) == (2, shipped[2].id, "languages")
    assert problem.message.startswith("['de'] is not ['en'], the languages of availability")


def test_a_diff_does_not_list_the_derived_languages(shipped):
    resource = shipped[0]
    fewer = resource.model_copy(update={"availability": resource.availability[:1]})
    changes = migrantres.diff(shipped, Catalogue([fewer, *shipped[1:]]))
    (change,) = changes.changed
    assert change.fields == ("availability",)


# -- the slim form: provenance left out ------------------------------------------------------


def test_the_slim_form_leaves_out_provenance_only(shipped):
    full, slim = shipped.to_records(), shipped.to_records(provenance=False)
    for whole, part in zip(full, slim, strict=True):
        assert "provenance" not in part
        assert whole == {**part, "provenance": whole["provenance"]}
    assert all(
        "provenance" not in r for r in json.loads(shipped.to_json(provenance=False))["records"]
    )
    lines = shipped.to_jsonl(provenance=False).splitlines()
    assert [json.loads(line) for line in lines] == slim


def test_provenance_is_half_the_bytes_the_slim_form_saves(shipped):
    full = len(shipped.to_jsonl().encode())
    slim = len(shipped.to_jsonl(provenance=False).encode())
    assert slim < 0.6 * full


@given(catalogue=with_provenance)
def test_the_slim_form_reads_back_as_the_records_without_provenance(catalogue):
    bare = Catalogue(
        [r.model_copy(update={"provenance": None}) for r in catalogue], version=catalogue.version
    )
    assert Catalogue.from_records(catalogue.to_records(provenance=False)) == bare
    assert Catalogue.from_jsonl(catalogue.to_jsonl(provenance=False)) == bare
    again = Catalogue.from_json(catalogue.to_json(provenance=False))
    assert again == bare
    assert again.version == catalogue.version
    assert again.to_json() == bare.to_json()


def test_the_slim_json_keeps_its_header_and_layout(shipped):
    text = shipped.to_json(provenance=False)
    assert text.startswith('{\n  "schema_version": 1,\n  "version": ')
    assert (
        text
        == json.dumps(
            {
                "schema_version": 1,
                "version": shipped.version,
                "records": shipped.to_records(provenance=False),
            },
            ensure_ascii=False,
            indent=2,
        )
        + "\n"
    )
