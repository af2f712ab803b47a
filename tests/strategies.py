"""Hypothesis strategies for dates, records and catalogues, shared by the tests."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from migrantres import Catalogue, PartialDate, RepairKind, Resource, ResourceType

LANGUAGES = ("en", "fr", "es", "zh", "ru", "de", "it", "ar", "pt-BR", "zh-Hans")
ORGANIZATIONS = (
    ("International Organization for Migration", "IOM"),
    ("International Labour Organization", "ILO"),
    ("H&M Group", None),
    ("Organisation pour la sécurité et la coopération en Europe", "OSCE"),
    ("Verité", None),
)

# Printable text on one line: no control, format, surrogate, unassigned or separator
# characters other than the plain space.
_PRINTABLE = st.characters(
    blacklist_categories=("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"),
    blacklist_characters="\u2028\u2029",
)


def lines(min_size: int = 1, max_size: int = 40) -> st.SearchStrategy[str]:
    """One line of printable text, any script, single-spaced, not blank."""
    return (
        st.text(_PRINTABLE, min_size=min_size, max_size=max_size)
        .map(lambda s: " ".join(s.split()))
        .filter(bool)
    )


def awkward_lines() -> st.SearchStrategy[str]:
    """Lines built to hurt serialisers: quotes, commas, markup, formulas, non-Latin."""
    pieces = st.sampled_from(
        [
            '"',
            "'",
            ",",
            ";",
            "<script>",
            "&amp;",
            "=SUM(A1)",
            "+1",
            "-2",
            "@x",
            "|",
            "\\",
            "{",
            "}",
            "%",
            "#",
            "_",
            "$",
            "~",
            "^",
            "日本語",
            "Ελληνικά",
            "עברית",
            "é",
            "ß",
        ]
    )
    return (
        st.lists(st.one_of(pieces, lines(max_size=8)), min_size=1, max_size=6)
        .map(lambda parts: " ".join(" ".join(parts).split()))
        .filter(bool)
    )


@st.composite
def partial_dates(draw: st.DrawFn) -> PartialDate:
    """A PartialDate at a random precision."""
    day = draw(st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)))
    precision = draw(st.sampled_from(("year", "month", "day")))
    if precision == "year":
        return PartialDate(day.year)
    if precision == "month":
        return PartialDate(day.year, day.month)
    return PartialDate(day.year, day.month, day.day)


_URLS = st.from_regex(r"https://example\.org/[a-z0-9_\-/%]{0,20}", fullmatch=True)
_AVAILABILITY = st.lists(
    st.fixed_dictionaries(
        {"languages": st.lists(st.sampled_from(LANGUAGES), max_size=3, unique=True), "url": _URLS}
    ),
    max_size=3,
)
_ORGANIZATIONS = st.lists(st.sampled_from(ORGANIZATIONS), min_size=1, max_size=3, unique=True)
_IDS = st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,2}", fullmatch=True)
_KINDS = st.sampled_from(list(ResourceType))


_LINE_NUMBERS = st.integers(min_value=1, max_value=2**40)


def provenances(text: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[dict[str, object]]:
    """A valid provenance as plain data, with locations, repairs and corrections."""
    text = lines() if text is None else text
    # Source text is any text: the tab and look-alike letters of damaged labels included.
    raw = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
    locations = st.fixed_dictionaries(
        {"field": text, "first_line": _LINE_NUMBERS, "last_line": _LINE_NUMBERS}
    )
    repairs = st.fixed_dictionaries(
        {
            "kind": st.sampled_from([k.value for k in RepairKind]),
            "field": st.none() | text,
            "line": _LINE_NUMBERS,
            "source_text": raw,
            "detail": text,
        }
    )
    corrections = st.fixed_dictionaries(
        {"field": text, "source_value": raw, "value": raw, "reason": text, "evidence": text}
    )
    return st.fixed_dictionaries(
        {
            "document": text,
            "file": text,
            "sha256": st.from_regex(r"[0-9a-f]{64}", fullmatch=True),
            "section": text,
            "first_line": _LINE_NUMBERS,
            "last_line": _LINE_NUMBERS,
            "locations": st.lists(locations, max_size=3),
            "repairs": st.lists(repairs, max_size=2),
            "corrections": st.lists(corrections, max_size=2),
        }
    )


def resource_dicts(
    text: st.SearchStrategy[str] | None = None, *, provenance: bool = False
) -> st.SearchStrategy[dict[str, object]]:
    """A valid record as plain data (its id is drawn separately by catalogues()).

    With ``provenance``, about half the records carry one.
    """
    text = lines() if text is None else text
    provenance_of = st.none() | provenances(text) if provenance else st.none()
    jurisdictions = st.sampled_from(("Global", "OSCE area")) | text
    descriptions = st.lists(text, min_size=1, max_size=3).map("\n\n".join)
    dates = st.none() | partial_dates().map(PartialDate.isoformat)

    @st.composite
    def draw_record(draw: st.DrawFn) -> dict[str, object]:
        kind = draw(_KINDS)
        return {
            "id": "placeholder",
            "title": draw(text),
            "type": kind.value,
            "type_label": draw(st.sampled_from(kind.spellings)),
            "jurisdiction": draw(jurisdictions),
            "organizations": [{"name": n, "acronym": a} for n, a in draw(_ORGANIZATIONS)],
            "launch_date": draw(dates),
            "date_kind": draw(st.sampled_from(("launch", "publication"))),
            "description": draw(descriptions),
            "availability": draw(_AVAILABILITY),
            "provenance": draw(provenance_of),
        }

    return draw_record()


_DEFAULT_RECORDS = resource_dicts()


def catalogues(
    *,
    min_size: int = 0,
    max_size: int = 12,
    text: st.SearchStrategy[str] | None = None,
    provenance: bool = False,
) -> st.SearchStrategy[Catalogue]:
    """A catalogue of valid resources with unique ids; with ``provenance``, some carry one."""
    records = (
        _DEFAULT_RECORDS
        if text is None and not provenance
        else resource_dicts(text, provenance=provenance)
    )

    @st.composite
    def draw_catalogue(draw: st.DrawFn) -> Catalogue:
        ids = draw(st.lists(_IDS, min_size=min_size, max_size=max_size, unique=True))
        resources = [Resource.model_validate({**draw(records), "id": i}) for i in ids]
        return Catalogue(resources, version=draw(st.none() | st.just("0.1.20261128")))

    return draw_catalogue()


def resources(text: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Resource]:
    """One valid resource."""
    return catalogues(min_size=1, max_size=1, text=text).map(lambda c: c[0])


# -- text people write: real words of many scripts, and what canonical equivalence allows --

#: Real words and phrases, each in its ordinary spelling: Persian with ZERO WIDTH
#: NON-JOINER, Arabic and Hebrew with their directional marks, Hindi, Thai, Chinese, and
#: emoji sequences (ZWJ, skin tone, flag, keycap, tag sequence).
WRITTEN_WORDS = (
    "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",  # Persian "I want", with ZWNJ
    "\u0646\u0627\u0645\u0647\u200c\u0647\u0627",  # Persian "letters", with ZWNJ
    "\u0627\u0644\u0639\u0645\u0644 \u0627\u0644\u0642\u0633\u0631\u064a",  # Arabic "forced labour"
    "\u061c\u0661\u0662\u0663",  # ARABIC LETTER MARK before Arabic-Indic digits
    "\u200f\u05e2\u05d1\u05d5\u05d3\u05ea \u05db\u05e4\u05d9\u05d9\u05d4",  # Hebrew, RLM first
    "\u05e9\u05dc\u05d5\u05dd\u200e",  # Hebrew "peace", LRM after
    "\u092e\u093e\u0928\u0935 \u0924\u0938\u094d\u0915\u0930\u0940",  # Hindi "human trafficking"
    "\u0915\u094d\u200d\u0937",  # Devanagari half form with ZWJ
    "\u0e01\u0e32\u0e23\u0e04\u0e49\u0e32\u0e21\u0e19\u0e38\u0e29\u0e22\u0e4c",  # Thai "human trafficking"
    "\u5f3a\u8feb\u52b3\u52a8",  # Chinese "forced labour"
    "\U0001f468\u200d\U0001f469\u200d\U0001f467",  # family: ZWJ sequence
    "\U0001f44d\U0001f3fd",  # thumbs up, medium skin tone
    "\U0001f1eb\U0001f1f7",  # flag of France: regional indicators
    "1\ufe0f\u20e3",  # keycap one
    "\U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f",  # flag of Scotland
    "C\u00f4te d'Ivoire",
)


def written_lines() -> st.SearchStrategy[str]:
    """A line of real words from many writing systems, single-spaced."""
    return st.lists(st.sampled_from(WRITTEN_WORDS), min_size=1, max_size=4).map(" ".join)


def canonical_spellings(text: str) -> st.SearchStrategy[str]:
    """Spellings canonically equivalent to ``text``: NFC, NFD, or any mix, word by word."""
    import unicodedata  # noqa: PLC0415 - only the text strategies need it

    words = text.split(" ")
    return st.lists(st.sampled_from(("NFC", "NFD")), min_size=len(words), max_size=len(words)).map(
        lambda forms: " ".join(
            unicodedata.normalize(form, word) for form, word in zip(forms, words, strict=True)
        )
    )


# Words of organization names: capitalised, never "and", never a separator.
_NAME_WORDS = st.sampled_from(
    (
        "Ministry",
        "of",
        "Labour",
        "Invalids",
        "Social",
        "Affairs",
        "Health",
        "Welfare",
        "Council",
        "Workers",
        "Fair",
        "Trade",
        "Union",
        "Rights",
        "Association",
        "for",
        "Migrant",
        "Centre",
        "Research",
        "Legal",
        "Aid",
        "Fund",
        "Foundation",
        "Ethical",
        "Sourcing",
        "Federation",
        "Employers",
        "Anti-Slavery",
        "Verité",
        "Stichting",
        "Ü",
    )
)


@st.composite
def organization_names(draw: st.DrawFn) -> str:
    """An organization's name that may hold commas and "and", as many names do.

    "Ministry of Labour, Invalids and Social Affairs" is one of them.
    """
    chunks = draw(st.lists(st.lists(_NAME_WORDS, min_size=1, max_size=3), min_size=1, max_size=4))
    separators = draw(
        st.lists(
            st.sampled_from((", ", " and ", ", and ")),
            min_size=len(chunks) - 1,
            max_size=len(chunks) - 1,
        )
    )
    name = " ".join(chunks[0])
    for separator, chunk in zip(separators, chunks[1:], strict=True):
        name += separator + " ".join(chunk)
    return name


acronyms = st.from_regex(r"[A-Z][A-Z&]{1,5}", fullmatch=True)


#: Letters (with their marks) of scripts that search must handle, by script.
SCRIPT_ALPHABETS: dict[str, str] = {
    "latin": "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéèàçñüößøåæœÉÅ",
    "greek": "αβγδεζηθικλμνξοπρστυφχψωάέήίόύώΑΒΓΔ",
    "cyrillic": "абвгдежзийклмнопрстуфхцчшщъыьэюяёАБВГ",
    "devanagari": "कखगघचछजझटठडढणतथदधनपफबभमयरलवशषसह" + "ािीुूेैोौंँ्",
    "arabic": "ابتثجحخدذرزسشصضطظعغفقكلمنهوي" + "َُِّْ",
    "hebrew": "אבגדהוזחטיכלמנסעפצקרשת",
    "thai": "กขคงจฉชซญดตถทธนบปผพฟภมยรลวศษสหอฮ" + "ะาำิีึืุู่้๊๋ั็เแโใไ",
    "han": "强迫劳动问题研究人身取引对策行计画工权利",
    "kana": "あいうえおかきくけこがぎぐさしすぜそたちつてとなにぬねのガギグゲゴパピプーン",
    "hangul": "노동강제인신매매이주자",
    "digits": "0123456789",
}

#: The scripts written without spaces between words.
UNSPACED_SCRIPTS = ("thai", "han", "kana", "hangul")


def words(script: str) -> st.SearchStrategy[str]:
    """A word of one script: one to eight of its letters and marks."""
    word = st.text(st.sampled_from(SCRIPT_ALPHABETS[script]), min_size=1, max_size=8)
    return word.filter(lambda w: w not in {"AND", "OR", "NOT"})


def titles_of_words() -> st.SearchStrategy[list[str]]:
    """The words of a title, each of any script, one to six."""
    return st.lists(
        st.sampled_from(sorted(SCRIPT_ALPHABETS)).flatmap(words), min_size=1, max_size=6
    )
