"""Language tags as BCP 47 defines them: RFC 5646 canonical form and RFC 4647 filtering."""

from __future__ import annotations

import io
import sys
from importlib.resources import files

import pytest
from hypothesis import given
from hypothesis import strategies as st
from langcodes import data_dicts
from langcodes.registry_parser import parse_file
from pydantic import ValidationError

from migrantres import Availability, Catalogue, InvalidValueError


def registry():
    text = files("langcodes").joinpath("data", "language-subtag-registry.txt").read_text("utf-8")
    return list(parse_file(io.StringIO(text)))


REGISTRY = registry()


def subtags(kind, *, preferred):
    return sorted(
        entry["Subtag"]
        for entry in REGISTRY
        if entry["Type"] == kind
        and ".." not in entry["Subtag"]
        and ("Preferred-Value" in entry) is preferred
    )


def tags_of(*languages):
    return Availability(languages=languages, url="https://example.org").languages


@pytest.mark.parametrize(
    ("code", "tag"),
    [
        ("tl", "tl"),
        ("prs", "prs"),
        ("zh-cmn-Hans", "cmn-Hans"),
        ("ENG", "en"),
        ("ZHO", "zh"),
        ("FRE", "fr"),
        ("CHI", "zh"),
        ("iw", "he"),
        ("zh-yue", "yue"),
        ("i-klingon", "tlh"),
        ("en-b-ccc-a-aaa", "en-a-aaa-b-ccc"),
        ("EN-latn-us", "en-Latn-US"),
        ("my-BU", "my-MM"),
    ],
)
def test_tags_take_rfc_5646_canonical_form_and_nothing_more(code, tag):
    """The issue's examples: tl and prs stay; zh-cmn-Hans is cmn-Hans; ISO 639-2 is shortest."""
    assert tags_of(code) == (tag,)


@pytest.mark.parametrize(
    "code", ["French", "xx", "zh-aao", "de-1901-1901", "en-US-US", "zh-cmn-yue"]
)
def test_invalid_tags_and_names_are_refused_in_records(code):
    with pytest.raises(ValidationError, match="invalid language"):
        tags_of(code)


def test_every_registered_language_without_a_preferred_value_stays_as_given():
    for subtag in subtags("language", preferred=False):
        assert tags_of(subtag.upper()) == (subtag,), subtag


def test_every_deprecated_subtag_becomes_its_preferred_value():
    for subtag in subtags("language", preferred=True):
        entry = next(e for e in REGISTRY if e.get("Subtag") == subtag and e["Type"] == "language")
        assert tags_of(subtag) == (entry["Preferred-Value"],), subtag
    for entry in (e for e in REGISTRY if e["Type"] == "extlang"):
        prefix = entry["Prefix"][0]
        assert tags_of(f"{prefix}-{entry['Subtag']}") == (entry["Preferred-Value"],)
    for entry in (e for e in REGISTRY if e["Type"] in {"redundant", "grandfathered"}):
        if "Preferred-Value" in entry:
            assert tags_of(entry["Tag"]) == (entry["Preferred-Value"],), entry["Tag"]


def test_iso_639_2_codes_become_their_shortest_tag():
    preferred = {
        e["Subtag"]: e["Preferred-Value"]
        for e in REGISTRY
        if e["Type"] == "language" and "Preferred-Value" in e
    }
    for table in (data_dicts.LANGUAGE_ALPHA3, data_dicts.LANGUAGE_ALPHA3_BIBLIOGRAPHIC):
        for two, three in table.items():
            if len(two) == 2:  # the tables also hold CLDR's tags, 'fil' for 'tgl'
                assert tags_of(three.upper()) == (preferred.get(two, two),), three
    assert tags_of("TGL") == ("tl",)  # Tagalog, not Filipino


@given(
    st.sampled_from(subtags("language", preferred=False)),
    st.none() | st.sampled_from(subtags("script", preferred=False)),
    st.none() | st.sampled_from(subtags("region", preferred=False)),
    st.randoms(use_true_random=False),
)
def test_canonical_form_only_sets_case_on_current_subtags(language, script, region, random):
    parts = [p for p in (language, script, region) if p]
    mixed = "-".join("".join(random.choice((c.lower(), c.upper())) for c in p) for p in parts)
    expected = "-".join(
        [language.lower()]
        + ([script.title()] if script else [])
        + ([region.upper()] if region else [])
    )
    (tag,) = tags_of(mixed)
    assert tag == expected
    assert tags_of(tag) == (tag,)  # idempotent


# -- RFC 4647 basic filtering --------------------------------------------------------------

POOL = (
    "zh",
    "zh-Hant",
    "zh-Hans",
    "zh-Hant-TW",
    "cmn-Hans",
    "en",
    "en-GB",
    "en-Latn-GB",
    "fr",
    "fr-CA",
    "pt",
    "pt-BR",
    "tl",
    "fil",
    "prs",
    "fa",
    "fa-AF",
)


