"""Lookups in Django's spelling, checked against the fields a resource has.

A lookup is ``field`` or ``field__op`` (``launch_date__gte``), and for dates a
transform may come between (``launch_date__year__gte``). :func:`compile_lookup` turns
one into a :class:`Condition`: a test on a resource, plus the keys of the field's
equality index when the catalogue can answer it from that index.

Text values are compared in NFC, as records hold them; categorical fields ignore case
(see :mod:`migrantres._query.fields`). Multi-valued fields (``organizations``,
``languages``, ``urls``) match when any of their values matches. Enumerated fields
accept the member, its value or a compendium label. ``languages=`` takes a language
range and matches by RFC 4647 basic filtering; ``languages__exact`` matches one tag.

Dates accept a :class:`PartialDate`, ISO or written text, a :class:`datetime.date` or
an int year. A bound stands for the whole span of days it covers, and a resource's
date passes only when its whole span does: ``lte 2019`` ends on 31 December 2019,
``gt 2019`` starts on 1 January 2020, and a resource dated "2019" is not ``lte
2019-06``. ``range`` is ``gte`` its first value and ``lte`` its second.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Final, NamedTuple

from migrantres._query.fields import (
    COMPARE,
    COMPARISONS,
    DATE_TRANSFORMS,
    LOOKUPS,
    TRANSFORM_OPS,
    FieldSpec,
    Kind,
    field_spec,
)
from migrantres._query.values import (
    coerce_date,
    coerce_int,
    coerce_language,
    coerce_member,
    coerce_text,
    many,
    pair,
)
from migrantres._records.folding import caseless, fold
from migrantres.exceptions import InvalidValueError, UnknownLookupError

if TYPE_CHECKING:
    from collections.abc import Callable, Collection, Hashable, Iterable

    from migrantres._records.dates import PartialDate
    from migrantres._records.models import Resource

__all__ = ["EVER", "NEVER", "Condition", "compile_lookup"]

#: The languages lookup that ``languages=`` means: RFC 4647 basic filtering.
_FILTERING = "filtering"


#: Ordinals before and after every day of a date: the open ends of a date bound.
NEVER: Final = 0
EVER: Final = 10**7


class Condition(NamedTuple):
    """One compiled lookup: a test on a resource, and how an index can answer it.

    (A named tuple rather than a dataclass: it is made at import, for a tenth of the cost.)
    """

    #: The lookup as written, e.g. ``"launch_date__year__gte"``.
    lookup: str
    #: The field it tests.
    field: FieldSpec
    #: Whether a resource passes.
    test: Callable[[Resource], bool]
    #: Index keys whose entries include every resource that passes, or ``None`` when
    #: the field's index cannot answer this lookup.
    index_keys: tuple[Hashable, ...] | None = None
    #: Whether the index entries hold exactly the resources that pass, so the test
    #: need not run on them; otherwise they are candidates the test decides.
    index_exact: bool = False
    #: For a bound on dates: the first day (as an ordinal) on which a passing resource's
    #: date may start, and the last on which it may end. Dates in the order of their
    #: first day answer it: by bisection, then by comparing last days.
    date_bound: tuple[int, int] | None = None


# -- compiling ------------------------------------------------------------------------


def compile_lookup(
    key: object, value: object, *, known_languages: Collection[str] = ()
) -> Condition:
    """Compile ``key=value`` (``"launch_date__gte"``, ``"2018"``) into a :class:`Condition`.

    ``known_languages`` are the catalogue's own tags, in lower case: a query naming one
    of them needs no look-up in the language registry.
    """
    if not isinstance(key, str):
        msg = f"a lookup must be a str, not {type(key).__name__}"
        raise TypeError(msg)
    name, *parts = key.split("__")
    spec = field_spec(name)
    transform = (
        parts.pop(0) if parts and spec.kind is Kind.DATE and parts[0] in DATE_TRANSFORMS else None
    )
    bare = not parts
    op = parts.pop(0) if parts else "exact"
    valid = TRANSFORM_OPS if transform else LOOKUPS[spec.kind]
    if parts or op not in valid:
        path = f"{name}__{transform}" if transform else name
        raise UnknownLookupError(path, "__".join([op, *parts]), valid)
    if op in DATE_TRANSFORMS:  # a bare transform: launch_date__year=2019
        transform, op = op, "exact"
    if op == "isnull":
        return _isnull(spec, key, value)
    if transform is not None:
        return _transformed(spec, key, transform, op, value)
    if spec.kind is Kind.LANGUAGES:
        return _language_condition(spec, key, _FILTERING if bare else op, value, known_languages)
    builders: dict[Kind, Callable[[FieldSpec, str, str, object], Condition]] = {
        Kind.TEXT: _text_condition,
        Kind.ENUM: _enum_condition,
        Kind.DATE: _date_condition,
        Kind.ORGANIZATIONS: _multi_condition,
        Kind.URLS: _multi_condition,
    }
    return builders[spec.kind](spec, key, op, value)


def _isnull(spec: FieldSpec, key: str, value: object) -> Condition:
    if not isinstance(value, bool):
        raise InvalidValueError(key, value, "True or False")
    get = spec.get
    if spec.multi:
        return Condition(key, spec, lambda r: (len(get(r)) == 0) is value)
    return Condition(key, spec, lambda r: (get(r) is None) is value)


def _string_test(
    spec: FieldSpec, op: str, text: str, values: Callable[[Resource], Iterable[str]]
) -> Callable[[Resource], bool]:
    """A test that any of a resource's strings matches ``text`` under ``op``.

    The ``i`` lookups fold case and accents; the others compare caseless keys on a
    categorical field and the exact (NFC) text on free text.
    """
    key: Callable[[str], str] = caseless if spec.categorical else str
    if op in {"iexact", "icontains"}:
        key, op = fold, op.removeprefix("i")
    wanted = key(text)
    tests: dict[str, Callable[[str], bool]] = {
        "exact": lambda s: key(s) == wanted,
        "contains": lambda s: wanted in key(s),
        "startswith": lambda s: key(s).startswith(wanted),
    }
    test = tests[op]
    return lambda r: any(test(s) for s in values(r) if s is not None)


def _text_condition(spec: FieldSpec, key: str, op: str, value: object) -> Condition:
    get = spec.get
    if op == "in":
        texts = many(key, value, lambda v: coerce_text(spec, key, v))
        if spec.categorical:
            wanted = frozenset(caseless(t) for t in texts)
            return Condition(
                key, spec, lambda r: caseless(get(r)) in wanted, tuple(wanted), index_exact=True
            )
        exact = frozenset(texts)
        filed = tuple(exact) if spec.indexed else None
        return Condition(key, spec, lambda r: get(r) in exact, filed, index_exact=spec.indexed)
    text = coerce_text(spec, key, value)
    if op in COMPARISONS:
        # The order of sort_by: case and accents folded first, then (on free text) the
        # exact text, or (on categorical text) the caseless key, breaking ties.
        order: Callable[[str], tuple[str, str]] = (
            (lambda v: (fold(v), caseless(v))) if spec.categorical else (lambda v: (fold(v), v))
        )
        compare, bound = COMPARE[op], order(text)
        return Condition(
            key, spec, lambda r: (v := get(r)) is not None and compare(order(v), bound)
        )
    keys: tuple[Hashable, ...] | None = None
    if spec.indexed and spec.categorical and op in {"exact", "iexact"}:
        keys = (("fold", fold(text)),) if op == "iexact" else (caseless(text),)
    elif spec.indexed and op == "exact":
        keys = (text,)
    return Condition(
        key, spec, _string_test(spec, op, text, lambda r: (get(r),)), keys, keys is not None
    )


def _enum_condition(spec: FieldSpec, key: str, op: str, value: object) -> Condition:
    get = spec.get
    if op in {"exact", "iexact", "in"}:  # members already ignore case
        wanted = frozenset(
            many(key, value, lambda v: coerce_member(spec, key, v))
            if op == "in"
            else (coerce_member(spec, key, value),)
        )
        keys = tuple(wanted) if spec.indexed else None
        return Condition(key, spec, lambda r: get(r) in wanted, keys, index_exact=spec.indexed)
    text = coerce_text(spec, key, value)
    return Condition(key, spec, _string_test(spec, op, text, lambda r: (get(r).value,)))


def _date_condition(spec: FieldSpec, key: str, op: str, value: object) -> Condition:
    get = spec.get
    if op == "in":
        dates = frozenset(many(key, value, lambda v: coerce_date(spec, key, v)))
        return Condition(key, spec, lambda r: get(r) in dates)
    if op == "range":
        first, last = pair(key, value, lambda v: coerce_date(spec, key, v))
        low, high = first.start.toordinal(), last.end.toordinal()
        return Condition(
            key,
            spec,
            lambda r: (
                (d := get(r)) is not None
                and d.start.toordinal() >= low
                and d.end.toordinal() <= high
            ),
            date_bound=(low, high),
        )
    date = coerce_date(spec, key, value)
    if op == "exact":
        return Condition(key, spec, lambda r: get(r) == date)
    return _date_bound(spec, key, op, date)


def _date_bound(spec: FieldSpec, key: str, op: str, date: PartialDate) -> Condition:
    """``gt``, ``gte``, ``lt`` or ``lte``: the bound stands for every day it covers."""
    get = spec.get
    first, last = date.start.toordinal(), date.end.toordinal()
    if op in {"gte", "gt"}:  # the date's first day on or after the bound's first / last
        low = first if op == "gte" else last + 1
        return Condition(
            key,
            spec,
            lambda r: (d := get(r)) is not None and d.start.toordinal() >= low,
            date_bound=(low, EVER),
        )
    high = last if op == "lte" else first - 1  # the date's last day on or before this
    return Condition(
        key,
        spec,
        lambda r: (d := get(r)) is not None and d.end.toordinal() <= high,
        date_bound=(NEVER, high),
    )


def _transformed(spec: FieldSpec, key: str, transform: str, op: str, value: object) -> Condition:
    get = spec.get
    # A year in four digits, as everywhere a date is read: is 19 the year 19 or 2019?
    low, high = (1000, 9999) if transform == "year" else (1, 12)

    def part(r: Resource) -> int | None:
        date = get(r)
        return None if date is None else getattr(date, transform)

    if op == "in":
        wanted = frozenset(many(key, value, lambda v: coerce_int(key, v, low, high)))
        return Condition(key, spec, lambda r: part(r) in wanted)
    if op == "range":
        first, last = pair(key, value, lambda v: coerce_int(key, v, low, high))
        return Condition(
            key,
            spec,
            lambda r: (p := part(r)) is not None and first <= p <= last,
            date_bound=_years_bound(first, last) if transform == "year" else None,
        )
    number = coerce_int(key, value, low, high)
    if op == "exact":
        return Condition(
            key,
            spec,
            lambda r: part(r) == number,
            date_bound=_years_bound(number, number) if transform == "year" else None,
        )
    compare = COMPARE[op]
    bound = None
    if transform == "year":
        years: dict[str, tuple[int | None, int | None]] = {
            "gte": (number, None),
            "gt": (number + 1, None),
            "lte": (None, number),
            "lt": (None, number - 1),
        }
        bound = _years_bound(*years[op])
    return Condition(
        key,
        spec,
        lambda r: (p := part(r)) is not None and compare(p, number),
        date_bound=bound,
    )


def _years_bound(first: int | None, last: int | None) -> tuple[int, int]:
    """The date bound of the years ``first`` to ``last`` (``None``: no limit).

    A date's year lies within them exactly when every day it covers does: from 1
    January of ``first`` to 31 December of ``last``. Years beyond 1-9999 leave no day.
    """
    if first is None:
        low = NEVER
    else:
        low = dt.date(first, 1, 1).toordinal() if first <= dt.MAXYEAR else EVER
    if last is None:
        high = EVER
    else:
        high = dt.date(last, 12, 31).toordinal() if last >= dt.MINYEAR else NEVER
    return low, high


def _strings(spec: FieldSpec) -> Callable[[Resource], tuple[str, ...]]:
    """The strings a multi-valued text field offers to matching."""
    get = spec.get
    if spec.kind is Kind.ORGANIZATIONS:
        return lambda r: tuple(s for org in get(r) for s in (org.name, org.acronym) if s)
    return get


def _multi_condition(spec: FieldSpec, key: str, op: str, value: object) -> Condition:
    strings = _strings(spec)
    if op == "in":
        texts = many(key, value, lambda v: coerce_text(spec, key, v))
        if spec.categorical:  # organizations: by name or acronym, caseless, as indexed
            wanted = frozenset(caseless(t) for t in texts)
            return Condition(
                key,
                spec,
                lambda r: any(caseless(s) in wanted for s in strings(r)),
                tuple(wanted),
                index_exact=True,
            )
        exact = frozenset(texts)
        return Condition(key, spec, lambda r: any(s in exact for s in strings(r)))
    text = coerce_text(spec, key, value)
    keys: tuple[Hashable, ...] | None = None
    if spec.indexed and op in {"exact", "iexact"}:
        keys = (("fold", fold(text)),) if op == "iexact" else (caseless(text),)
    test = _string_test(spec, op, text, strings)
    return Condition(key, spec, test, keys, index_exact=keys is not None)


def _language_condition(
    spec: FieldSpec, key: str, op: str, value: object, known: Collection[str]
) -> Condition:
    """Basic filtering by ranges (``languages=``, ``languages__in``), or one exact tag."""
    # The registry's module is imported by the first language lookup, not at start.
    from migrantres._records.languages import ANY_LANGUAGE, matches  # noqa: PLC0415

    get = spec.get
    if op == "in":
        ranges = frozenset(many(key, value, lambda v: coerce_language(spec, key, v, known)))
    else:
        ranges = frozenset({coerce_language(spec, key, value, known)})
    if op in {"exact", "iexact"}:
        if ANY_LANGUAGE in ranges:
            raise InvalidValueError(key, value, "one language tag; '*' is a range")
        return Condition(
            key,
            spec,
            lambda r: any(t.lower() in ranges for t in get(r)),
            tuple(ranges),
            index_exact=True,
        )
    keys = tuple(k for k in known if any(matches(r, k) for r in ranges)) if known else None
    return Condition(
        key,
        spec,
        lambda r: any(matches(rng, t) for t in get(r) for rng in ranges),
        keys,
        index_exact=True,
    )
