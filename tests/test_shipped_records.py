"""The five bundled IOM resources, field by field, against the upstream text."""

from __future__ import annotations

import re

import pytest

from migrantres import DateKind, PartialDate, Precision, RepairKind, ResourceType

IOM = ("International Organization for Migration", "IOM")

# What the upstream text says, written out by hand from reading it.
EXPECTED = {
    "labour-exploitation-trafficking-migrant-health-multi-country-findings": {
        "title": "Labour Exploitation, Trafficking and Migrant Health: Multi-country Findings on "
        "the Health Risks and Consequences of Migrant and Trafficked Workers",
        "type": ResourceType.REPORT,
        "type_label": "Report / Analysis",
        "organizations": [IOM],
        "launch_date": ("2015", Precision.YEAR),
        "paragraphs": 1,
        "description_starts": "The objective of this study was to investigate the differences",
        "availability": [
            (
                ("en",),
                "https://publications.iom.int/system/files/pdf/labour_exploitation_trafficking_en.pdf",
            ),
            (
                ("ru",),
                "https://publications.iom.int/system/files/pdf/labour_exploitation_trafficking_rus.pdf",
            ),
        ],
        "lines": (5, 12),
    },
    "remediation-guidelines-victims-human-trafficking-mineral-supply-chains": {
        "title": "Remediation Guidelines for Victims of Human Trafficking in Mineral Supply Chains",
        "type": ResourceType.GUIDANCE_IMPLEMENTATION,
        "type_label": "Guidance on policy / legislation implementation",
        "organizations": [IOM],
        "launch_date": ("2018-03", Precision.MONTH),
        "paragraphs": 3,
        "description_starts": "The Remediation Guidelines provide concrete, operational guidance",
        "availability": [
            (
                ("en", "fr", "es", "zh"),
                "https://publications.iom.int/books/remediation-guidelines-victims-human-trafficking-mineral-supply-chains",
            ),
        ],
        "lines": (14, 25),
    },
    "migrants-vulnerability-human-trafficking-modern-slavery-forced-labour": {
        "title": "Migrants and their Vulnerability to Human Trafficking, Modern Slavery and Forced Labour",
        "type": ResourceType.REPORT,
        "type_label": "Report / Analysis",
        "organizations": [IOM],
        "launch_date": ("2019", Precision.YEAR),
        "paragraphs": 2,
        "description_starts": "A new study, examines the connection between migration and modern slavery",
        "availability": [
            (
                ("en",),
                "https://publications.iom.int/system/files/pdf/migrants_and_their_vulnerability.pdf",
            ),
        ],
        "lines": (27, 35),
    },
    "theory-change-working-together-end-migrant-worker-exploitation": {
        "title": "Theory of change. Working Together to End Migrant Worker Exploitation in Business "
        "Operations and Supply Chains",
        "type": ResourceType.GUIDANCE_IMPLEMENTATION,
        "type_label": "Guidance on policy / legislation implementation",
        "organizations": [IOM],
        "launch_date": ("2019-03-13", Precision.DAY),
        "paragraphs": 2,
        "description_starts": "This study examines the root causes of exploitation, forced labour",
        "availability": [
            (
                ("en",),
                "https://crest.iom.int/sites/default/files/document/iom2019_crest_theory_of_change.pdf",
            ),
        ],
        "lines": (37, 44),
    },
    "migrant-workers-fair-recruitment-treatment-guidelines": {
        "title": "Migrant Workers Fair Recruitment and Treatment Guidelines",
        "type": ResourceType.GUIDANCE,
        "type_label": "Guidance",
        "organizations": [("H&M Group", None), IOM],
        "launch_date": ("2019-12-10", Precision.DAY),
        "paragraphs": 1,
        "description_starts": "H&M Group and IOM created guidelines in order to promote cooperation",
        "availability": [
            (
                ("en",),
                (
                    "https://sustainability.hm.com/content/dam/hm/about/documents/masterlanguage/CSR/"
                    "Policies/Migrant%20workers%20Recruitment%20and%20Treatment%20Guideline.pdf"
                ),
            ),
        ],
        "lines": (46, 53),
    },
}


def test_the_catalogue_holds_exactly_the_five_iom_resources(shipped):
    assert sorted(shipped.ids()) == sorted(EXPECTED)
    assert list(shipped.ids()) == sorted(shipped.ids())  # shipped sorted by id


