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


@st.composite
def resource_dicts(
    draw: st.DrawFn, *, text: st.SearchStrategy[str] | None = None
) -> dict[str, object]:
    """A valid record as plain data (its id is drawn separately by catalogues())."""
    text = lines() if text is None else text
    kind = draw(st.sampled_from(list(ResourceType)))
    orgs = draw(st.lists(st.sampled_from(ORGANIZATIONS), min_size=1, max_size=3, unique=True))
    availability = draw(
        st.lists(
            st.fixed_dictionaries(
                {
                    "languages": st.lists(st.sampled_from(LANGUAGES), max_size=3, unique=True),
                    "url": st.from_regex(
                        r"https://example\.org/[a-z0-9_\-/%]{0,20}", fullmatch=True
                    ),
                }
            ),
            max_size=3,
        )
    )
    paragraphs = draw(st.lists(text, min_size=1, max_size=3))
    date = draw(st.none() | partial_dates())
    return {
        "id": "placeholder",
        "title": draw(text),
        "type": kind.value,
        "type_label": draw(st.sampled_from(kind.spellings)),
        "jurisdiction": draw(st.sampled_from(("Global", "OSCE area")) | text),
        "organizations": [{"name": n, "acronym": a} for n, a in orgs],
        "launch_date": None if date is None else date.isoformat(),
        "date_kind": draw(st.sampled_from(("launch", "publication"))),
        "description": "\n\n".join(paragraphs),
        "availability": availability,
    }


@st.composite
def catalogues(
    draw: st.DrawFn,
    *,
    min_size: int = 0,
    max_size: int = 12,
    text: st.SearchStrategy[str] | None = None,
) -> Catalogue:
    """A catalogue of valid resources with unique ids."""
    ids = draw(
        st.lists(
            st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,2}", fullmatch=True),
            min_size=min_size,
            max_size=max_size,
            unique=True,
        )
    )
    records = [
        Resource.model_validate({**draw(resource_dicts(text=text)), "id": resource_id})
        for resource_id in ids
    ]
    return Catalogue(records, version=draw(st.none() | st.just("0.1.20261128")))


def resources(text: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Resource]:
    """One valid resource."""
    return catalogues(min_size=1, max_size=1, text=text).map(lambda c: c[0])
