"""What a lookup's value may be, coerced to what its field holds, or a clear error.

Text is made NFC, as records hold it (URLs stay as written); dates are read without
guessing (:meth:`PartialDate.coerce`); languages become canonical tags or ranges.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from typing import TYPE_CHECKING, Any

from migrantres._query.fields import FieldSpec, Kind
from migrantres._records.dates import PartialDate
from migrantres._records.folding import caseless
from migrantres._records.text import nfc
from migrantres._records.vocab import ResourceType
from migrantres.exceptions import InvalidDateError, InvalidLanguageError, InvalidValueError

if TYPE_CHECKING:
    import enum

__all__ = [
    "accepts",
    "coerce_date",
    "coerce_int",
    "coerce_language",
    "coerce_member",
    "coerce_text",
    "many",
    "pair",
]


def accepts(spec: FieldSpec) -> str:
    """What a field's lookups accept, for error messages."""
    if spec.kind is Kind.ENUM:
        assert spec.enum is not None  # noqa: S101 - every enum field names its enum
        values = ", ".join(repr(m.value) for m in spec.enum)
        label = (
            " or a compendium label such as 'Report / Analysis'"
            if spec.enum is ResourceType
            else ""
        )
        return f"a {spec.enum.__name__}, one of {values}{label}"
    if spec.kind is Kind.DATE:
        return (
            "a PartialDate, ISO or written text ('2018', '2018-03', 'March 2018'), "
            "a datetime.date or an int year"
        )
    if spec.kind is Kind.LANGUAGES:
        return "a language tag or code such as 'fr', 'FRA' or 'pt-BR', or a name such as 'French'"
    return "text (a str)"


def coerce_text(spec: FieldSpec, lookup: str, value: object) -> str:
    """A text value, in NFC as records hold text (URLs are compared as written)."""
    if not isinstance(value, str):
        raise InvalidValueError(
            lookup, value, accepts(spec) if spec.kind is not Kind.ENUM else "text (a str)"
        )
    return value if spec.kind is Kind.URLS else nfc(value)


def coerce_member(spec: FieldSpec, lookup: str, value: object) -> enum.StrEnum:
    enumeration = spec.enum
    assert enumeration is not None  # noqa: S101 - every enum field names its enum
    if isinstance(value, enumeration):
        return value
    if isinstance(value, str):
        for member in enumeration:
            if caseless(value.strip()) in {member.value, member.name.casefold()}:
                return member
        if enumeration is ResourceType and (kind := ResourceType.from_label(value)) is not None:
            return kind
    raise InvalidValueError(lookup, value, accepts(spec))


def coerce_date(spec: FieldSpec, lookup: str, value: object) -> PartialDate:
    try:
        return PartialDate.coerce(value)
    except InvalidDateError as exc:
        raise InvalidValueError(lookup, value, accepts(spec), reason=exc.reason) from None


def coerce_int(lookup: str, value: object, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise InvalidValueError(lookup, value, f"an int from {low} to {high}")
    return value


def coerce_language(spec: FieldSpec, lookup: str, value: object, known: Collection[str]) -> str:
    """A query's language as the lower-case range or tag the index files tags under."""
    if not isinstance(value, str):
        raise InvalidValueError(lookup, value, accepts(spec))
    if value.lower() in known:  # already a tag of the catalogue: no registry needed
        return value.lower()
    from migrantres._records.languages import language_range  # noqa: PLC0415 - on use

    try:
        return language_range(value).lower()
    except InvalidLanguageError as exc:
        raise InvalidValueError(lookup, value, accepts(spec), reason=exc.reason) from None


def many(lookup: str, value: object, one: Callable[[object], Any]) -> tuple[Any, ...]:
    """The values of an ``in`` lookup: any iterable but text."""
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise InvalidValueError(lookup, value, "a list, tuple or set of values for an 'in' lookup")
    return tuple(one(item) for item in value)


def pair(lookup: str, value: object, one: Callable[[object], Any]) -> tuple[Any, Any]:
    """The two ends of a ``range`` lookup, both included."""
    ends = None if isinstance(value, str | bytes) or not isinstance(value, Iterable) else [*value]
    if ends is None or len(ends) != 2:  # noqa: PLR2004 - a range has two ends
        raise InvalidValueError(lookup, value, "a pair (first, last) for a 'range' lookup")
    return one(ends[0]), one(ends[1])
