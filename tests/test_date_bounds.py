"""Date bounds by span: a bound stands for its days, and a date passes when all its days do."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from migrantres import Catalogue, InvalidValueError, PartialDate
from migrantres.cli import main
from strategies import catalogues, partial_dates

HEALTH = "labour-exploitation-trafficking-migrant-health-multi-country-findings"
REMEDIATION = "remediation-guidelines-victims-human-trafficking-mineral-supply-chains"
VULNERABILITY = "migrants-vulnerability-human-trafficking-modern-slavery-forced-labour"
THEORY = "theory-change-working-together-end-migrant-worker-exploitation"
HM = "migrant-workers-fair-recruitment-treatment-guidelines"


def ids(catalogue):
    return set(catalogue.ids())


def test_2018_to_2019_finds_all_four_resources_dated_then(shipped):
    """The issue's example: it found 2 of the 4, dropping 2019-03-13 and 2019-12-10."""
    both = shipped.filter(launch_date__gte=2018, launch_date__lte=2019)
    assert ids(both) == {REMEDIATION, VULNERABILITY, THEORY, HM}
    assert shipped.filter(launch_date__range=(2018, 2019)) == both


@pytest.mark.parametrize(
    ("lookups", "expected"),
    [
        ({"launch_date__lte": 2019}, {HEALTH, REMEDIATION, VULNERABILITY, THEORY, HM}),
        ({"launch_date__gt": 2019}, set()),
        ({"launch_date__gt": 2018}, {VULNERABILITY, THEORY, HM}),
        ({"launch_date__gte": "2018-03"}, {REMEDIATION, VULNERABILITY, THEORY, HM}),
        ({"launch_date__gte": "2018-04"}, {VULNERABILITY, THEORY, HM}),
        ({"launch_date__lt": "2019-03-13"}, {HEALTH, REMEDIATION}),
        ({"launch_date__lte": "2019-06"}, {HEALTH, REMEDIATION, THEORY}),  # not "2019"
        ({"launch_date__gte": "2019-06"}, {HM}),  # not "2019" either
        ({"launch_date__range": ("March 2019", "2019-12-10")}, {THEORY, HM}),
        ({"launch_date__year__range": (2015, 2018)}, {HEALTH, REMEDIATION}),
    ],
)
def test_bounds_stand_for_their_whole_span(shipped, lookups, expected):
    assert ids(shipped.filter(**lookups)) == expected


def test_range_takes_a_pair():
    catalogue = Catalogue()
    for value in ("2019", 2019, ("2018",), ("2018", "2019", "2020")):
        with pytest.raises(InvalidValueError, match="a pair"):
            catalogue.filter(launch_date__range=value)


def test_the_sort_order_is_still_the_total_order(shipped):
    assert [str(r.launch_date) for r in shipped.sort_by("launch_date")] == [
        "2015",
        "2018-03",
        "2019",
        "2019-03-13",
        "2019-12-10",
    ]


