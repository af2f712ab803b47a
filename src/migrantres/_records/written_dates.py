"""Written dates ("13 March 2019", "March 2018"): read exactly, or refused with the reason.

A written date is read only when it has one reading: a four-digit year, at most one
English month name (in full or abbreviated) and at most one day, in any order, with
spaces, commas, "of", an ordinal suffix ("13th") or a weekday that agrees with the
date. Anything that would need a guess is refused, and the error says which kind of
text it is (``InvalidDateError.kind`` names it):

* ``day-range``, ``month-range``, ``year-range``: a range or a choice ("10-12 March",
  "15-16 June 2019", "March-April 2019", "2018-2019"), not one date;
* ``two-digit-year``: a year in two digits ("1 Mar 69", "Mar '19");
* ``no-year``: no four-digit year ("13 March", "March 19": a day, or a two-digit year?);
* ``not-a-year``: a number that is neither a day nor a four-digit year ("19", "March 201");
* ``two-readings``: all-numeric text other than ISO 8601 ("03/04/2019": 3 April or 4 March?);
* ``time-of-day``: a time ("13 March 2019 10:30");
* ``not-a-date``: anything else ("soon", "Q1 2019", a day without a month).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Final

from migrantres.exceptions import InvalidDateError

__all__ = ["KINDS", "written_parts"]

#: The kinds of text refused as a date, as :attr:`InvalidDateError.kind` names them.
KINDS: Final = (
    "day-range",
    "month-range",
    "year-range",
    "two-digit-year",
    "no-year",
    "not-a-year",
    "two-readings",
    "time-of-day",
    "not-a-date",
)

_MONTHS: Final = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_MONTH_NAMES: Final = {
    **{name: number for number, name in enumerate(_MONTHS, start=1)},
    **{name[:3]: number for number, name in enumerate(_MONTHS, start=1)},
    "sept": 9,
}
_WEEKDAYS: Final = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY_NAMES: Final = {
    **{name: number for number, name in enumerate(_WEEKDAYS)},
    **{name[:3]: number for number, name in enumerate(_WEEKDAYS)},
    "tues": 1,
    "thur": 3,
    "thurs": 3,
}
#: Words and signs that join two values into a range or a choice.
_RANGE_WORDS: Final = frozenset({"to", "until", "till", "through", "thru", "and", "or", "&"})
# Patterns are compiled on first use (re caches them): importing compiles nothing.
_TIME = r"\d{1,2}\s*[:h]\s*\d{2}\b|\b\d{1,2}\s*[ap]\.?m\b\.?"
_PARTS = (
    r"(?P<apostrophe>['\u2019]\d{2})\b"
    r"|(?P<number>\d+(?:st|nd|rd|th)?)\b"
    r"|(?P<word>[^\W\d_]+)\.?"
    r"|(?P<dash>[-\u2010-\u2015/&])"
    r"|(?P<separator>[\s,]+)"
)
_ORDINAL: Final = "stndrh"
#: Month and weekday names are English: only ASCII letters need their case ignored.
_ASCII_LOWER: Final = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_DAY_DIGITS: Final = 2
_YEAR_DIGITS: Final = 4
#: What a value is, in words, for messages.
_NAMES: Final = {"day": "a day", "month": "a month", "year": "a year"}
#: The range a repeated value makes.
_RANGES: Final = {"day": "day-range", "month": "month-range", "year": "year-range"}

#: A token: its kind, its text in lower case, and where it starts and ends in the text.
Token = tuple[str, str, int, int]


def _tokens(text: str, lowered: str) -> list[Token]:
    """The text's tokens, separators left out; a sign out of place refused."""
    tokens: list[Token] = []
    position = 0
    while position < len(lowered):
        match = re.compile(_PARTS).match(lowered, position)
        if match is None:
            sign = lowered[position]
            raise InvalidDateError(text, f"not a date: {sign!r} has no place in one", "not-a-date")
        kind = match.lastgroup or ""
        if kind != "separator":
            tokens.append((kind, match.group(kind), match.start(), match.end()))
        position = match.end()
    return tokens


