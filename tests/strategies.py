"""Hypothesis strategies for dates, records and catalogues, shared by the tests."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from migrantres import Catalogue, PartialDate, Resource, ResourceType

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


def resource_dicts(
    text: st.SearchStrategy[str] | None = None,
) -> st.SearchStrategy[dict[str, object]]:
    """A valid record as plain data (its id is drawn separately by catalogues())."""
    text = lines() if text is None else text
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
        }

    return draw_record()


_DEFAULT_RECORDS = resource_dicts()


def catalogues(
    *, min_size: int = 0, max_size: int = 12, text: st.SearchStrategy[str] | None = None
) -> st.SearchStrategy[Catalogue]:
    """A catalogue of valid resources with unique ids."""
    records = _DEFAULT_RECORDS if text is None else resource_dicts(text)

    @st.composite
    def draw_catalogue(draw: st.DrawFn) -> Catalogue:
        ids = draw(st.lists(_IDS, min_size=min_size, max_size=max_size, unique=True))
        resources = [Resource.model_validate({**draw(records), "id": i}) for i in ids]
        return Catalogue(resources, version=draw(st.none() | st.just("0.1.20261128")))

    return draw_catalogue()


def resources(text: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Resource]:
    """One valid resource."""
    return catalogues(min_size=1, max_size=1, text=text).map(lambda c: c[0])


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
