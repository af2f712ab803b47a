"""PartialDate: a date known to the year, month or day, with a total order."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from migrantres import InvalidDateError, PartialDate, Precision
from strategies import partial_dates


@pytest.mark.parametrize(
    ("text", "expected", "precision"),
    [
        ("2015", PartialDate(2015), Precision.YEAR),
        ("March 2018", PartialDate(2018, 3), Precision.MONTH),
        ("13 March 2019", PartialDate(2019, 3, 13), Precision.DAY),
        ("10 December 2019", PartialDate(2019, 12, 10), Precision.DAY),
        ("December 10, 2019", PartialDate(2019, 12, 10), Precision.DAY),
        ("2018-03", PartialDate(2018, 3), Precision.MONTH),
        ("2019-03-13", PartialDate(2019, 3, 13), Precision.DAY),
        ("  March   2018 ", PartialDate(2018, 3), Precision.MONTH),
    ],
)
def test_parse_reads_compendium_dates_at_their_precision(text, expected, precision):
    parsed = PartialDate.parse(text)
    assert parsed == expected
    assert parsed.precision is precision


def test_parse_does_not_invent_missing_parts():
    """Dateutil alone would read "2015" as 1 January 2015."""
    assert PartialDate.parse("2015").month is None
    assert PartialDate.parse("2015").day is None
    assert PartialDate.parse("March 2018").day is None


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("March", "needs at least a year"),
        ("13 March", "needs a year in four digits"),
        ("31 February 2019", "day is out of range"),
        ("2019-13", "month must be between 1 and 12"),
        ("2019-02-30", "day is out of range"),
        ("03/04/2019", "more than one reading"),
        ("13 March 2019 10:30", "time of day"),
        ("soon", "not a date"),
        ("", "empty text is not a date"),
        ("0000", "year must be between 1 and 9999"),
    ],
)
def test_parse_rejects_what_is_not_a_date(text, reason):
    with pytest.raises(InvalidDateError, match=reason) as info:
        PartialDate.parse(text)
    assert isinstance(info.value, ValueError)


@pytest.mark.parametrize("text", ["2018-3", "18", "2018/03", "2018-03-1", " 2018", "２０１８"])  # noqa: RUF001 - full-width digits on purpose
def test_fromisoformat_accepts_only_iso_text(text):
    with pytest.raises(InvalidDateError, match="expected ISO 8601"):
        PartialDate.fromisoformat(text)


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        ((2019, None, 5), "a day needs a month"),
        ((2019, 0), "month must be between 1 and 12"),
        ((10000,), "year must be between 1 and 9999"),
        ((2019, 2, 29), "day is out of range"),
        (("2019",), "must be integers"),
        ((True,), "must be integers"),
    ],
)
def test_constructor_rejects_impossible_dates(args, reason):
    with pytest.raises(InvalidDateError, match=reason):
        PartialDate(*args)


def test_dates_are_immutable():
    date = PartialDate(2018, 3)
    with pytest.raises(AttributeError):
        date.year = 2019  # type: ignore[misc]


@given(partial_dates())
def test_iso_text_round_trips(date):
    assert PartialDate.fromisoformat(date.isoformat()) == date
    assert PartialDate.parse(str(date)) == date
    assert (
        len(date.isoformat())
        == {Precision.YEAR: 4, Precision.MONTH: 7, Precision.DAY: 10}[date.precision]
    )


@given(partial_dates(), partial_dates())
def test_order_is_total_and_agrees_with_equality(a, b):
    assert sum([a < b, a == b, a > b]) == 1
    assert (a <= b) == (a < b or a == b)
    assert (a >= b) == (a > b or a == b)
    assert (a == b) == (hash(a) == hash(b)) or a != b


@given(partial_dates(), partial_dates(), partial_dates())
def test_order_is_transitive(a, b, c):
    if a <= b <= c:
        assert a <= c


@given(partial_dates(), partial_dates())
def test_order_is_the_order_of_iso_text(a, b):
    """A less precise date sorts first among those it covers, as its text is a prefix."""
    assert (a < b) == (a.isoformat() < b.isoformat())


def test_order_puts_a_less_precise_date_before_those_it_covers():
    ordered = ["2015", "2015-01", "2015-01-01", "2015-02", "2016"]
    dates = [PartialDate.fromisoformat(t) for t in reversed(ordered)]
    assert [d.isoformat() for d in sorted(dates)] == ordered


@given(st.lists(partial_dates()).flatmap(lambda ds: st.tuples(st.just(ds), st.permutations(ds))))
def test_sorting_does_not_depend_on_input_order(dates_and_shuffled):
    dates, shuffled = dates_and_shuffled
    assert sorted(dates) == sorted(shuffled)


@given(partial_dates())
def test_start_and_end_bound_the_days_covered(date):
    assert date.start <= date.end
    assert PartialDate.from_date(date.start).isoformat().startswith(date.isoformat())
    assert PartialDate.from_date(date.end).isoformat().startswith(date.isoformat())


def test_end_knows_month_lengths():
    assert PartialDate(2020, 2).end == dt.date(2020, 2, 29)
    assert PartialDate(2019, 12).end == dt.date(2019, 12, 31)
    assert PartialDate(2019).end == dt.date(2019, 12, 31)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (2019, PartialDate(2019)),
        ("2018-03", PartialDate(2018, 3)),
        ("March 2018", PartialDate(2018, 3)),
        (dt.date(2019, 3, 13), PartialDate(2019, 3, 13)),
        (PartialDate(2015), PartialDate(2015)),
    ],
)
def test_coerce_accepts_every_documented_form(value, expected):
    assert PartialDate.coerce(value) == expected


@pytest.mark.parametrize("value", [2019.0, True, None, dt.datetime(2019, 3, 13), [2019]])  # noqa: DTZ001
def test_coerce_rejects_other_kinds(value):
    with pytest.raises(InvalidDateError, match="invalid date"):
        PartialDate.coerce(value)


def test_comparison_with_other_types_is_not_supported():
    with pytest.raises(TypeError):
        _ = PartialDate(2019) < "2019"  # type: ignore[operator]
    assert PartialDate(2019) != "2019"


class _Holder(BaseModel):
    date: PartialDate


def test_pydantic_reads_iso_text_and_writes_it_back():
    holder = _Holder.model_validate_json('{"date": "2018-03"}')
    assert holder.date == PartialDate(2018, 3)
    assert holder.model_dump_json() == '{"date":"2018-03"}'
    assert holder.model_dump()["date"] == PartialDate(2018, 3)


def test_pydantic_error_names_the_bad_date():
    with pytest.raises(ValidationError, match=r"date\n.*invalid date '2019-13'"):
        _Holder.model_validate_json('{"date": "2019-13"}')


def test_pydantic_json_schema_describes_the_text_form():
    schema = _Holder.model_json_schema()["properties"]["date"]
    assert schema["type"] == "string"
    assert "pattern" in schema


@given(partial_dates())
def test_pickle_and_copy_keep_the_date(date):
    import copy  # noqa: PLC0415
    import pickle  # noqa: PLC0415

    assert pickle.loads(pickle.dumps(date)) == date  # noqa: S301 - our own bytes
    assert copy.deepcopy(date) == date


def test_the_last_month_of_the_last_year_ends_on_the_last_day():
    assert PartialDate(9999, 12).end == dt.date(9999, 12, 31)
    assert PartialDate(9999).end == dt.date.max


# -- never guessed ---------------------------------------------------------------------

MONTH_NAMES = [dt.date(2000, m, 1).strftime(fmt) for m in range(1, 13) for fmt in ("%B", "%b")]


@pytest.mark.parametrize(
    ("text", "kind", "shown"),
    [
        ("10-12 March", "day-range", "a day range ('10-12')"),
        ("15-16 June 2019", "day-range", "a day range ('15-16')"),
        ("March 10\u201312, 2019", "day-range", "a day range"),
        ("10 to 12 March 2019", "day-range", "a day range ('10 to 12')"),
        ("1 Mar 69", "two-digit-year", "'69' is a two-digit year"),
        ("Mar '19", "two-digit-year", '"\'19" is a two-digit year'),
        ("March 19", "no-year", "'19' is a day, or a two-digit year"),
        ("March-April 2019", "month-range", "a month range ('March-April')"),
        ("2018-2019", "year-range", "a year range"),
        ("2018/19", "year-range", "a year range"),
        ("19", "not-a-year", "'19' is not a four-digit year"),
        ("March 201", "not-a-year", "'201' is neither a day nor a four-digit year"),
        ("03/04/2019", "two-readings", "more than one reading"),
        (
            "2019/03",
            "two-readings",
            "a year range or a month, written other than as ISO 8601; for the month, write 2019-03",
        ),
        ("2019-3", "not-a-date", "ISO 8601 writes the month and the day in two digits"),
        ("Monday 13 March 2019", "two-readings", "2019-03-13 is a Wednesday, not a Monday"),
        ("13 March 2019 10:30", "time-of-day", "a time of day"),
        ("Q1 2019", "not-a-date", "not a date"),
    ],
)
def test_text_that_needs_a_guess_is_refused_and_named(text, kind, shown):
    """The issue's examples: "10-12 March" was 2010-03-12, "1 Mar 69" 2069-03-01."""
    with pytest.raises(InvalidDateError, match=re.escape(shown)) as info:
        PartialDate.parse(text)
    assert info.value.kind == kind
    assert "time of day" not in info.value.reason or kind == "time-of-day"


