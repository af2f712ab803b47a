"""filter and exclude: every lookup, on the shipped and the hand-written catalogues."""

from __future__ import annotations

import datetime as dt

import pytest

import migrantres
from migrantres import (
    InvalidValueError,
    PartialDate,
    ResourceType,
    UnknownFieldError,
    UnknownLookupError,
)
from migrantres._query.date_index import DateIndex

REMEDIATION = "remediation-guidelines-victims-human-trafficking-mineral-supply-chains"
THEORY = "theory-change-working-together-end-migrant-worker-exploitation"
HM = "migrant-workers-fair-recruitment-treatment-guidelines"
HEALTH = "labour-exploitation-trafficking-migrant-health-multi-country-findings"
VULNERABILITY = "migrants-vulnerability-human-trafficking-modern-slavery-forced-labour"


def ids(catalogue):
    return set(catalogue.ids())


# -- the questions users ask, in one line each ------------------------------------------


def test_iom_guidance_since_2018_available_in_french(shipped):
    found = shipped.filter(
        organizations="IOM", type__startswith="guidance", launch_date__gte=2018, languages="fr"
    )
    assert found.ids() == (REMEDIATION,)


def test_everything_about_recruitment_fees_best_first(shipped):
    assert shipped.search('"recruitment fees"').ids() == (THEORY,)


def test_how_many_per_organization_and_type(shipped):
    assert shipped.facets("organizations") == {
        "International Organization for Migration": 5,
        "H&M Group": 1,
    }
    assert shipped.facets("type") == {
        ResourceType.GUIDANCE_IMPLEMENTATION: 2,
        ResourceType.REPORT: 2,
        ResourceType.GUIDANCE: 1,
    }


# -- text fields -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lookup", "value", "expected"),
    [
        ("id", HM, {HM}),
        ("id__exact", HM, {HM}),
        ("id__in", [HM, THEORY, "unknown"], {HM, THEORY}),
        ("title__contains", "Supply Chains", {REMEDIATION, THEORY}),
        ("title__contains", "supply chains", set()),
        ("title__icontains", "SUPPLY chains", {REMEDIATION, THEORY}),
        ("title__startswith", "Migrant", {HM, VULNERABILITY}),
        ("title__iexact", "migrant workers fair recruitment and treatment guidelines", {HM}),
        ("title__gt", "Remediation", {REMEDIATION, THEORY}),
        ("title__lte", "Labour", set()),
        ("jurisdiction", "Global", {HM, THEORY, REMEDIATION, HEALTH, VULNERABILITY}),
        ("jurisdiction", "global", {HM, THEORY, REMEDIATION, HEALTH, VULNERABILITY}),
        ("jurisdiction__in", ["GLOBAL"], {HM, THEORY, REMEDIATION, HEALTH, VULNERABILITY}),
        ("jurisdiction__startswith", "glo", {HM, THEORY, REMEDIATION, HEALTH, VULNERABILITY}),
        ("jurisdiction__iexact", "GLOBAL", {HM, THEORY, REMEDIATION, HEALTH, VULNERABILITY}),
        ("description__icontains", "fee-charging", {HM}),
        ("type_label", "Guidance", {HM}),
        ("title__isnull", True, set()),
    ],
)
def test_text_lookups(shipped, lookup, value, expected):
    assert ids(shipped.filter(**{lookup: value})) == expected


def test_case_insensitive_lookups_fold_accents(sample):
    assert sample.filter(title__icontains="etres humains").ids() == ("rapport-sur-la-traite",)
    assert sample.filter(title__icontains="ÊTRES").ids() == ("rapport-sur-la-traite",)
    assert sample.filter(title__contains="etres").ids() == ()


def test_non_latin_text_is_matched(sample):
    assert sample.filter(title__icontains="руководство").ids() == ("drafting-guidance-2021",)


# -- enumerated fields -------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        ResourceType.GUIDANCE_IMPLEMENTATION,
        "guidance-implementation",
        "Guidance on policy / legislation implementation",
        "GUIDANCE_IMPLEMENTATION",
        " Guidance-Implementation ",
    ],
)
def test_type_accepts_the_member_its_value_or_a_source_label(shipped, value):
    assert ids(shipped.filter(type=value)) == {REMEDIATION, THEORY}


