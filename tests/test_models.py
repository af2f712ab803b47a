"""The record models: strict validation, normalisation, immutability and round trips."""

from __future__ import annotations

import pytest
from hypothesis import given
from pydantic import ValidationError

from migrantres import (
    Availability,
    DateKind,
    Organization,
    PartialDate,
    Resource,
    ResourceType,
)
from strategies import resources

VALID = {
    "id": "a-guide",
    "title": "A Guide",
    "type": "guidance",
    "jurisdiction": "Global",
    "organizations": [{"name": "International Organization for Migration", "acronym": "IOM"}],
    "launch_date": "2019-03",
    "description": "First paragraph.\n\nSecond paragraph.",
    "availability": [{"languages": ["ENG", "fra"], "url": "https://example.org/a.pdf"}],
}


def make(**changes: object) -> Resource:
    return Resource.model_validate({**VALID, **changes})


def test_valid_record_is_read_and_normalised():
    resource = make()
    assert resource.type is ResourceType.GUIDANCE
    assert resource.type_label == "Guidance"  # defaults to the usual spelling
    assert resource.launch_date == PartialDate(2019, 3)
    assert resource.date_kind is DateKind.LAUNCH
    assert resource.availability[0].languages == ("en", "fr")
    assert resource.organizations[0].acronym == "IOM"
    assert resource.provenance is None


@pytest.mark.parametrize(
    ("code", "tag"),
    [
        ("ENG", "en"),
        ("RUS", "ru"),
        ("FRA", "fr"),
        ("SPA", "es"),
        ("ZHO", "zh"),
        ("DEU", "de"),
        ("ITA", "it"),
        ("fre", "fr"),
        ("pt-br", "pt-BR"),
        ("zh-hans", "zh-Hans"),
    ],
)
def test_language_codes_become_canonical_bcp47(code, tag):
    assert Availability(languages=(code,), url="https://example.org").languages == (tag,)


@pytest.mark.parametrize("code", ["xx", "english", "", "12", "en_", "zz-ZZ-ZZ"])
def test_unknown_language_codes_are_rejected(code):
    with pytest.raises(ValidationError, match=r"languages\.0\n.*invalid language"):
        Availability(languages=(code,), url="https://example.org")


def test_a_language_listed_twice_is_rejected():
    with pytest.raises(ValidationError, match="language 'en' is listed twice"):
        Availability(languages=("en", "ENG"), url="https://example.org")


def test_languages_property_gathers_every_entry_in_order():
    resource = make(
        availability=[
            {"languages": ["fr", "en"], "url": "https://example.org/1"},
            {"languages": ["en", "ru"], "url": "https://example.org/2"},
        ]
    )
    assert resource.languages == ("fr", "en", "ru")


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("javascript:alert(1)", "only http and https"),
        ("file:///etc/passwd", "only http and https"),
        ("ftp://example.org/x", "only http and https"),
        ("/relative/path", "only http and https"),
        ("https://", "needs a host"),
        ("https://example.org/a b", "whitespace"),
        ("https://example.org:99999/", "not a valid URL"),
        ("https://example.org/a|b", r"must not contain \| \(RFC 3986\)"),
        ('https://example.org/"><script>', 'must not contain " < >'),
    ],
)
def test_urls_must_be_absolute_http(url, reason):
    with pytest.raises(ValidationError, match=reason):
        Availability(url=url)


def test_urls_are_kept_exactly_as_written():
    url = "https://Example.org/CSR/Policies/Migrant%20workers.pdf?x=1#top"
    assert Availability(url=url).url == url


