"""Dates known to the year, the month or the day, with a total order.

The compendium writes "2015", "March 2018" and "13 March 2019". A :class:`PartialDate`
keeps exactly what the source says: it never fills a missing month or day. Its text form
is ISO 8601 at reduced precision ("2015", "2018-03", "2019-03-13"), which is also EDTF
level 0.

Order: a date sorts by year, then month, then day, with a missing part sorting before
every present one. So ``2015 < 2015-01 < 2015-01-01 < 2015-02``: a less precise date sorts
first among the dates it covers, exactly as its ISO text sorts as a string prefix. The
order is total and agrees with equality, so :func:`sorted` never depends on input order.

Bounds in queries (``gt``, ``gte``, ``lt``, ``lte``, ``range``) compare spans instead: a
date covers the days from :attr:`PartialDate.start` to :attr:`PartialDate.end`, a bound
stands for every day it covers, and a date passes when all its days do. So
``launch_date__lte=2019`` takes in 2019-12-10, and a date "2019" does not pass
``launch_date__lte="2019-06"``.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import re
from typing import TYPE_CHECKING, Any, NoReturn, Self

from pydantic_core import core_schema

from migrantres.exceptions import InvalidDateError

if TYPE_CHECKING:
    from collections.abc import Callable

    from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
    from pydantic.json_schema import JsonSchemaValue

__all__ = ["PartialDate", "Precision"]

#: The text forms :meth:`PartialDate.fromisoformat` accepts, also used in the JSON Schema.
ISO_PATTERN = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"
_ISO = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
_DECEMBER = 12
#: The smallest year an int query value may give: years are written in four digits.
_FOUR_DIGITS = 1000


class Precision(enum.StrEnum):
    """How much of a :class:`PartialDate` is known."""

    YEAR = "year"
    MONTH = "month"
    DAY = "day"


class PartialDate:
    """A calendar date known to the year, the month or the day.

    >>> PartialDate.parse("March 2018")
    PartialDate('2018-03')
    >>> PartialDate(2019, 3, 13).precision
    <Precision.DAY: 'day'>
    >>> sorted(PartialDate.fromisoformat(s) for s in ["2015-02", "2015", "2015-01-01"])
    [PartialDate('2015'), PartialDate('2015-01-01'), PartialDate('2015-02')]
    """

    __slots__ = ("day", "month", "year")

    year: int
    month: int | None
    day: int | None

    def __init__(self, year: int, month: int | None = None, day: int | None = None) -> None:
        """Make a date from its known parts; raise :class:`InvalidDateError` if none exists."""
        object.__setattr__(self, "year", year)
        object.__setattr__(self, "month", month)
        object.__setattr__(self, "day", day)
        self._check()

    def __setattr__(self, name: str, value: object) -> NoReturn:
        """Refuse: a date never changes."""
        msg = f"cannot set {name!r}: a PartialDate is immutable"
        raise AttributeError(msg)

    def __delattr__(self, name: str) -> NoReturn:
        """Refuse: a date never changes."""
        msg = f"cannot delete {name!r}: a PartialDate is immutable"
        raise AttributeError(msg)

    def __reduce__(self) -> tuple[type[PartialDate], tuple[int, int | None, int | None]]:
        """Pickle and copy through the constructor, which checks the parts again."""
        return (type(self), (self.year, self.month, self.day))

    def __eq__(self, other: object) -> bool:
        """Equal when year, month and day are equal (a missing part equals only missing)."""
        if not isinstance(other, PartialDate):
            return NotImplemented
        return (self.year, self.month, self.day) == (other.year, other.month, other.day)

    def __hash__(self) -> int:
        """Consistent with equality."""
        return hash((self.year, self.month, self.day))

    def _check(self) -> None:
        """Reject anything that is not a real date at its precision."""
        for part in (self.year, self.month, self.day):
            if part is not None and (type(part) is not int):
                raise InvalidDateError(
                    (self.year, self.month, self.day), "year, month and day must be integers"
                )
        if not 1 <= self.year <= 9999:  # noqa: PLR2004 - the years ISO 8601 writes in 4 digits
            raise InvalidDateError(self.year, "year must be between 1 and 9999")
        if self.month is None:
            if self.day is not None:
                raise InvalidDateError((self.year, self.month, self.day), "a day needs a month")
            return
        if not 1 <= self.month <= _DECEMBER:
            raise InvalidDateError(
                self._text_for_error(), f"month must be between 1 and 12, not {self.month}"
            )
        if self.day is not None:
            try:
                dt.date(self.year, self.month, self.day)
            except ValueError as exc:
                raise InvalidDateError(self._text_for_error(), str(exc)) from None

    def _text_for_error(self) -> str:
        return "-".join(
            f"{p:0{w}d}"
            for p, w in ((self.year, 4), (self.month, 2), (self.day, 2))
            if p is not None
        )

    # -- constructors -----------------------------------------------------------------

    @classmethod
    def fromisoformat(cls, text: str) -> Self:
        """Read ISO 8601 text at year, month or day precision: "2015", "2018-03", "2019-03-13"."""
        if not isinstance(text, str):
            raise InvalidDateError(text, "expected ISO 8601 text such as '2018' or '2018-03'")
        match = _ISO.fullmatch(text)
        if match is None:
            raise InvalidDateError(text, "expected ISO 8601 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'")
        year, month, day = (int(g) if g is not None else None for g in match.groups())
        assert year is not None  # noqa: S101 - the pattern makes the year mandatory
        return cls(year, month, day)

    @classmethod
    def parse(cls, text: str) -> Self:
        """Read ISO text or a written date such as "March 2018" or "13 March 2019".

        Parts the text does not give stay unknown. Text that would need a guess is
        refused, and :attr:`InvalidDateError.kind` says which kind it is: a range of
        days, months or years ("10-12 March", "15-16 June 2019"), a two-digit year
        ("1 Mar 69"), no four-digit year ("13 March"), a number that is not a four-digit
        year ("19"), text with two readings (is "03/04/2019" March or April?) or a time
        of day. See :mod:`migrantres._records.written_dates` for what is read.

        >>> PartialDate.parse("Tuesday, 13th of March 2018")
        PartialDate('2018-03-13')
        >>> PartialDate.parse("10-12 March")
        Traceback (most recent call last):
          ...
        migrantres.exceptions.InvalidDateError: invalid date '10-12 March': a day range ...
        """
        if not isinstance(text, str):
            raise InvalidDateError(text, "expected text such as '2018', '2018-03' or 'March 2018'")
        stripped = " ".join(text.split())
        if _ISO.fullmatch(stripped):
            return cls.fromisoformat(stripped)
        return cls(*_written_parts(text))

    @classmethod
    def from_date(cls, value: dt.date) -> Self:
        """Make a day-precision date from a :class:`datetime.date`."""
        return cls(value.year, value.month, value.day)

    @classmethod
    def coerce(cls, value: object) -> PartialDate:
        """Make a date from any accepted form: a date, ISO or written text, a year or a date.

        An int is a year, and must have four digits: ``19`` is refused, not read as 19 AD.

        >>> PartialDate.coerce(2019)
        PartialDate('2019')
        """
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, dt.datetime):
            raise InvalidDateError(value, "a datetime has a time of day; pass its .date()")
        if isinstance(value, dt.date):
            return cls.from_date(value)
        if isinstance(value, int) and not isinstance(value, bool):
            if value < _FOUR_DIGITS:
                raise InvalidDateError(value, f"{value} is not a four-digit year", "not-a-year")
            return cls(value)
        if isinstance(value, str):
            return cls.parse(value)
        raise InvalidDateError(
            value, "expected a PartialDate, ISO or written text, a datetime.date or an int year"
        )

    # -- views ------------------------------------------------------------------------

    @property
    def precision(self) -> Precision:
        """How much of the date is known: year, month or day."""
        if self.month is None:
            return Precision.YEAR
        return Precision.MONTH if self.day is None else Precision.DAY

    @property
    def start(self) -> dt.date:
        """The first day the date covers: 2018-03 starts on 2018-03-01."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def end(self) -> dt.date:
        """The last day the date covers: 2018-03 ends on 2018-03-31."""
        if self.day is not None:
            return self.start
        if self.month is None or self.month == _DECEMBER:
            return dt.date(self.year, _DECEMBER, 31)
        # The day before the next month's first (calendar.monthrange would cost an import).
        return dt.date(self.year, self.month + 1, 1) - dt.timedelta(days=1)

    @property
    def parts(self) -> tuple[int, ...]:
        """The known parts, most significant first: (2018, 3) for March 2018."""
        return tuple(p for p in (self.year, self.month, self.day) if p is not None)

    def isoformat(self) -> str:
        """Return ISO 8601 text at the date's own precision."""
        return self._text_for_error()

    def __str__(self) -> str:
        """Return the ISO 8601 text."""
        return self.isoformat()

    def __repr__(self) -> str:
        """Return ``PartialDate('2018-03')``."""
        return f"PartialDate({self.isoformat()!r})"

    # -- order ------------------------------------------------------------------------

    @property
    def sort_key(self) -> tuple[int, int, int]:
        """The order's key: a missing part is 0, before every real month or day."""
        return (self.year, self.month or 0, self.day or 0)

    def __lt__(self, other: object) -> bool:
        """Order by year, month, day; a missing part sorts first."""
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self.sort_key < other.sort_key

    def __le__(self, other: object) -> bool:
        """See :meth:`__lt__`."""
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self.sort_key <= other.sort_key

    def __gt__(self, other: object) -> bool:
        """See :meth:`__lt__`."""
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self.sort_key > other.sort_key

    def __ge__(self, other: object) -> bool:
        """See :meth:`__lt__`."""
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self.sort_key >= other.sort_key

    # -- pydantic ---------------------------------------------------------------------

    @classmethod
    def __get_pydantic_core_schema__(
        cls,
        source_type: Any,  # noqa: ANN401 - pydantic's signature
        handler: GetCoreSchemaHandler,
    ) -> core_schema.CoreSchema:
        """Validate from ISO text or a PartialDate; serialise to ISO text in JSON mode."""
        from_text = core_schema.no_info_after_validator_function(
            _cached(cls.fromisoformat), core_schema.str_schema(strict=True)
        )
        return core_schema.json_or_python_schema(
            json_schema=from_text,
            python_schema=core_schema.no_info_plain_validator_function(_from_python),
            serialization=core_schema.plain_serializer_function_ser_schema(
                _serialize, info_arg=True
            ),
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        """Describe the ISO text form."""
        return {
            "type": "string",
            "pattern": ISO_PATTERN,
            "description": "ISO 8601 date at year, month or day precision",
            "examples": ["2015", "2018-03", "2019-03-13"],
        }


def _written_parts(text: str) -> tuple[int, int | None, int | None]:
    """Year, month and day of a written date; its reader is imported by the first one read."""
    from migrantres._records.written_dates import written_parts  # noqa: PLC0415 - on use

    return written_parts(text)


def _from_python(value: object) -> PartialDate:
    """A PartialDate as it is, or one read from ISO text: one clear error otherwise."""
    if isinstance(value, PartialDate):
        return value
    if isinstance(value, str):
        return PartialDate.fromisoformat(value)
    raise InvalidDateError(value, "expected ISO 8601 text such as '2018-03', or a PartialDate")


def _serialize(date: PartialDate, info: core_schema.SerializationInfo) -> PartialDate | str:
    """ISO text in JSON; the date itself in Python, as for :class:`datetime.date`."""
    return date.isoformat() if info.mode_is_json() else date


def _cached(read: Callable[[str], PartialDate]) -> Callable[[str], PartialDate]:
    """Return ``read`` behind a cache.

    Dates repeat across records and a date is immutable, so one read is shared; the
    cache's look-up runs in C, with no Python call (errors are not cached).
    """
    return functools.lru_cache(maxsize=4096)(read)