def basic_filtering(language_range, tag):
    """RFC 4647 section 3.3.1, as written: equal to the tag, or to a prefix ending at '-'."""
    if language_range == "*":
        return True
    language_range, tag = language_range.lower(), tag.lower()
    return tag == language_range or (
        tag.startswith(language_range) and tag[len(language_range)] == "-"
    )


def written_in(id_, tags):
    return {
        "id": id_,
        "title": id_,
        "type": "report",
        "jurisdiction": "g",
        "organizations": [{"name": "o"}],
        "description": "d",
        "availability": [{"languages": list(tags), "url": "https://example.org"}],
    }


def test_zh_matches_zh_zh_hant_and_zh_hans_and_exact_matches_one():
    catalogue = Catalogue.from_records(
        [
            written_in("a", ["zh"]),
            written_in("b", ["zh-Hant"]),
            written_in("c", ["zh-Hans"]),
            written_in("d", ["en"]),
        ]
    )
    assert catalogue.filter(languages="zh").ids() == ("a", "b", "c")
    assert catalogue.filter(languages__exact="zh").ids() == ("a",)
    assert catalogue.filter(languages__iexact="ZH-HANT").ids() == ("b",)
    assert catalogue.filter(languages="*").ids() == ("a", "b", "c", "d")


@given(
    st.lists(st.lists(st.sampled_from(POOL), max_size=3, unique=True), max_size=8),
    st.sampled_from([*POOL, "*", "ZH", "zh-hant"]),
    st.lists(st.sampled_from(POOL), max_size=3),
)
def test_language_filtering_is_rfc_4647_basic_filtering(tag_lists, language_range, ranges):
    catalogue = Catalogue.from_records([written_in(f"r{i}", t) for i, t in enumerate(tag_lists)])
    by_range = [
        r.id for r in catalogue if any(basic_filtering(language_range, t) for t in r.languages)
    ]
    assert list(catalogue.filter(languages=language_range).ids()) == by_range
    assert [r.id for r in catalogue.exclude(languages=language_range)] == [
        r.id for r in catalogue if r.id not in by_range
    ]
    by_any = [
        r.id for r in catalogue if any(basic_filtering(x, t) for x in ranges for t in r.languages)
    ]
    assert list(catalogue.filter(languages__in=ranges).ids()) == by_any
    if language_range != "*":
        exact = [r.id for r in catalogue if language_range.lower() in map(str.lower, r.languages)]
        assert list(catalogue.filter(languages__exact=language_range).ids()) == exact


# -- language names in queries -------------------------------------------------------------


@pytest.fixture(scope="module")
def french_and_chinese():
    return Catalogue.from_records(
        [written_in("fr", ["fr"]), written_in("fr-ca", ["fr-CA"]), written_in("zh", ["zh-Hant"])]
    )


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("French", ("fr", "fr-ca")),
        ("français", ("fr", "fr-ca")),
        ("FRANÇAIS", ("fr", "fr-ca")),
        ("Chinese", ("zh",)),
        ("中文", ("zh",)),
        ("Canadian French", ("fr-ca",)),
    ],
)
def test_a_language_named_unambiguously_is_accepted(french_and_chinese, name, expected):
    assert french_and_chinese.filter(languages=name).ids() == expected


@pytest.mark.parametrize(
    ("name", "said"),
    [
        ("Tagalog", r"a name of more than one language: 'fil' \(Filipino\) or 'tl' \(Tagalog\)"),
        ("fala", r"a name of more than one language: 'fax' \(Fala\) or 'fr' \(French\)"),
        (
            "Portuguese (Brazil)",
            r"not exactly a language's name; did you mean 'pt' \(Portuguese\)\?",
        ),
        ("Frenchish", r"neither a language tag nor a language's name|did you mean"),
    ],
)
def test_a_name_of_no_one_language_says_what_was_meant(french_and_chinese, name, said):
    with pytest.raises(InvalidValueError, match=said):
        french_and_chinese.filter(languages=name)


def test_without_the_name_data_a_name_says_what_to_install(monkeypatch, french_and_chinese):
    monkeypatch.setitem(sys.modules, "language_data.names", None)
    with pytest.raises(InvalidValueError, match=r"pip install language-data"):
        french_and_chinese.filter(languages="French")
    assert french_and_chinese.filter(languages="FRA").ids() == ("fr", "fr-ca")


@given(st.text(max_size=20) | st.text(st.characters(categories=["L", "M", "Zs"]), max_size=12))
def test_any_text_as_a_language_gives_an_answer_or_an_invalid_value_error(text):
    catalogue = Catalogue.from_records([written_in("a", ["fr"])])
    try:
        found = catalogue.filter(languages=text)
    except InvalidValueError as exc:
        assert exc.field == "languages"
    else:
        assert found.ids() in {(), ("a",)}