@given(
    st.tuples(st.integers(1, 31), st.integers(1, 31)),
    st.sampled_from(["-", "\u2013", "\u2014", " - ", " to ", " and ", "/", "&"]),
    st.sampled_from(MONTH_NAMES),
    st.none() | st.integers(1000, 9999),
    st.booleans(),
)
def test_no_day_range_parses(pair, join, month, year, month_first):
    days = f"{pair[0]}{join}{pair[1]}"
    text = f"{month} {days}" if month_first else f"{days} {month}"
    text += "" if year is None else f", {year}"
    with pytest.raises(InvalidDateError) as info:
        PartialDate.parse(text)
    assert info.value.kind in {"day-range", "no-year", "two-digit-year"}


@given(
    st.integers(0, 99),
    st.sampled_from(MONTH_NAMES),
    st.none() | st.integers(1, 28),
    st.sampled_from(
        [
            "{day} {month} {yy:02d}",
            "{month} {yy:02d}",
            "{month} '{yy:02d}",
            "{day}-{month}-{yy:02d}",
            "{month} {day}, {yy:02d}",
            "{yy:02d} {month}",
        ]
    ),
)
def test_no_two_digit_year_parses(yy, month, day, form):
    text = form.format(day=day or 1, month=month, yy=yy)
    with pytest.raises(InvalidDateError) as info:
        PartialDate.parse(text)
    assert info.value.kind in {"two-digit-year", "no-year"}