@pytest.mark.parametrize(
    ("field", "value", "reason"),
    [
        ("id", "Not A Slug", "should match pattern"),
        ("id", "a--b", "should match pattern"),
        ("title", "", "must not be empty"),
        ("title", " padded", "must not start or end with whitespace"),
        ("title", "two\nlines", "one line of text"),
        ("title", "bell\x07", "one line of text"),
        ("description", "one\n\n\n\nthree", "paragraph 2 must not be empty"),
        ("description", "one\ntwo", "paragraph 1 must be one line"),
        ("type", "handbook", "Input should be"),
        ("launch_date", "March 2018", "expected ISO 8601"),
        ("launch_date", "2019-02-30", "day is out of range"),
        ("date_kind", "released", "Input should be"),
        ("organizations", [], "at least 1 item"),
        ("jurisdiction", "  ", "must not be empty"),
    ],
)
def test_invalid_values_name_the_field_and_the_value(field, value, reason):
    with pytest.raises(ValidationError, match=reason) as info:
        make(**{field: value})
    error = info.value.errors()[0]
    assert error["loc"][0] == field
    assert error["input"] == value


def test_unknown_fields_are_rejected():
    with pytest.raises(ValidationError, match="jurisdicton\n.*Extra inputs are not permitted"):
        make(jurisdicton="Global")


def test_type_label_must_be_a_spelling_of_the_type():
    assert make(type="report", type_label="Report/analysis").type_label == "Report/analysis"
    with pytest.raises(
        ValidationError, match="not a spelling of type 'guidance'; known spellings: 'Guidance'"
    ):
        make(type="guidance", type_label="Report")


@pytest.mark.parametrize(
    ("label", "kind"),
    [
        ("Report / Analysis", ResourceType.REPORT),
        ("Report/analysis", ResourceType.REPORT),
        ("Report", ResourceType.REPORT),
        ("Guidance on policy / legislation implementation", ResourceType.GUIDANCE_IMPLEMENTATION),
        ("Guidance for legislation/policy drafting", ResourceType.GUIDANCE_DRAFTING),
        ("Guidance", ResourceType.GUIDANCE),
        ("Practical/implementation tool", ResourceType.PRACTICAL_TOOL),
        ("Practical implementation tool", ResourceType.PRACTICAL_TOOL),
        ("International political commitments", ResourceType.POLITICAL_COMMITMENTS),
        ("Platform for co-operation", ResourceType.PLATFORM),
        ("platform for cooperation", ResourceType.PLATFORM),
    ],
)
def test_every_type_label_of_the_compendium_has_a_type(label, kind):
    assert ResourceType.from_label(label) is kind


def test_unknown_type_label_has_no_type():
    assert ResourceType.from_label("Handbook") is None


def test_date_kinds_carry_the_compendium_labels():
    assert DateKind.LAUNCH.label == "Initiative launch date"
    assert DateKind.PUBLICATION.label == "Date of publishing"


def test_records_are_immutable():
    resource = make()
    with pytest.raises(ValidationError, match="frozen"):
        resource.title = "Changed"  # type: ignore[misc]
    with pytest.raises(ValidationError, match="frozen"):
        resource.organizations[0].name = "Changed"  # type: ignore[misc]
    with pytest.raises(TypeError):
        resource.availability[0] = Availability(url="https://x.org")  # type: ignore[index]


def test_records_are_hashable_and_compare_by_value():
    assert make() == make()
    assert hash(make()) == hash(make())
    assert make() != make(title="Other")


def test_repr_is_short():
    assert repr(make()) == "Resource(id='a-guide', type='guidance', launch_date='2019-03')"


@given(resources())
def test_json_round_trip_is_exact(resource):
    again = Resource.model_validate_json(resource.model_dump_json())
    assert again == resource
    assert again.model_dump_json() == resource.model_dump_json()


@given(resources())
def test_python_round_trip_is_exact(resource):
    assert Resource.model_validate(resource.model_dump()) == resource


def test_organization_needs_a_name():
    with pytest.raises(ValidationError, match="name\n  Field required"):
        Organization.model_validate({"acronym": "IOM"})


def test_every_field_is_documented():
    for model in (Resource, Organization, Availability):
        for name, info in model.model_fields.items():
            assert info.description, f"{model.__name__}.{name} has no description"


def test_an_invalid_type_is_reported_once():
    with pytest.raises(ValidationError, match="1 validation error") as info:
        Resource.model_validate(VALID | {"type": "handbook"})
    assert [e["loc"] for e in info.value.errors()] == [("type",)]