def test_type_in_and_prefix(shipped, sample):
    assert ids(shipped.filter(type__in=["report", ResourceType.GUIDANCE])) == {
        HEALTH,
        VULNERABILITY,
        HM,
    }
    assert len(sample.filter(type__startswith="guidance")) == 2
    assert ids(sample.filter(type="Report/analysis")) == {"rapport-sur-la-traite"}


def test_date_kind(sample):
    assert sample.filter(date_kind="publication").ids() == ("rapport-sur-la-traite",)


# -- dates -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [2018, "2018", PartialDate(2018), dt.date(2018, 1, 1), "2018-01-01", "1 January 2018"],
)
def test_date_bounds_accept_every_form(shipped, value):
    assert ids(shipped.filter(launch_date__gte=value)) == {REMEDIATION, THEORY, HM, VULNERABILITY}


def test_a_coarser_date_passes_a_bound_only_when_its_whole_span_does(sample):
    """Is "2018" >= "2018-06"? Not wholly: it may be January. Nor is it < "2018-06"."""
    dates = {r.id: str(r.launch_date) for r in sample if r.launch_date}
    found = {r.id for r in sample.filter(launch_date__gte="2018-06")}
    assert {dates[i] for i in found} == {"2018-06", "2019-12-10", "2021-03-01"}
    assert "rapport-sur-la-traite" not in found
    below = {str(r.launch_date) for r in sample.filter(launch_date__lt="2018-06")}
    assert below == {"2018-03"}


def test_year_and_month_transforms(shipped, sample):
    assert ids(shipped.filter(launch_date__year=2019)) == {THEORY, HM, VULNERABILITY}
    assert ids(shipped.filter(launch_date__year__lte=2018)) == {HEALTH, REMEDIATION}
    assert ids(shipped.filter(launch_date__year__in=[2015, 2018])) == {HEALTH, REMEDIATION}
    assert ids(shipped.filter(launch_date__month=3)) == {THEORY, REMEDIATION}
    assert ids(sample.filter(launch_date__month__gt=3)) == {
        "guide-ethical-recruitment",
        "supply-chain-tool",
    }


def test_exact_date_means_the_same_date_at_the_same_precision(shipped):
    assert shipped.filter(launch_date="2019").ids() == (VULNERABILITY,)
    assert shipped.filter(launch_date__in=["2015", "March 2018"]).ids() == (HEALTH, REMEDIATION)


def test_undated_resources_never_pass_a_date_comparison(sample):
    assert "undated-platform" not in sample.filter(launch_date__lt=9999).ids()
    assert "undated-platform" in sample.exclude(launch_date__gte=1000).ids()
    assert sample.filter(launch_date__isnull=True).ids() == ("undated-platform",)
    assert len(sample.filter(launch_date__isnull=False)) == 5


# -- multi-valued fields ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("IOM", {HM, THEORY, REMEDIATION, HEALTH, VULNERABILITY}),
        ("iom", {HM, THEORY, REMEDIATION, HEALTH, VULNERABILITY}),
        (
            "International Organization for Migration",
            {HM, THEORY, REMEDIATION, HEALTH, VULNERABILITY},
        ),
        ("h&m group", {HM}),
        ("H&M", set()),
    ],
)
def test_organizations_match_by_name_or_acronym_ignoring_case(shipped, value, expected):
    assert ids(shipped.filter(organizations=value)) == expected


def test_organization_lookups(sample):
    assert ids(sample.filter(organizations__icontains="securite")) == {"rapport-sur-la-traite"}
    assert ids(sample.filter(organizations__startswith="H&M")) == {"guide-ethical-recruitment"}
    assert ids(sample.filter(organizations__in=["UN", "odihr"])) == {
        "commitments-2018",
        "drafting-guidance-2021",
    }
    assert ids(
        sample.filter(
            organizations__iexact="ORGANISATION POUR LA SECURITE ET LA COOPERATION EN EUROPE"
        )
    ) == {"rapport-sur-la-traite"}


@pytest.mark.parametrize("value", ["fr", "FR", "FRA", "fra", "fre"])
def test_languages_accept_bcp47_and_iso_639_codes(shipped, value):
    assert shipped.filter(languages=value).ids() == (REMEDIATION,)


def test_language_lookups(sample):
    assert ids(sample.filter(languages__in=["de", "ZHO"])) == {
        "rapport-sur-la-traite",
        "supply-chain-tool",
    }
    assert ids(sample.filter(languages__isnull=True)) == {"undated-platform", "commitments-2018"}
    assert ids(sample.filter(languages="ru")) == {"supply-chain-tool", "drafting-guidance-2021"}


