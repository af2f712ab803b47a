"""The web guide's FastAPI application, run with FastAPI's test client."""

from __future__ import annotations

import importlib.util
import json
import sys

import pytest
from fastapi.testclient import TestClient
from jsonschema import Draft202012Validator

from conftest import ROOT
from migrantres import Catalogue, Resource

EXAMPLE = ROOT / "docs" / "examples" / "webapp.py"


@pytest.fixture(scope="module")
def client():
    spec = importlib.util.spec_from_file_location("webapp_example", EXAMPLE)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    # pydantic resolves the models' annotations in their module, found by name.
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    with TestClient(module.app) as client:
        yield client
    del sys.modules[spec.name]


def test_the_list_is_filtered_by_any_lookup(client, shipped):
    response = client.get(
        "/resources",
        params=[("type", "report"), ("type", "guidance"), ("launch_date__year__gte", "2019")],
    )
    assert response.status_code == 200
    page = response.json()
    expected = shipped.filter(type__in=["report", "guidance"], launch_date__year__gte=2019)
    assert page["count"] == len(expected)
    assert page["version"] == shipped.version
    assert [r["id"] for r in page["resources"]] == list(expected.ids())
    assert page["resources"] == expected.to_records(provenance=False)


def test_the_list_pages_with_limit_and_offset(client, shipped):
    page = client.get("/resources", params={"limit": 2, "offset": 1}).json()
    assert page["count"] == 5
    assert [r["id"] for r in page["resources"]] == list(shipped.ids()[1:3])


def test_one_record_comes_in_full_and_loads_back(client, shipped):
    resource = shipped[3]
    response = client.get(f"/resources/{resource.id}")
    assert response.status_code == 200
    body = response.json()
    assert body == resource.model_dump(mode="json")
    assert body["provenance"]["document"].startswith("OSCE compendium")
    assert body["languages"] == ["en", "fr", "es", "zh"]
    assert Resource.model_validate(body) == resource


def test_an_unknown_record_is_404_with_a_suggestion(client, shipped):
    response = client.get(f"/resources/{shipped[0].id[:-1]}")
    assert response.status_code == 404
    assert response.json()["detail"].startswith(f"no resource with id {shipped[0].id[:-1]!r}")
    assert "did you mean" in response.json()["detail"]


def test_search_ranks_the_filtered_resources(client, shipped):
    response = client.get("/search", params={"q": "migrant workers", "languages": "en", "limit": 3})
    assert response.status_code == 200
    results = response.json()
    expected = shipped.filter(languages="en").search("migrant workers", limit=3)
    assert [(h["resource"]["id"], h["score"]) for h in results["hits"]] == [
        (r.id, score) for r, score in expected.hits()
    ]
    assert all("provenance" not in h["resource"] for h in results["hits"])


@pytest.mark.parametrize(
    ("url", "message"),
    [
        (
            "/resources?jurisdicton=Global",
            "unknown field 'jurisdicton' for Resource; did you mean 'jurisdiction'?",
        ),
        ("/resources?since=soon", "invalid value 'soon' for 'since'"),
        ("/resources?type=handbook", "invalid value 'handbook' for 'type'"),
        ("/resources?launch_date__year=twenty", "invalid value 'twenty' for 'launch_date__year'"),
        ("/search?q=%22%22", "invalid value '\"\"' for 'search'"),
    ],
)
def test_a_bad_filter_is_400_naming_the_parameter(client, url, message):
    response = client.get(url)
    assert response.status_code == 400
    assert response.json()["detail"].startswith(message)


def test_the_jsonl_download_is_the_slim_form(client, shipped):
    response = client.get("/resources.jsonl", params={"organizations": "IOM"})
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/x-ndjson"
    selected = shipped.filter(organizations="IOM")
    assert response.text == selected.to_jsonl(provenance=False)
    assert Catalogue.from_jsonl(response.text).ids() == selected.ids()


def test_the_openapi_schema_is_built_from_the_models(client):
    schema = client.get("/openapi.json").json()
    assert {"/resources", "/resources/{resource_id}", "/search", "/resources.jsonl"} <= set(
        schema["paths"]
    )
    components = schema["components"]["schemas"]
    resource = components.get("Resource") or components["Resource-Output"]
    assert resource["additionalProperties"] is False
    assert resource["properties"]["languages"]["readOnly"] is True
    assert resource["properties"]["launch_date"]["anyOf"][0]["pattern"] == (
        "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"
    )
    assert {"report", "platform"} <= set(components["ResourceType"]["enum"])
    parameters = {p["name"] for p in schema["paths"]["/resources"]["get"]["parameters"]}
    assert {"type", "organizations", "languages", "since", "until", "limit", "offset"} <= parameters


def test_responses_validate_against_the_openapi_schema(client, shipped):
    schema = client.get("/openapi.json").json()
    components = schema["components"]["schemas"]
    name = "Resource" if "Resource" in components else "Resource-Output"
    validator = Draft202012Validator(
        {"$ref": f"#/components/schemas/{name}", "components": schema["components"]}
    )
    body = client.get(f"/resources/{shipped[0].id}").json()
    assert [e.message for e in validator.iter_errors(body)] == []
    assert json.loads(json.dumps(body)) == body


def test_the_guide_requests_answer_as_the_guide_says(client, shipped):
    page = client.get("/resources?type=report&launch_date__year__gte=2019").json()
    assert (page["version"], page["count"]) == (shipped.version, 1)
    assert page["resources"][0]["id"] == (
        "migrants-vulnerability-human-trafficking-modern-slavery-forced-labour"
    )
    assert "provenance" not in page["resources"][0]
    refused = client.get("/resources?since=soon")
    assert refused.status_code == 400
    assert refused.json() == {
        "detail": "invalid value 'soon' for 'since' (not a date: 'soon' is not an English "
        "month name); expected a date such as 2019, 2019-03 or March 2019"
    }
    best = client.get("/search?q=recruitment+fees&limit=1").json()
    assert [h["resource"]["id"] for h in best["hits"]] == [
        "theory-change-working-together-end-migrant-worker-exploitation"
    ]
