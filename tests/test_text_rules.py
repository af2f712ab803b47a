"""Text: one Unicode form (NFC) everywhere, and one rule for which characters text holds."""

from __future__ import annotations

import re
import unicodedata
from importlib.resources import files

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError

from migrantres import Availability, Catalogue, Resource
from migrantres._records.text import Line
from strategies import WRITTEN_WORDS, canonical_spellings, catalogues, lines, written_lines

LINE = TypeAdapter(Line)
#: The characters the rule accepts from the format category (Cf).
WRITING_FORMATS = {0x200C, 0x200D, 0x200E, 0x200F, 0x061C}
#: "found '\t' (U+0009, a control character) at position 5"
FOUND = re.compile(
    r"found (?P<char>.+?) \(U\+(?P<code>[0-9A-F]{4,6}), (?P<kind>[^)]+)\)"
    r" at position (?P<position>\d+)"
)


def record(id_, text, **fields):
    return {
        "id": id_,
        "title": text,
        "type": "report",
        "jurisdiction": text,
        "organizations": [{"name": text, "acronym": None}],
        "description": f"{text}\n\n{text}",
        **fields,
    }


def accepted(text):
    try:
        LINE.validate_python(text)
    except ValidationError:
        return False
    return True


# -- one Unicode form ------------------------------------------------------------------


def test_a_jurisdiction_in_nfc_and_nfd_is_one_key_and_one_answer():
    """The issue's example: "Côte d'Ivoire" typed with "ô" and with "o" + U+0302."""
    nfc, nfd = "C\u00f4te d'Ivoire", "Co\u0302te d'Ivoire"
    catalogue = Catalogue.from_records([record("a", nfc), record("b", nfd)])
    assert catalogue.facets("jurisdiction") == {nfc: 2}
    assert catalogue.filter(jurisdiction=nfc).ids() == ("a", "b")
    assert catalogue.filter(jurisdiction=nfd).ids() == ("a", "b")
    assert catalogue["b"].jurisdiction == nfc


@given(
    st.sampled_from(
        [
            "C\u00f4te d'Ivoire",
            "S\u00e9curit\u00e9 \u00c9thique",
            "Vi\u1ec7t Nam",
            "\ud55c\uad6d\uc5b4",
            "\u00c5ngstr\u00f6m",
            "\u1f08\u0345\u03b8\u03ae\u03bd\u03b1",
            *WRITTEN_WORDS,
        ]
    ).flatmap(
        lambda text: st.tuples(
            st.lists(canonical_spellings(text), min_size=2, max_size=5), canonical_spellings(text)
        )
    )
)
def test_canonically_equivalent_spellings_agree_in_every_query(drawn):
    spellings, query = drawn
    catalogue = Catalogue.from_records([record(f"r{i}", s) for i, s in enumerate(spellings)])
    everyone = catalogue.ids()
    for lookup in (
        "jurisdiction",
        "title",
        "organizations",
        "description__contains",
        "title__startswith",
        "title__iexact",
        "jurisdiction__icontains",
    ):
        assert catalogue.filter(**{lookup: query}).ids() == everyone, lookup
        assert catalogue.exclude(**{lookup: query}).ids() == (), lookup
    for lookup in ("jurisdiction__in", "title__in", "organizations__in"):
        assert catalogue.filter(**{lookup: [query]}).ids() == everyone, lookup
    for field in ("jurisdiction", "title", "organizations"):
        assert catalogue.facets(field) == {unicodedata.normalize("NFC", query): len(everyone)}
        assert catalogue.distinct(field) == (unicodedata.normalize("NFC", query),)
        assert list(catalogue.group_by(field).values()) == [catalogue]
    assert catalogue.sort_by("title").ids() == everyone  # all equal: a stable sort keeps order
    assert catalogue.sort_by("-jurisdiction").ids() == everyone
    word = query.split(" ")[0]
    if re.search(r"\w", word):  # search needs a word; emoji alone are none
        assert set(catalogue.search(word).ids()) == set(everyone)


@given(catalogues(max_size=5, text=written_lines() | lines()))
def test_every_reader_makes_text_nfc(catalogue):
    """Whatever form a file's text is in, the records read from it are the NFC records."""
    for write, read in (
        (Catalogue.to_json, Catalogue.from_json),
        (Catalogue.to_jsonl, Catalogue.from_jsonl),
        (Catalogue.to_csv, Catalogue.from_csv),
    ):
        text = write(catalogue)
        assert unicodedata.is_normalized("NFC", text)  # exports write NFC
        assert read(unicodedata.normalize("NFD", text)) == catalogue
    nfd_records = [
        {k: unicodedata.normalize("NFD", v) if isinstance(v, str) else v for k, v in r.items()}
        for r in catalogue.to_records()
    ]
    assert Catalogue.from_records(nfd_records) == catalogue