def test_url_lookups(sample):
    assert ids(sample.filter(urls__contains="guia")) == {"guide-ethical-recruitment"}
    assert ids(sample.filter(urls__startswith="http://")) == {"drafting-guidance-2021"}
    assert ids(sample.filter(urls__isnull=True)) == {"undated-platform"}


# -- combining ---------------------------------------------------------------------------


def test_several_lookups_are_anded(shipped):
    assert shipped.filter(type="report", launch_date__year=2019).ids() == (VULNERABILITY,)


def test_callables_are_predicates(shipped):
    found = shipped.filter(lambda r: len(r.availability) > 1, organizations="IOM")
    assert found.ids() == (HEALTH,)


def test_exclude_leaves_out_what_filter_keeps(shipped):
    assert ids(shipped.exclude(type="report")) == {HM, REMEDIATION, THEORY}
    assert ids(shipped.exclude(type="report", launch_date__year=2019)) == {
        HM,
        REMEDIATION,
        THEORY,
        HEALTH,
    }


def test_no_match_is_an_empty_catalogue_not_an_error(shipped):
    assert len(shipped.filter(title="Nothing like it")) == 0
    assert shipped.filter(id__in=[]).ids() == ()


def test_filter_keeps_order_and_version(shipped):
    result = shipped.sort_by("-launch_date").filter(organizations="IOM")
    assert result.ids() == shipped.sort_by("-launch_date").ids()
    assert result.version == shipped.version


def test_filtering_does_not_change_the_catalogue(shipped):
    before = shipped.ids()
    shipped.filter(type="report")
    assert shipped.ids() == before


# -- errors ------------------------------------------------------------------------------


def test_unknown_field_suggests_the_nearest(shipped):
    with pytest.raises(
        UnknownFieldError,
        match=r"unknown field 'jurisdicton' for Resource; did you mean 'jurisdiction'\?",
    ) as info:
        shipped.filter(jurisdicton="Global")
    assert isinstance(info.value, ValueError)
    assert info.value.suggestions == ("jurisdiction",)


def test_unknown_field_with_nothing_close_lists_every_field(shipped):
    with pytest.raises(
        UnknownFieldError, match="expected one of: date_kind, description, id, jurisdiction"
    ):
        shipped.filter(zzz=1)


def test_fields_that_cannot_be_queried_say_what_to_use(shipped):
    with pytest.raises(
        UnknownFieldError,
        match="field 'availability' of Resource: cannot query it; query 'languages' or 'urls' instead",
    ):
        shipped.filter(availability="x")


def test_unknown_lookup_lists_or_suggests_valid_ones(shipped):
    with pytest.raises(
        UnknownLookupError,
        match=r"unknown lookup 'after' in 'launch_date__after'; expected one of: exact, gt, gte, in, isnull, lt, lte, month, range, year",
    ):
        shipped.filter(launch_date__after=2018)
    with pytest.raises(UnknownLookupError, match=r"did you mean 'icontains' or 'contains'\?"):
        shipped.filter(title__icontain="x")
    with pytest.raises(UnknownLookupError, match="unknown lookup 'gt' in 'type__gt'"):
        shipped.filter(type__gt="report")
    with pytest.raises(
        UnknownLookupError, match="unknown lookup 'icontains' in 'launch_date__year__icontains'"
    ):
        shipped.filter(launch_date__year__icontains=1)
    with pytest.raises(UnknownLookupError, match="unknown lookup 'exact__x' in 'title__exact__x'"):
        shipped.filter(title__exact__x="y")