@pytest.mark.parametrize("resource_id", list(EXPECTED))
def test_each_resource_matches_its_source_field_by_field(shipped, resource_id):
    resource = shipped[resource_id]
    expected = EXPECTED[resource_id]
    assert resource.title == expected["title"]
    assert resource.type is expected["type"]
    assert resource.type_label == expected["type_label"]
    assert resource.jurisdiction == "Global"
    assert [(o.name, o.acronym) for o in resource.organizations] == expected["organizations"]
    iso, precision = expected["launch_date"]
    assert resource.launch_date == PartialDate.fromisoformat(iso)
    assert resource.launch_date.precision is precision
    assert resource.date_kind is DateKind.LAUNCH
    paragraphs = resource.description.split("\n\n")
    assert len(paragraphs) == expected["paragraphs"]
    assert paragraphs[0].startswith(expected["description_starts"])
    assert [(a.languages, a.url) for a in resource.availability] == expected["availability"]
    assert (resource.provenance.first_line, resource.provenance.last_line) == expected["lines"]
    assert resource.provenance.section == "International Organization for Migration (IOM)"


def _source_lines(source_text, first, last):
    return source_text.split("\n")[first - 1 : last]


def _squash(text):
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("resource_id", list(EXPECTED))
def test_every_value_is_found_at_the_lines_its_provenance_names(shipped, source_text, resource_id):
    """Traceability: each field's value stands in the source at the lines recorded for it."""
    resource = shipped[resource_id]
    corrected = {c.field: c for c in resource.provenance.corrections}
    for location in resource.provenance.locations:
        lines = _source_lines(source_text, location.first_line, location.last_line)
        text = " ".join(lines)
        value = getattr(resource, location.field)
        if location.field in corrected:
            assert corrected[location.field].source_value in text
            assert value == corrected[location.field].value
        elif location.field == "description":
            for paragraph in value.split("\n\n"):
                assert paragraph in text
        elif location.field == "availability":
            for entry in value:
                assert entry.url in _squash(text)  # a split URL is joined again
        elif location.field == "organizations":
            for org in value:
                assert org.name in text
        elif location.field == "launch_date":
            assert str(value.year) in text
        else:
            assert value in text


def test_the_descriptions_are_the_source_text_verbatim(shipped, source_text):
    for resource in shipped:
        for paragraph in resource.description.split("\n\n"):
            assert paragraph in source_text


def test_every_repair_is_recorded_where_the_damage_is(shipped, source_text):
    lines = source_text.split("\n")
    kinds = {}
    for resource in shipped:
        for repair in resource.provenance.repairs:
            assert lines[repair.line - 1] == repair.source_text
            kinds.setdefault(repair.kind, []).append(repair.line)
    assert {kind: sorted(lines) for kind, lines in kinds.items()} == {
        RepairKind.UNLABELLED_TITLE: [5],
        RepairKind.LOOKALIKE_LABEL: [7, 17, 38],
        RepairKind.DAMAGED_LABEL: [14, 33],
        RepairKind.LABEL_FRAGMENT: [16],
        RepairKind.REJOINED_URL: [53],
    }


def test_only_the_destroyed_title_needed_a_correction(shipped):
    corrected = {r.id: r.provenance.corrections for r in shipped if r.provenance.corrections}
    assert list(corrected) == [
        "remediation-guidelines-victims-human-trafficking-mineral-supply-chains"
    ]
    (correction,) = next(iter(corrected.values()))
    assert (correction.field, correction.source_value) == ("title", "Supply Chains")


def test_no_value_mixes_latin_and_cyrillic_letters_in_a_word(shipped):
    """Look-alike letters from the extraction never reach the data."""
    mixed = re.compile(r"\b(?=\w*[A-Za-z])(?=\w*[\u0400-\u04FF])\w+\b")
    for resource in shipped:
        for text in (
            resource.title,
            resource.description,
            resource.type_label,
            resource.jurisdiction,
        ):
            assert not mixed.search(text), (resource.id, text)


def test_every_source_line_is_used_or_accounted_for(shipped, source_text):
    """Nothing is dropped: each non-blank line is a heading, a field line or a repair."""
    used = {1}  # the section heading
    for resource in shipped:
        for location in resource.provenance.locations:
            used.update(range(location.first_line, location.last_line + 1))
        used.update(repair.line for repair in resource.provenance.repairs)
    unused = [
        (number, line)
        for number, line in enumerate(source_text.split("\n"), start=1)
        if line.strip() and number not in used
    ]
    assert unused == []
