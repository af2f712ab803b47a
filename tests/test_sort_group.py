"""sort_by, group_by, facets and distinct."""

from __future__ import annotations

import pytest

from migrantres import (
    InvalidValueError,
    PartialDate,
    ResourceType,
    UnknownFieldError,
    UnknownLookupError,
)


def test_sort_by_date_puts_undated_last_in_both_directions(sample):
    ascending = [str(r.launch_date) for r in sample.sort_by("launch_date")]
    descending = [str(r.launch_date) for r in sample.sort_by("-launch_date")]
    assert ascending == ["2018", "2018-03", "2018-06", "2019-12-10", "2021-03-01", "None"]
    assert descending == ["2021-03-01", "2019-12-10", "2018-06", "2018-03", "2018", "None"]


def test_sort_by_several_keys(sample):
    ordered = sample.sort_by("jurisdiction", "-launch_date")
    assert [(r.jurisdiction, str(r.launch_date)) for r in ordered] == [
        ("Global", "2019-12-10"),
        ("Global", "2018-06"),
        ("Global", "2018-03"),
        ("Global", "None"),
        ("OSCE area", "2021-03-01"),
        ("OSCE area", "2018"),
    ]


def test_sort_by_text_ignores_case_and_accents(sample):
    titles = [r.title[:12] for r in sample.sort_by("title")]
    assert titles == sorted(titles, key=lambda t: t.casefold().replace("é", "e"))


def test_sort_by_type_uses_the_value(shipped):
    assert [r.type.value for r in shipped.sort_by("type")] == [
        "guidance",
        "guidance-implementation",
        "guidance-implementation",
        "report",
        "report",
    ]


def test_sort_is_stable(shipped):
    by_type = shipped.sort_by("type")
    reports = [r.id for r in by_type if r.type is ResourceType.REPORT]
    assert reports == [r.id for r in shipped if r.type is ResourceType.REPORT]


def test_sort_by_errors(shipped):
    with pytest.raises(InvalidValueError, match="'organizations' holds several values"):
        shipped.sort_by("organizations")
    with pytest.raises(UnknownFieldError, match="did you mean 'launch_date'"):
        shipped.sort_by("-lanch_date")
    with pytest.raises(TypeError, match="needs at least one field"):
        shipped.sort_by()
    with pytest.raises(TypeError, match="takes field names, not int"):
        shipped.sort_by(1)  # type: ignore[arg-type]


def test_group_by_type_orders_groups_by_key(shipped):
    groups = shipped.group_by("type")
    assert list(groups) == [
        ResourceType.GUIDANCE,
        ResourceType.GUIDANCE_IMPLEMENTATION,
        ResourceType.REPORT,
    ]
    assert [len(g) for g in groups.values()] == [1, 2, 2]
    assert groups["report"] is groups[ResourceType.REPORT]  # StrEnum keys equal their values


def test_group_by_a_multi_valued_field_puts_a_resource_in_each_group(sample):
    groups = sample.group_by("languages")
    assert list(groups) == ["de", "en", "es", "fr", "ru", "zh", None]
    assert groups["fr"].ids() == ("guide-ethical-recruitment", "rapport-sur-la-traite")
    assert set(groups[None].ids()) == {"undated-platform", "commitments-2018"}
    assert sum(len(g) for g in groups.values()) > len(sample)


def test_group_by_date_and_year(sample):
    by_date = sample.group_by("launch_date")
    assert list(by_date)[:2] == [PartialDate(2018), PartialDate(2018, 3)]
    assert list(by_date)[-1] is None
    by_year = sample.group_by("launch_date__year")
    assert list(by_year) == [2018, 2019, 2021, None]
    assert [len(g) for g in by_year.values()] == [3, 1, 1, 1]


def test_group_by_organizations_uses_names(shipped):
    assert list(shipped.group_by("organizations")) == [
        "H&M Group",
        "International Organization for Migration",
    ]


def test_facets_count_largest_first(sample):
    assert sample.facets("jurisdiction") == {"Global": 4, "OSCE area": 2}
    assert list(sample.facets("launch_date__year").items()) == [
        (2018, 3),
        (2019, 1),
        (2021, 1),
        (None, 1),
    ]
    assert sample.counts("type") == sample.facets("type")


def test_distinct_values(shipped):
    assert shipped.distinct("languages") == ("en", "es", "fr", "ru", "zh")
    assert shipped.distinct("jurisdiction") == ("Global",)


def test_group_errors(shipped):
    with pytest.raises(
        UnknownLookupError,
        match="unknown lookup 'day' in 'launch_date__day'; expected one of: month, year",
    ):
        shipped.group_by("launch_date__day")
    with pytest.raises(UnknownLookupError, match="unknown lookup 'year' in 'title__year'"):
        shipped.facets("title__year")
    with pytest.raises(UnknownFieldError, match="cannot group by it"):
        shipped.group_by("provenance")