@pytest.mark.parametrize(
    ("lookup", "value", "message"),
    [
        (
            "launch_date__gte",
            "soon",
            r"invalid value 'soon' for 'launch_date__gte' \(not a date: 'soon' is not an English month name\); expected a PartialDate",
        ),
        ("launch_date__gte", 2018.5, "invalid value 2018.5 for 'launch_date__gte'"),
        (
            "type",
            "handbook",
            "invalid value 'handbook' for 'type'; expected a ResourceType, one of 'report', 'guidance'",
        ),
        ("title", 42, "invalid value 42 for 'title'; expected text"),
        ("id__in", "abc", "expected a list, tuple or set of values for an 'in' lookup"),
        ("launch_date__year", "2019", "expected an int from 1000 to 9999"),
        # A year in four digits, as a date's: 19 is neither read as 2019 nor as the year 19.
        (
            "launch_date__year",
            19,
            "invalid value 19 for 'launch_date__year'; expected an int from 1000",
        ),
        ("launch_date__year__gte", 999, "expected an int from 1000 to 9999"),
        ("launch_date__month", 13, "expected an int from 1 to 12"),
        ("launch_date__isnull", "yes", "expected True or False"),
        (
            "languages",
            "klingonese",
            r"invalid value 'klingonese' for 'languages' \(not exactly a language's name; did you mean 'tlh' \(Klingon\)\?\); expected a language tag",
        ),
        ("languages", 7, "expected a language tag or code"),
        ("date_kind", "released", "expected a DateKind, one of 'launch', 'publication'"),
    ],
)
def test_wrong_values_name_the_field_the_value_and_what_is_accepted(
    shipped, lookup, value, message
):
    with pytest.raises(InvalidValueError, match=message) as info:
        shipped.filter(**{lookup: value})
    assert info.value.field == lookup
    assert info.value.value == value
    assert isinstance(info.value, ValueError)


def test_positional_arguments_must_be_callables(shipped):
    with pytest.raises(TypeError, match="positional arguments must be callables"):
        shipped.filter("report")  # type: ignore[arg-type]


def test_errors_are_raised_even_when_nothing_would_match(shipped):
    with pytest.raises(UnknownFieldError):
        shipped.filter(id="nothing", colour="red")


def test_text_comparisons_use_the_order_of_sort_by(sample):
    """Case and accents are folded in both, so filter and sort agree."""
    ordered = sample.sort_by("title").ids()
    for position, resource in enumerate(sample.sort_by("title")):
        assert sample.filter(title__gte=resource.title).ids() == tuple(
            i for i in sample.ids() if i in ordered[position:]
        )
    assert len(sample.filter(title__gt="guide")) == len(sample.filter(title__gt="Guide"))


# -- the planner: indexes' answers intersected, dates in order or by candidate ----------


def _many(shipped, count):
    """``count`` resources made from the shipped ones: their types and languages, new dates."""
    made = []
    for n in range(count):
        template = shipped[n % len(shipped)].model_dump(exclude={"provenance"})
        # Every year for each template, some known to the year only: a date then starts
        # on 1 January, exactly on a bound of years.
        year = 1990 + (n // 5) % 35
        date = (
            None if n % 7 == 0 else f"{year}" if (n // 5) % 3 == 0 else f"{year}-{1 + n % 12:02d}"
        )
        made.append(template | {"id": f"made-{n}", "launch_date": date})
    return migrantres.Catalogue.from_records(made)


@pytest.mark.parametrize(
    ("lookups", "path"),
    [
        # The dates are the fewest: they are the candidates, the type's answer intersected.
        ({"type": "report", "launch_date__year": 2000}, "within"),
        # Many dates, few candidates: each candidate's own date is compared.
        ({"type": "report", "languages": "ru", "launch_date__year__gte": 1991}, "select"),
        # Dates about as many as the candidates: the two answers intersected.
        ({"languages": "en", "launch_date__year__range": (1995, 2015)}, "within"),
    ],
)
def test_the_planner_gives_the_conjunction_by_every_path(shipped, monkeypatch, lookups, path):
    catalogue = _many(shipped, 700)
    calls = []
    for name in ("within", "select"):
        original = getattr(DateIndex, name)
        monkeypatch.setattr(
            DateIndex,
            name,
            lambda self, *a, _name=name, _original=original: (
                calls.append(_name) or _original(self, *a)
            ),
        )
    found = catalogue.filter(**lookups)
    tests = {
        "type": lambda r, v: r.type.value == v,
        "languages": lambda r, v: any(t == v or t.startswith(v + "-") for t in r.languages),
        "launch_date__year": lambda r, v: r.launch_date is not None and r.launch_date.year == v,
        "launch_date__year__gte": lambda r, v: (
            r.launch_date is not None and r.launch_date.year >= v
        ),
        "launch_date__year__range": lambda r, v: (
            r.launch_date is not None and v[0] <= r.launch_date.year <= v[1]
        ),
    }
    expected = [r.id for r in catalogue if all(tests[k](r, v) for k, v in lookups.items())]
    assert found.ids() == tuple(expected)
    assert expected, "the case finds something"
    if path == "select":  # made-180: a report in Russian dated 1991, on the bound
        assert "made-180" in expected
    assert calls == [path]
