"""Text parameters, such as a web request's query string, as the lookups of a filter.

The mapping from text to lookups that the command line's filter options use, for any
program that receives filters as text: ``?type=report&launch_date__gte=2018`` becomes
``{"type": "report", "launch_date__gte": "2018"}``, ready for
:meth:`Catalogue.filter <migrantres.Catalogue.filter>`. The rules follow
django-filter's:

* ``FIELD`` or ``FIELD__OP`` is the lookup of the same name; ``since`` and ``until``
  bound the date (``launch_date__gte`` and ``launch_date__lte``: each stands for the
  whole span of its date, so ``until=2019`` includes every date in 2019), as the
  command line's ``--since`` and ``--until``;
* a parameter given several times means any of its values (an ``in`` lookup);
* an ``in`` parameter also takes comma-separated values (``type__in=report,platform``),
  and a ``range`` parameter its two bounds (``launch_date__range=2018,2019``);
* ``isnull`` takes ``true`` or ``false``; ``year`` and ``month`` take whole numbers;
  every other value stays text, which the lookup reads (dates, types, languages);
* a parameter with an empty value filters nothing, as an empty form field does.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import Final

from migrantres._query.lookups import compile_lookup
from migrantres._records.dates import PartialDate
from migrantres.exceptions import InvalidDateError, InvalidValueError

__all__ = ["DATE_BOUNDS", "lookups_from_params"]

#: The parameters that bound the date, and the lookup each stands for.
DATE_BOUNDS: Final = {"since": "launch_date__gte", "until": "launch_date__lte"}

Params = Mapping[str, str | Sequence[str]] | Iterable[tuple[str, str | Sequence[str]]]


def lookups_from_params(params: Params, *, ignore: Collection[str] = ()) -> dict[str, object]:
    """The lookups of :meth:`Catalogue.filter` that text parameters ask for.

    Args:
        params: the parameters: a mapping of each name to its text or list of texts;
            a multi-valued mapping with ``getlist`` (Starlette's, Django's or
            Werkzeug's query parameters), whose repeated names keep all their values;
            or (name, text) pairs.
        ignore: names that are not filters, such as ``limit`` or ``q``; they are
            left out.

    Returns:
        A dict of lookups, to pass as ``catalogue.filter(**lookups)``.

    Raises:
        UnknownFieldError: a parameter names a field Resource does not have.
        UnknownLookupError: its ``__op`` part is not a lookup of the field.
        InvalidValueError: a value is not one the lookup takes; the error names the
            parameter as it was given (``since``, ``launch_date__year``...).
        TypeError: ``params`` is not a mapping or pairs of text.

    >>> lookups_from_params({"type": ["report", "guidance"], "launch_date__year__gte": "2018"})
    {'type__in': ['report', 'guidance'], 'launch_date__year__gte': 2018}
    >>> query = {"languages__in": "fr,ru", "until": "2018", "limit": "5"}
    >>> lookups_from_params(query, ignore={"limit"})
    {'languages__in': ['fr', 'ru'], 'launch_date__lte': PartialDate('2018')}
    """
    lookups: dict[str, object] = {}
    for name, values in _gathered(params).items():
        if name in ignore:
            continue
        given = [value for value in values if value.strip()]
        if not given:
            continue
        key, value = _lookup(name, given)
        if key in lookups:
            shown = given[0] if len(given) == 1 else given
            raise InvalidValueError(
                name, shown, f"one value; {key!r} is also given by another parameter"
            )
        try:
            compile_lookup(key, value)
        except InvalidValueError as exc:
            if exc.field == name:
                raise
            raise InvalidValueError(name, exc.value, exc.expected, reason=exc.reason) from None
        lookups[key] = value
    return lookups


def _gathered(params: Params) -> dict[str, list[str]]:
    """Every value of each parameter, in order, whatever shape the parameters come in."""
    getlist = getattr(params, "getlist", None)
    if isinstance(params, Mapping) and callable(getlist):
        pairs: Iterable[tuple[object, object]] = (
            (name, getlist(name)) for name in dict.fromkeys(params)
        )
    elif isinstance(params, Mapping):
        pairs = params.items()
    elif isinstance(params, Iterable) and not isinstance(params, str | bytes):
        pairs = params
    else:
        msg = f"params must be a mapping or (name, value) pairs, not {type(params).__name__}"
        raise TypeError(msg)
    gathered: dict[str, list[str]] = {}
    for pair in pairs:
        if not isinstance(pair, tuple) or len(pair) != 2:  # noqa: PLR2004 - a pair
            msg = f"params must be (name, value) pairs, not {pair!r}"
            raise TypeError(msg)
        name, value = pair
        texts = [value] if isinstance(value, str) else value
        if not isinstance(name, str) or not isinstance(texts, Sequence):
            msg = f"a parameter is a str name and str values, not {name!r}: {value!r}"
            raise TypeError(msg)
        for text in texts:
            if not isinstance(text, str):
                msg = f"parameter {name!r} has a value that is not a str: {text!r}"
                raise TypeError(msg)
        gathered.setdefault(name, []).extend(texts)
    return gathered


def _lookup(name: str, values: list[str]) -> tuple[str, object]:
    """The lookup one parameter stands for, with its values typed."""
    if name in DATE_BOUNDS:
        if len(values) > 1:
            raise InvalidValueError(name, values, "one date")
        return _date_bound(name, values[0])
    parts = name.split("__")
    op = parts[-1] if len(parts) > 1 else "exact"
    whole_numbers = "year" in parts[1:] or "month" in parts[1:]
    if op in {"in", "range"} or (len(values) > 1 and op in {"exact", "year", "month"}):
        if op == "range" and len(values) > 1:
            raise InvalidValueError(name, values, "one value: the two bounds, e.g. 2018,2019")
        items = [item.strip() for value in values for item in _split(name, value, op=op)]
        typed = [_whole(name, item) if whole_numbers else item for item in items if item]
        if op in {"in", "range"}:
            return name, typed
        return f"{name.removesuffix('__exact')}__in", typed
    if len(values) > 1:
        raise InvalidValueError(name, values, "one value; only FIELD and FIELD__in repeat")
    (value,) = values
    if op == "isnull":
        if value.strip().lower() not in {"true", "false"}:
            raise InvalidValueError(name, value, "true or false")
        return name, value.strip().lower() == "true"
    if whole_numbers:
        return name, _whole(name, value)
    return name, value


def _split(name: str, value: str, *, op: str) -> list[str]:
    """An ``in`` or ``range`` parameter's comma-separated values; another's value whole."""
    if op == "range" and value.count(",") != 1:
        raise InvalidValueError(name, value, "two bounds separated by a comma, e.g. 2018,2019")
    return value.split(",") if op in {"in", "range"} else [value]


def _whole(name: str, text: str) -> int:
    """A year or month: ASCII digits only, as dates are read (``int`` takes any digits)."""
    digits = text.strip()
    if not (digits.isascii() and digits.isdigit()):
        raise InvalidValueError(name, text, "a whole number in digits 0-9, such as 2019")
    return int(digits)


def _date_bound(name: str, text: str) -> tuple[str, PartialDate]:
    """``since``: on or after the date's first day; ``until``: by its last day."""
    try:
        return DATE_BOUNDS[name], PartialDate.parse(text)
    except InvalidDateError as exc:
        raise InvalidValueError(
            name, text, "a date such as 2019, 2019-03 or March 2019", reason=exc.reason
        ) from None
