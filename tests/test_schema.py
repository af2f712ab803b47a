"""The JSON Schema and the Data Package shipped with the data, checked by their tools."""

from __future__ import annotations

import json

import pytest

import migrantres
from conftest import ROOT
from migrantres.cli import main

DATA = ROOT / "src" / "migrantres" / "data"


def test_shipped_schema_is_the_generated_one():
    shipped = json.loads((DATA / "resources.schema.json").read_text(encoding="utf-8"))
    assert shipped == migrantres.json_schema()
    assert shipped["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert shipped["$id"].startswith("urn:migrantres:")


def test_bundled_records_validate_against_the_schema(shipped):
    jsonschema = pytest.importorskip("jsonschema")
    validator = jsonschema.Draft202012Validator(
        migrantres.json_schema(), format_checker=jsonschema.FormatChecker()
    )
    jsonschema.Draft202012Validator.check_schema(migrantres.json_schema())
    for record in shipped.to_records():
        assert list(validator.iter_errors(record)) == []


def test_schema_rejects_what_the_models_reject(shipped):
    jsonschema = pytest.importorskip("jsonschema")
    validator = jsonschema.Draft202012Validator(migrantres.json_schema())
    record = shipped.to_records()[0]
    for field, bad in (("launch_date", "March 2018"), ("type", "handbook"), ("id", "Not A Slug")):
        assert list(validator.iter_errors({**record, field: bad})), field
    assert list(validator.iter_errors({**record, "colour": "red"}))


def test_the_data_package_is_valid():
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.Package(str(DATA / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_the_data_package_describes_the_shipped_csv():
    package = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
    (resource,) = package["resources"]
    csv_bytes = (DATA / resource["path"]).read_bytes()
    assert resource["bytes"] == len(csv_bytes)
    assert resource["hash"] == "sha256:" + migrantres.manifest().file("resources.csv").sha256
    assert package["version"] == migrantres.__version__
    assert [f["name"] for f in resource["schema"]["fields"]] == list(
        migrantres.Resource.model_fields
    )
    assert {"name", "title", "version", "licenses", "sources", "$schema"} <= set(package)
    assert migrantres.Catalogue.from_csv(csv_bytes) == migrantres.load()


def test_schema_command_prints_the_schema(capsys):
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out) == migrantres.json_schema()