def _value(token: Token) -> str:
    """What a token stands for: "day", "month", "year", "number" or its own kind."""
    kind, text = token[:2]
    if kind == "word":
        return "month" if text in _MONTH_NAMES else "word"
    if kind == "number":
        digits = len(text.rstrip(_ORDINAL))
        if digits == _YEAR_DIGITS and text.isdigit():
            return "year"
        return "day" if digits <= _DAY_DIGITS else "number"
    return kind


def _range_kind(tokens: list[Token]) -> str | None:
    """The kind of range that values repeated in the text make, if any."""
    values = [_value(token) for token in tokens]
    return next((_RANGES[v] for v in ("day", "month", "year") if values.count(v) > 1), None)


def _without_joins(text: str, collapsed: str, tokens: list[Token]) -> list[Token]:
    """Refuse ranges and choices ("10-12", "March to May", "2018/19"); drop plain dashes."""
    kept: list[Token] = []
    for index, token in enumerate(tokens):
        is_word = token[0] == "word" and token[1] in _RANGE_WORDS
        if token[0] != "dash" and not is_word:
            kept.append(token)
            continue
        before = _value(tokens[index - 1]) if index > 0 else ""
        after = _value(tokens[index + 1]) if index + 1 < len(tokens) else ""
        shown = collapsed[tokens[max(index - 1, 0)][2] : tokens[min(index + 1, len(tokens) - 1)][3]]
        if before == after and before in _RANGES:
            kind = _RANGES[before]
        elif (before, after) == ("year", "day"):  # "2018-19", "2018/19"
            kind = "year-range"
        elif is_word:
            kind = _range_kind(tokens) or "not-a-date"
        elif not before or not after:
            raise InvalidDateError(text, f"not a date: {token[1]!r} joins nothing", "not-a-date")
        else:
            continue  # a dash between a day, a month and a year: "13-Mar-2019"
        what = kind.replace("-", " ")
        reason = (
            f"a {what} ({shown!r}), not one date"
            if kind != "not-a-date"
            else (
                f"not a date: {token[1]!r} joins {_NAMES.get(before, before)} and "
                f"{_NAMES.get(after, after)}"
            )
        )
        raise InvalidDateError(text, reason, kind)
    return kept


def written_parts(text: str) -> tuple[int, int | None, int | None]:
    """The year, month and day a written date gives (a part it does not give is ``None``).

    Raises:
        InvalidDateError: the text needs a guess to be read as one date; its ``kind``
            says which kind of text it is (see :data:`KINDS`).
    """
    collapsed = " ".join(text.split())
    lowered = collapsed.translate(_ASCII_LOWER)  # the same length, so spans hold for both
    if re.search(_TIME, lowered):
        raise InvalidDateError(text, "a time of day is not part of a date", "time-of-day")
    if not re.search(r"[^\W\d_]", lowered):
        _refuse_numeric(text, lowered)
    tokens = _without_joins(text, collapsed, _tokens(text, lowered))
    found: dict[str, list[str]] = {"day": [], "month": [], "year": [], "weekday": []}
    for token in tokens:
        kind, value, start, end = token
        what = _value(token)
        if kind == "apostrophe":
            reason = f"{collapsed[start:end]!r} is a two-digit year; write the year in four digits"
            raise InvalidDateError(text, reason, "two-digit-year")
        if what in found:
            found[what].append(value)
        elif kind == "word" and value in _WEEKDAY_NAMES:
            found["weekday"].append(value)
        elif what == "number":
            reason = f"{value!r} is neither a day nor a four-digit year"
            raise InvalidDateError(text, reason, "not-a-year")
        elif value not in {"of", "the"}:
            reason = f"not a date: {collapsed[start:end]!r} is not an English month name"
            raise InvalidDateError(text, reason, "not-a-date")
    return _assemble(text, tokens, found)