def test_provenance_text_is_nfc_too(shipped):
    """Corrections and repairs (raw source text) are normalised like every other field."""
    assert Catalogue.from_json(unicodedata.normalize("NFD", shipped.to_json())) == shipped


def test_the_bundled_data_is_nfc(shipped):
    """The bundled file is loaded without validation, so the build must have made it NFC."""
    for name in ("resources.json", "resources.csv"):
        text = files("migrantres").joinpath("data", name).read_text(encoding="utf-8")
        assert unicodedata.is_normalized("NFC", text), name
    assert Catalogue.from_records(shipped.to_records()) == shipped


def test_urls_are_kept_as_published_not_normalised():
    nfd = "https://example.org/Co\u0302te"
    assert Availability(url=nfd).url == nfd


# -- which characters text may hold ----------------------------------------------------


@pytest.mark.parametrize("word", WRITTEN_WORDS)
def test_real_words_of_many_writing_systems_load(word):
    resource = Resource.model_validate(record("a", word))
    assert resource.title == unicodedata.normalize("NFC", word)


def test_a_persian_title_with_zwnj_and_right_to_left_marks_load():
    """The issue's examples: U+200C as U+200D is, and U+200E, U+200F, U+061C."""
    for title in (
        "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",
        "\u200f\u05e9\u05dc\u05d5\u05dd",
        "abc\u200e",
        "\u061c\u0661",
    ):
        assert Resource.model_validate(record("a", title)).title == title


@given(written_lines())
def test_accepted_writing_systems_load_and_round_trip(text):
    catalogue = Catalogue.from_records([record("a", text)])
    assert catalogue[0].title == unicodedata.normalize("NFC", text)
    assert Catalogue.from_json(catalogue.to_json()) == catalogue
    assert Catalogue.from_csv(catalogue.to_csv()) == catalogue


def test_an_emoji_and_a_tab_blame_the_tab():
    """U+1FAE8 (Unicode 15) is unassigned to this Python but assigned to the pattern engine."""
    with pytest.raises(
        ValidationError, match=r"found '\\t' \(U\+0009, a control character\) at position 5"
    ):
        Resource.model_validate(record("a", "a \U0001fae8 b\tc"))


@pytest.mark.parametrize(
    ("text", "char", "kind"),
    [
        ("soft\u00adhyphen", "U+00AD", "an invisible format character"),
        ("over\u202eride", "U+202E", "an invisible format character"),
        ("private\ue000", "U+E000", "a private-use character"),
        ("unassigned\u0378x", "U+0378", "a code point unassigned in Unicode"),
        ("x\u2028y", "U+2028", "a line or paragraph separator"),
        ("tag \U000e0041 alone", "U+E0041", "a tag character outside an emoji tag sequence"),
        ("open \U0001f3f4\U000e0067x", "U+E0067", "a tag character outside a complete emoji tag"),
        ("lone\ud800", "U+D800", "a surrogate"),
    ],
)
def test_each_refused_character_is_named_with_its_kind(text, char, kind):
    with pytest.raises(ValidationError, match=re.escape(char) + ", " + kind):
        Resource.model_validate(record("a", text))


def test_the_rule_is_unicode_categories_for_every_code_point_python_knows():
    """Letters, marks, numbers, punctuation, symbols, five format characters; spaces inside."""
    for code in range(0x110000):
        char = chr(code)
        category = unicodedata.category(char)
        if category in {"Cn", "Cs"}:  # unknown to this Python, or not a character
            continue
        expected = category[0] in "LMNPS" or code in WRITING_FORMATS or category == "Zs"
        assert accepted(f"a{char}b") is expected, (hex(code), category)


@given(st.text(st.characters(codec=None), min_size=1, max_size=12))
@example(body="\x1f\ud800")  # a refused character before a surrogate is the one named
def test_every_refused_character_is_the_one_named(body):
    text = f"a{body}b"
    try:
        LINE.validate_python(text)
    except ValidationError as exc:
        message = str(exc)
        found = FOUND.search(message)
        if found is None:  # not a character's fault: a blank or whitespace-edged line
            assert "must not" in message
            return
        position = int(found["position"])
        named = text[position]
        assert f"{ord(named):04X}" == found["code"]
        in_tag_sequence = 0xE0020 <= ord(named) <= 0xE007F
        assert in_tag_sequence or not accepted(f"a{named}b")
        assert all(accepted(f"a{c}b") or 0xE0020 <= ord(c) <= 0xE007F for c in text[:position])
    else:
        assert all(
            accepted(f"a{c}b") or 0xE0020 <= ord(c) <= 0xE007F or c == "\U0001f3f4" for c in text
        )
