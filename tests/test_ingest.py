"""The compendium parser: each kind of extraction damage, the vocabulary, and errors."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from migrantres import ParseError, RepairKind
from migrantres.ingest import (
    Section,
    fold_lookalikes,
    parse_availability,
    parse_compendium,
    split_organizations,
)

HEADING = "International Organization for Migration (IOM)\n"
IOM = Section(HEADING.strip(), "International Organization for Migration", "IOM", 1)


def record(*extra: str, title: str = "Name of Resource\tA Title", **lines: str) -> str:
    """A minimal valid record: ``lines`` replace fields by name, ``extra`` lines follow."""
    fields = {
        "type": "Type\tGuidance",
        "jurisdiction": "Country / jurisdiction\tGlobal",
        "organization": "Organization\tInternational Organization for Migration",
        "description": "Description\tA description.",
    } | lines
    return "\n".join([title, *fields.values(), *extra]) + "\n"


def parse_one(*extra: str, title: str = "Name of Resource\tA Title", **lines: str):
    (parsed,) = parse_compendium(HEADING + record(*extra, title=title, **lines))
    return parsed


def test_a_clean_record_is_read_field_by_field():
    parsed = parse_one("Initiative launch date\t2015", "Availability\tENG: https://example.org/a")
    assert parsed.field("title").text == "A Title"
    assert parsed.field("type").text == "Guidance"
    assert parsed.field("date").text == "2015"
    assert parsed.section.acronym == "IOM"
    assert parsed.repairs == ()


@pytest.mark.parametrize(
    "label",
    [
        "Cou ntry / juris dicti on",
        "C o u nt ry / ju ri s di ct ion",
        "Co unt ry juri sdi cti on",  # the slash was lost too
        "Country/jurisdiction",
    ],
)
def test_labels_broken_by_spaces_are_read(label):
    parsed = parse_one(jurisdiction=f"{label}\tOSCE area")
    assert parsed.field("jurisdiction").text == "OSCE area"
    assert parsed.field("jurisdiction").label == label


@pytest.mark.parametrize(
    ("title_line", "title"),
    [
        ("N a m e of R e s o u rce\tMigrants", "Migrants"),
        ("Na me of Re so urce\tMigrant Workers", "Migrant Workers"),
        ("Nam e of Res ource\tTheory of change", "Theory of change"),
    ],
)
def test_spaced_out_name_labels_are_read(title_line, title):
    assert parse_one(title=title_line).field("title").text == title


def test_a_label_missing_a_letter_is_read_and_recorded():
    parsed = parse_one(description="D e cr ip ti on\tA new study.")
    assert parsed.field("description").text == "A new study."
    (repair,) = parsed.repairs
    assert repair.kind is RepairKind.DAMAGED_LABEL
    assert repair.field == "description"


def test_cyrillic_lookalike_type_label_is_read_and_recorded():
    parsed = parse_one(type="\u0422\u0443\u0440\u0435\tReport / Analysis")  # "Туре"
    assert parsed.field("type").text == "Report / Analysis"
    (repair,) = parsed.repairs
    assert repair.kind is RepairKind.LOOKALIKE_LABEL
    assert repair.line == 3


def test_lookalike_letters_are_folded_only_in_labels():
    title = "\u0420\u0443\u043a\u043e\u0432\u043e\u0434\u0441\u0442\u0432\u043e"  # Руководство
    assert parse_one(title=f"Name of Resource\t{title}").field("title").text == title
    assert fold_lookalikes("\u0422\u0443\u0440\u0435") == "Type"


def test_a_stray_label_fragment_line_is_skipped_and_recorded():
    text = HEADING + record(title="Name of Resource\tA Title\n\u0441\u0435\t")
    (parsed,) = parse_compendium(text)
    (repair,) = parsed.repairs
    assert repair.kind is RepairKind.LABEL_FRAGMENT
    assert repair.line == 3
    assert repair.source_text == "\u0441\u0435\t"


def test_the_title_under_the_heading_needs_no_label():
    (parsed,) = parse_compendium(HEADING + "\n\n" + record(title="Labour Exploitation"))
    assert parsed.field("title").text == "Labour Exploitation"
    assert parsed.field("title").label == ""
    assert parsed.repairs[0].kind is RepairKind.UNLABELLED_TITLE
    assert parsed.first_line == 4


def test_a_name_label_cut_short_and_run_into_its_value_is_read():
    text = HEADING + record() + "\n" + record(title="Na me of Res Supply Chains")
    first, second = parse_compendium(text)
    assert first.field("title").text == "A Title"
    assert second.field("title").text == "Supply Chains"
    assert second.field("title").label == "Na me of Res"
    assert second.repairs[0].kind is RepairKind.DAMAGED_LABEL


def test_descriptions_keep_their_paragraphs():
    parsed = parse_one(
        description="Description\tFirst paragraph.\n\tSecond  paragraph.\n\n\tThird."
    )
    assert parsed.field("description").paragraphs == (
        "First paragraph.",
        "Second paragraph.",
        "Third.",
    )
    assert (parsed.field("description").first_line, parsed.field("description").last_line) == (
        6,
        9,
    )


def test_blank_lines_between_fields_are_ignored():
    parsed = parse_one("Initiative launch date\tMarch 2018\n\n")
    assert parsed.field("date").text == "March 2018"


@pytest.mark.parametrize(
    ("label", "kind"),
    [
        ("Initi ativ e lau nch date", "launch"),
        ("In iti at iv e la u n c h d ate", "launch"),
        ("Date of publishing", "publication"),
    ],
)
def test_both_date_labels_are_read(label, kind):
    from migrantres.ingest import date_kind  # noqa: PLC0415

    parsed = parse_one(f"{label}\t2019")
    assert date_kind(parsed.field("date")) == kind


def availability(value: str):
    return parse_availability(parse_one(f"Availability\t{value}").field("availability"))


def test_availability_with_one_entry_per_url():
    entries, repairs = availability(
        "ENG: https://example.org/en.pdf RUS: https://example.org/ru.pdf"
    )
    assert [(e.languages, e.url) for e in entries] == [
        (("en",), "https://example.org/en.pdf"),
        (("ru",), "https://example.org/ru.pdf"),
    ]
    assert repairs == ()


def test_availability_with_several_codes_sharing_a_url():
    entries, _ = availability("ENG, FRA, SPA, ZHO: https://example.org/x")
    assert entries[0].languages == ("en", "fr", "es", "zh")


def test_availability_reads_the_other_compendium_languages():
    entries, _ = availability("DEU: https://example.org/de ITA: https://example.org/it")
    assert [e.languages for e in entries] == [("de",), ("it",)]


def test_a_url_split_by_a_space_is_joined_and_recorded():
    entries, repairs = availability(
        "ENG: https://example.org/CSR/Policies/ Migrant%20workers%20Guideline.pdf"
    )
    assert entries[0].url == "https://example.org/CSR/Policies/Migrant%20workers%20Guideline.pdf"
    (repair,) = repairs
    assert repair.kind is RepairKind.REJOINED_URL


def test_a_url_without_codes_has_no_languages():
    entries, _ = availability("https://example.org/x")
    assert entries[0].languages == ()


def test_empty_availability_has_no_entries():
    entries, _ = parse_availability(parse_one("Availability\t").field("availability"))
    assert entries == ()


def test_availability_continued_on_the_next_line():
    entries, _ = availability("ENG: https://example.org/en\n\tFRA: https://example.org/fr")
    assert [e.url for e in entries] == ["https://example.org/en", "https://example.org/fr"]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("ENG: https://example.org/x.pdf (2 MB)", r"text '\(2' after the URL"),
        ("ENG: see website", "expected a URL after ENG:, found 'see'"),
        ("XYZ: https://example.org", "invalid language 'XYZ'"),
        ("ENG:", "expected a URL after ENG:, found 'nothing'"),
    ],
)
def test_availability_that_cannot_be_placed_raises_with_its_line(value, message):
    with pytest.raises(ParseError, match=message) as info:
        availability(value)
    assert info.value.line == 7  # the availability line


def test_two_organizations_are_split_when_one_is_the_sections():
    assert split_organizations("H&M Group and International Organization for Migration", IOM) == (
        ("H&M Group", None),
        ("International Organization for Migration", "IOM"),
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "International Organization for Migration",
            (("International Organization for Migration", "IOM"),),
        ),
        (
            "Ministry of Labour and Social Protection",
            (("Ministry of Labour and Social Protection", None),),
        ),
        (
            "H&M Group and IOM",
            (("H&M Group", None), ("International Organization for Migration", "IOM")),
        ),
        ("Verité; Humanity United", (("Verité", None), ("Humanity United", None))),
        ("United Nations (UN)", (("United Nations", "UN"),)),
    ],
)
def test_organizations_are_split_only_where_it_is_safe(text, expected):
    assert split_organizations(text, IOM) == expected


def test_a_second_section_heading_starts_a_new_section():
    text = (
        HEADING
        + record()
        + "International Labour Organization (ILO)\n"
        + record(title="Global Guide")
    )
    first, second = parse_compendium(text)
    assert first.section.acronym == "IOM"
    assert second.section.acronym == "ILO"
    assert second.field("title").text == "Global Guide"


def test_crlf_and_bom_are_accepted():
    text = "\ufeff" + (HEADING + record()).replace("\n", "\r\n")
    (parsed,) = parse_compendium(text)
    assert parsed.field("description").text == "A description."


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (HEADING + record("Type\tReport"), 7, "a second 'type' label"),
        (HEADING + "Type\tGuidance\n", 2, "a 'type' label before any 'Name of Resource'"),
        (HEADING + "\tcontinued\n", 2, "an indented line with no field above it"),
        (HEADING + record("Colour\tBlue"), 7, "unknown label 'Colour'"),
        (HEADING + record() + "Some stray sentence.\n", 7, "a line with no label"),
        (HEADING + "Name of Resource\tT\nType\tGuidance\n", 2, "has no 'jurisdiction'"),
        (HEADING + record() + "x\x00y", 7, "NUL character"),
        ("", 1, "no section heading"),
        ("Name of Resource\tA Title\n", 1, "before the first section heading"),
    ],
)
def test_text_that_cannot_be_placed_raises_with_its_line(text, line, message):
    with pytest.raises(ParseError, match=message) as info:
        parse_compendium(text)
    assert info.value.line == line
    assert f"line {line}" in str(info.value)


def test_a_field_with_no_value_is_kept_empty():
    parsed = parse_one("Initiative launch date\t")
    assert parsed.field("date").text == ""


def test_parse_needs_text():
    with pytest.raises(TypeError, match="expected compendium text as str, not bytes"):
        parse_compendium(b"bytes")  # type: ignore[arg-type]


@given(st.text())
def test_any_text_parses_or_raises_parse_error(text):
    error = None
    try:
        parse_compendium(text)
    except ParseError as exc:
        error = exc
    assert error is None or error.line >= 1


@given(
    st.lists(
        st.sampled_from(
            [
                "\t",
                "\n",
                " ",
                "Type",
                "Name of Resource",
                "се",
                ":",
                "https://x.org/",
                "ENG",
                "Description",
                "(IOM)",
                "Availability",
                "Na me of Res",
                "\r",
            ]
        ),
        max_size=40,
    )
)
def test_label_soup_parses_or_raises_parse_error(pieces):
    with contextlib.suppress(ParseError):
        parse_compendium("".join(pieces))
