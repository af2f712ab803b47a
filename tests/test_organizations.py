"""Organization fields: split into names only where the boundary is certain."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from migrantres import ParseError
from migrantres.ingest import Section, parse_resources, split_organizations
from strategies import acronyms, organization_names

IOM = Section(
    "International Organization for Migration (IOM)",
    "International Organization for Migration",
    "IOM",
    1,
)
IOM_PAIR = ("International Organization for Migration", "IOM")
SEPARATORS = (", ", " and ", ", and ")


def test_the_issues_ministry_is_one_organization_beside_the_sections_own():
    text = (
        "Ministry of Labour, Invalids and Social Affairs and "
        "International Organization for Migration"
    )
    assert split_organizations(text, IOM) == (
        ("Ministry of Labour, Invalids and Social Affairs", None),
        IOM_PAIR,
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the bundled data's list, as before
        ("H&M Group and International Organization for Migration", (("H&M Group", None), IOM_PAIR)),
        ("H&M Group and IOM", (("H&M Group", None), IOM_PAIR)),
        # no certain boundary: one organization, commas and all
        (
            "Save the Children, Oxfam and Anti-Slavery International",
            (("Save the Children, Oxfam and Anti-Slavery International", None),),
        ),
        # the section's own organization in the middle splits on both sides
        (
            "Ministry of Health, Labour and Welfare, IOM and Council of Europe",
            (
                ("Ministry of Health, Labour and Welfare", None),
                IOM_PAIR,
                ("Council of Europe", None),
            ),
        ),
        # a name closed by its acronym ends there: a clean list
        (
            (
                "Ministry of Labour, Invalids and Social Affairs (MOLISA), "
                "International Labour Organization (ILO) and IOM"
            ),
            (
                ("Ministry of Labour, Invalids and Social Affairs", "MOLISA"),
                ("International Labour Organization", "ILO"),
                IOM_PAIR,
            ),
        ),
        ("International Organization for Migration (IOM)", (IOM_PAIR,)),
        # ";" always separates
        (
            "Verité; Humanity United, and Partners",
            (("Verité", None), ("Humanity United, and Partners", None)),
        ),
        # the section's organization inside a longer name is not a boundary
        (
            "Friends of International Organization for Migration and Partners",
            (("Friends of International Organization for Migration and Partners", None),),
        ),
    ],
)
def test_organizations_are_split_only_at_certain_boundaries(text, expected):
    assert split_organizations(text, IOM) == expected


@pytest.mark.parametrize(
    "text", ["IOM and", ", IOM", "H&M Group;; IOM", "H&M Group, , IOM", "IOM;", "and and"]
)
def test_an_empty_name_raises_a_parse_error_asking_for_a_correction(text):
    with pytest.raises(ParseError, match=r"empty name .* correct the 'organizations' field"):
        split_organizations(text, IOM)


@given(organization_names())
def test_a_name_holding_commas_and_and_stays_whole(name):
    assert split_organizations(name, IOM) == ((name, None),)


@given(organization_names(), st.sampled_from(SEPARATORS), st.booleans())
def test_the_sections_own_organization_splits_off_a_name_holding_commas_and_and(
    name, separator, own_first
):
    own = "International Organization for Migration"
    text = own + separator + name if own_first else name + separator + own
    expected = (IOM_PAIR, (name, None)) if own_first else ((name, None), IOM_PAIR)
    assert split_organizations(text, IOM) == expected


@given(
    st.lists(
        st.one_of(
            organization_names().map(lambda n: (n, None)),
            st.tuples(organization_names(), acronyms),
            st.just(IOM_PAIR),
        ),
        min_size=1,
        max_size=5,
    ),
    st.data(),
)
def test_a_list_with_certain_boundaries_gives_back_every_name(items, data):
    """Between two names with no certain boundary the list must use ";"."""
    text = _written(items[0])
    for previous, item in itertools.pairwise(items):
        certain = previous[1] is not None or item == IOM_PAIR
        choices = (*SEPARATORS, "; ") if certain else ("; ",)
        text += data.draw(st.sampled_from(choices)) + _written(item)
    assert split_organizations(text, IOM) == tuple(items)


def _written(item):
    name, acronym = item
    if item == IOM_PAIR:
        return name
    return name if acronym is None else f"{name} ({acronym})"


# -- in a record, and corrected ----------------------------------------------------------

TEXT = (
    "International Organization for Migration (IOM)\n"
    "Name of Resource\tA Guide to Fair Recruitment\n"
    "Type\tGuidance\n"
    "Country / jurisdiction\tGlobal\n"
    "Organization\t{organization}\n"
    "Description\tA guide.\n"
)


def test_an_unreadable_organization_list_raises_with_file_and_line():
    with pytest.raises(ParseError, match=r"^mine\.txt, line 5: an empty name") as info:
        parse_resources(TEXT.format(organization="H&M Group and"), file="mine.txt")
    assert (info.value.source, info.value.line) == ("mine.txt", 5)