@given(st.integers(0, 999) | st.integers(10_000, 10**12))
def test_no_number_but_a_four_digit_year_is_a_year(number):
    with pytest.raises(InvalidDateError) as info:
        PartialDate.parse(str(number))
    assert info.value.kind == "not-a-year"
    with pytest.raises(InvalidDateError, match="not a four-digit year|between 1 and 9999"):
        PartialDate.coerce(number)


@given(
    partial_dates().filter(lambda d: d.year >= 1000),
    st.sampled_from(
        [
            "{day} {month} {year}",
            "{month} {day}, {year}",
            "{day}th of {month} {year}",
            "{month} {year}",
            "{day}-{month}-{year}",
            "{weekday}, {day} {month} {year}",
        ]
    ),
    st.booleans(),
)
def test_a_written_date_with_one_reading_is_read_exactly(date, form, abbreviated):
    if ("{day}" in form and date.day is None) or ("{month}" in form and date.month is None):
        return
    month = date.start.strftime("%b" if abbreviated else "%B")
    text = form.format(
        day=date.day, month=month, year=f"{date.year:04d}", weekday=date.start.strftime("%A")
    )
    parsed = PartialDate.parse(text)
    expected = date if "{day}" in form else PartialDate(date.year, date.month)
    assert parsed == expected


one_digit_parts = st.one_of(
    st.builds("{}-{}".format, st.integers(1000, 9999), st.integers(1, 9)),
    st.builds(
        "{}-{:02d}-{}".format, st.integers(1000, 9999), st.integers(1, 12), st.integers(1, 9)
    ),
    st.builds("{}-{}-{}".format, st.integers(1000, 9999), st.integers(1, 9), st.integers(1, 28)),
)


@given(one_digit_parts)
def test_a_month_or_day_in_one_digit_is_not_iso_and_says_so(text):
    """2019-3 and 2019-03-5: the missing zero is named, not "more than one reading"."""
    with pytest.raises(InvalidDateError) as info:
        PartialDate.parse(text)
    assert (info.value.kind, info.value.reason) == (
        "not-a-date",
        "ISO 8601 writes the month and the day in two digits (2019-03, 2019-03-05)",
    )


@given(st.integers(1000, 9999), st.integers(1, 12), st.sampled_from(["/", "\u2013", " / "]))
def test_a_year_and_a_month_written_with_a_slash_or_dash_is_named_both_ways(year, month, join):
    with pytest.raises(InvalidDateError) as info:
        PartialDate.parse(f"{year}{join}{month:02d}")
    assert info.value.kind == "two-readings"
    assert info.value.reason.endswith(f"for the month, write {year}-{month:02d}")