def _assemble(
    text: str, tokens: list[Token], found: dict[str, list[str]]
) -> tuple[int, int | None, int | None]:
    """The parts from the values found, or the reason they are not one date."""
    days, months, years = found["day"], found["month"], found["year"]
    if not years:
        _refuse_without_year(text, days)
    kind = _range_kind(tokens)
    if kind is not None:
        raise InvalidDateError(text, f"a {kind.replace('-', ' ')}, not one date", kind)
    year = int(years[0])
    if not months:
        if days or found["weekday"]:
            raise InvalidDateError(text, "a day without a month is not a date", "not-a-date")
        return year, None, None
    month = _MONTH_NAMES[months[0]]
    day = int(days[0].rstrip(_ORDINAL)) if days else None
    if found["weekday"]:
        _check_weekday(text, (year, month, day), found["weekday"])
    return year, month, day


def _refuse_without_year(text: str, days: list[str]) -> None:
    """Refuse a date without a four-digit year, saying whether a two-digit one is there."""
    plain = [d for d in days if d.isdigit()]
    beyond_days = [d for d in plain if int(d) > 31]  # noqa: PLR2004 - no month has 32 days
    if beyond_days or len(days) > 1:
        shown = (beyond_days or plain or days)[-1]
        reason = f"{shown!r} is a two-digit year; write the year in four digits"
        raise InvalidDateError(text, reason, "two-digit-year")
    if plain:
        reason = f"a date needs a year in four digits ({plain[0]!r} is a day, or a two-digit year)"
        raise InvalidDateError(text, reason, "no-year")
    raise InvalidDateError(text, "a date needs at least a year", "no-year")


def _check_weekday(text: str, parts: tuple[int, int, int | None], weekdays: list[str]) -> None:
    """Refuse a weekday that is not the date's own."""
    year, month, day = parts
    if day is None or len(weekdays) > 1:
        raise InvalidDateError(text, "a weekday needs exactly one day", "not-a-date")
    try:
        actual = dt.date(year, month, day).weekday()
    except ValueError:
        return  # the date's own check says what is wrong with it
    said = _WEEKDAY_NAMES[weekdays[0]]
    if actual != said:
        reason = (
            f"{year:04d}-{month:02d}-{day:02d} is a {_WEEKDAYS[actual].title()}, "
            f"not a {_WEEKDAYS[said].title()}"
        )
        raise InvalidDateError(text, reason, "two-readings")


def _refuse_numeric(text: str, lowered: str) -> None:
    """Refuse text without letters: the caller reads ISO 8601, and nothing else is one date."""
    if not lowered:
        raise InvalidDateError(text, "empty text is not a date", "not-a-date")
    if re.fullmatch(r"\d+", lowered):
        raise InvalidDateError(text, f"{lowered!r} is not a four-digit year", "not-a-year")
    if re.fullmatch(r"\d{4}\s*[-\u2010-\u2015/]\s*\d{4}", lowered):
        raise InvalidDateError(text, "a year range, not one date", "year-range")
    short = re.fullmatch(r"(\d{4})\s*[-\u2010-\u2015/]\s*(\d{2})", lowered)
    if short and not 1 <= int(short[2]) <= 12:  # noqa: PLR2004 - months
        raise InvalidDateError(text, "a year range, not one date", "year-range")
    if short:  # 2019/03: March 2019, or 2019 to 2003 written short
        reason = (
            f"a year range or a month, written other than as ISO 8601; for the month, "
            f"write {short[1]}-{short[2]}"
        )
        raise InvalidDateError(text, reason, "two-readings")
    if re.fullmatch(r"\d{4}-\d{1,2}(?:-\d{1,2})?", lowered):  # 2019-3, 2019-03-5
        raise InvalidDateError(
            text,
            "ISO 8601 writes the month and the day in two digits (2019-03, 2019-03-05)",
            "not-a-date",
        )
    raise InvalidDateError(
        text,
        "numbers alone are read only as ISO 8601 (YYYY, YYYY-MM, YYYY-MM-DD); in any other "
        "order they have more than one reading (is 03/04/2019 3 April or 4 March?)",
        "two-readings",
    )