def test_since_a_day_range_is_refused_on_the_command_line(capsys):
    """The issue's example: --since "10-12 March" listed everything since 2010."""
    assert main(["list", "--since", "10-12 March"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "invalid value '10-12 March' for '--since' (a day range ('10-12'), not one date)" in (
        captured.err
    )


# -- the brute-force reference: every day of the date's span against the bound ----------


def days(date):
    day = date.start
    while day <= date.end:
        yield day
        day += dt.timedelta(days=1)


def passes(date, op, bound):
    """Whether every day ``date`` covers satisfies ``op`` against the days ``bound`` covers.

    A day is ``gte`` a bound when it is on or after some day of it (in it, or later),
    ``gt`` when after all of them; ``lte`` when on or before some day of it, ``lt`` when
    before all of them. The first and last day stand for "some" and "all".
    """
    if date is None:
        return False
    if op == "range":
        return passes(date, "gte", bound[0]) and passes(date, "lte", bound[1])
    covered = list(days(bound))
    first, last = min(covered), max(covered)
    tests = {
        "gte": lambda day: day >= first,  # any(day >= b for b in covered)
        "gt": lambda day: day > last,  # all(day > b for b in covered)
        "lte": lambda day: day <= last,  # any(day <= b for b in covered)
        "lt": lambda day: day < first,  # all(day < b for b in covered)
    }
    return all(tests[op](day) for day in days(date))


#: Dates near each other, so that bounds cut through catalogues' spans.
near_dates = st.builds(
    lambda year, month, day, precision: PartialDate(*(year, month, day)[:precision]),
    st.integers(2017, 2019),
    st.integers(1, 12),
    st.integers(1, 28),
    st.integers(1, 3),
)
bounds = st.one_of(
    st.tuples(st.sampled_from(["gte", "gt", "lte", "lt"]), near_dates),
    st.tuples(st.just("range"), st.tuples(near_dates, near_dates)),
)


def catalogue_of(dates):
    return Catalogue.from_records(
        [
            {
                "id": f"r{i}",
                "title": "t",
                "type": "report",
                "jurisdiction": "g",
                "organizations": [{"name": "o"}],
                "description": "d",
                "launch_date": None if date is None else date.isoformat(),
            }
            for i, date in enumerate(dates)
        ]
    )


@given(st.lists(st.none() | near_dates, max_size=12), bounds)
def test_bounds_agree_with_a_day_by_day_check(dates, bound):
    op, value = bound
    catalogue = catalogue_of(dates)
    expected = [r.id for r in catalogue if passes(r.launch_date, op, value)]
    assert list(catalogue.filter(**{f"launch_date__{op}": value}).ids()) == expected
    assert [r.id for r in catalogue.exclude(**{f"launch_date__{op}": value})] == [
        r.id for r in catalogue if r.id not in expected
    ]


@given(st.lists(st.none() | near_dates, max_size=12), bounds, bounds)
def test_two_bounds_at_once_agree_with_the_check(dates, first, second):
    """Both answered by the date index at once: lower bounds cut, upper bounds tested."""
    assume(first[0] != second[0])  # one lookup each: a dict holds a key once
    catalogue = catalogue_of(dates)
    lookups = {f"launch_date__{first[0]}": first[1], f"launch_date__{second[0]}": second[1]}
    expected = [
        r.id
        for r in catalogue
        if passes(r.launch_date, first[0], first[1]) and passes(r.launch_date, second[0], second[1])
    ]
    assert list(catalogue.filter(**lookups).ids()) == expected


#: What each year lookup means of a date's year, and values for it near the dates.
YEAR_LOOKUPS = {
    "exact": (lambda year, v: year == v, st.integers(2016, 2020)),
    "gte": (lambda year, v: year >= v, st.integers(2016, 2020)),
    "gt": (lambda year, v: year > v, st.integers(2016, 2020)),
    "lte": (lambda year, v: year <= v, st.integers(2016, 2020)),
    "lt": (lambda year, v: year < v, st.integers(2016, 2020)),
    "range": (
        lambda year, v: v[0] <= year <= v[1],
        st.tuples(st.integers(2016, 2020), st.integers(2016, 2020)),
    ),
}


@pytest.mark.parametrize("op", YEAR_LOOKUPS)
@given(data=st.data(), dates=st.lists(st.none() | near_dates, max_size=12), bound=bounds)
def test_year_lookups_mean_the_year_alone_and_are_answered_with_the_bounds(op, data, dates, bound):
    """The date index answers ``launch_date__year__*`` too: as the date's year says."""
    test, values = YEAR_LOOKUPS[op]
    value, catalogue = data.draw(values), catalogue_of(dates)

    def year_passes(date):
        return date is not None and test(date.year, value)

    expected = [r.id for r in catalogue if year_passes(r.launch_date)]
    assert list(catalogue.filter(**{f"launch_date__year__{op}": value}).ids()) == expected
    both = {f"launch_date__year__{op}": value, f"launch_date__{bound[0]}": bound[1]}
    expected = [
        r.id for r in catalogue if year_passes(r.launch_date) and passes(r.launch_date, *bound)
    ]
    assert list(catalogue.filter(**both).ids()) == expected


@settings(max_examples=40)
@given(st.lists(st.none() | near_dates, max_size=8), near_dates, near_dates)
def test_the_command_line_and_the_api_give_the_same_answer(tmp_path_factory, dates, low, high):
    catalogue = catalogue_of(dates)
    path = tmp_path_factory.mktemp("bounds") / "dates.json"
    path.write_text(catalogue.to_json(), encoding="utf-8")

    def listed(*argv):
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            assert main(["list", "--data", str(path), *argv, "--format", "ids"]) == 0
        return out.getvalue().split()

    def expected(*checks):
        return [r.id for r in catalogue if all(passes(r.launch_date, *c) for c in checks)]

    since, until = low.isoformat(), high.isoformat()
    assert listed("--since", since) == expected(("gte", low))
    assert listed("--until", until) == expected(("lte", high))
    assert listed("--since", since, "--until", until) == expected(("gte", low), ("lte", high))
    assert listed("--where", f"launch_date__lte={until}") == expected(("lte", high))
    assert listed("--where", f"launch_date__gt={since}") == expected(("gt", low))
    assert listed("--where", f"launch_date__range={since},{until}") == expected(
        ("range", (low, high))
    )
    assert json.loads(catalogue.filter(launch_date__lte=high).to_json())["records"] == [
        json.loads(catalogue.to_json())["records"][int(i[1:])] for i in expected(("lte", high))
    ]


@given(catalogues(), partial_dates(), partial_dates())
def test_bounds_on_any_dates_agree_with_the_span_definition(catalogue, low, high):
    found = catalogue.filter(launch_date__gte=low, launch_date__lt=high)
    assert [r.id for r in found] == [
        r.id
        for r in catalogue
        if r.launch_date is not None
        and r.launch_date.start >= low.start
        and r.launch_date.end < high.start
    ]
