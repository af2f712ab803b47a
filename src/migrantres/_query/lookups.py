"""Lookups in Django's spelling, checked against the fields a resource has.

A lookup is ``field`` or ``field__op`` (``launch_date__gte``), and for dates a
transform may come between (``launch_date__year__gte``). :func:`compile_lookup` turns
one into a :class:`Condition`: a test on a resource, plus the keys of the field's
equality index when the catalogue can answer it from that index.

Multi-valued fields (``organizations``, ``languages``, ``urls``) match when any of
their values matches. Enumerated fields accept the member, its value or a compendium
label. Dates accept a :class:`PartialDate`, ISO or written text, a
:class:`datetime.date` or an int year, and compare in :class:`PartialDate`'s order.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Hashable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

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
from migrantres._records.dates import PartialDate
from migrantres._records.folding import fold
from migrantres._records.languages import to_bcp47
from migrantres._records.vocab import ResourceType
from migrantres.exceptions import (
    InvalidDateError,
    InvalidLanguageError,
    InvalidValueError,
    UnknownLookupError,
)

if TYPE_CHECKING:
    import enum

    from migrantres._records.models import Resource

__all__ = ["Condition", "compile_lookup"]


@dataclass(frozen=True, slots=True)
class Condition:
    """One compiled lookup: a test on a resource, and how an index can answer it."""

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
    #: For a comparison of dates: the operator and the bound's sort key, which a
    #: sorted index of dates can answer by bisection.
    date_bound: tuple[str, tuple[int, int, int]] | None = None


# -- value coercion -------------------------------------------------------------------


def _accepts(spec: FieldSpec) -> str:
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
        return "a language code such as 'fr', 'FRA' or 'pt-BR'"
    return "text (a str)"


def _text(spec: FieldSpec, lookup: str, value: object) -> str:
    if not isinstance(value, str):
        raise InvalidValueError(
            lookup, value, _accepts(spec) if spec.kind is not Kind.ENUM else "text (a str)"
        )
    return value


def _enum_member(spec: FieldSpec, lookup: str, value: object) -> enum.StrEnum:
    enumeration = spec.enum
    assert enumeration is not None  # noqa: S101 - every enum field names its enum
    if isinstance(value, enumeration):
        return value
    if isinstance(value, str):
        for member in enumeration:
            if value.strip().casefold() in {member.value, member.name.casefold()}:
                return member
        if enumeration is ResourceType and (kind := ResourceType.from_label(value)) is not None:
            return kind
    raise InvalidValueError(lookup, value, _accepts(spec))


def _date(spec: FieldSpec, lookup: str, value: object) -> PartialDate:
    try:
        return PartialDate.coerce(value)
    except InvalidDateError as exc:
        raise InvalidValueError(lookup, value, _accepts(spec), reason=exc.reason) from None


def _int(lookup: str, value: object, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise InvalidValueError(lookup, value, f"an int from {low} to {high}")
    return value


def _language(lookup: str, value: object, known: Collection[str]) -> str:
    """A query's language code as the lower-case tag the index files it under."""
    if not isinstance(value, str):
        raise InvalidValueError(lookup, value, "a language code such as 'fr', 'FRA' or 'pt-BR'")
    if value.lower() in known:  # already a tag of the catalogue: no registry needed
        return value.lower()
    try:
        return to_bcp47(value).lower()
    except InvalidLanguageError:
        raise InvalidValueError(
            lookup, value, "a language code such as 'fr', 'FRA' or 'pt-BR'", reason="not a language"
        ) from None


def _many(lookup: str, value: object, one: Callable[[object], Any]) -> tuple[Any, ...]:
    """The values of an ``in`` lookup: any iterable but text."""
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise InvalidValueError(lookup, value, "a list, tuple or set of values for an 'in' lookup")
    return tuple(one(item) for item in value)


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
    builders: dict[Kind, Callable[..., Condition]] = {
        Kind.TEXT: _text_condition,
        Kind.ENUM: _enum_condition,
        Kind.DATE: _date_condition,
        Kind.ORGANIZATIONS: _multi_condition,
        Kind.URLS: _multi_condition,
        Kind.LANGUAGES: _language_condition,
    }
    return builders[spec.kind](spec, key, op, value, known_languages)


def _isnull(spec: FieldSpec, key: str, value: object) -> Condition:
    if not isinstance(value, bool):
        raise InvalidValueError(key, value, "True or False")
    get = spec.get
    if spec.multi:
        return Condition(key, spec, lambda r: (len(get(r)) == 0) is value)
    return Condition(key, spec, lambda r: (get(r) is None) is value)


def _equality(
    spec: FieldSpec, key: str, op: str, value: object, coerce: Callable[[object], Hashable]
) -> Condition:
    """``exact`` (one value) or ``in`` (several) on a single-valued field, index-exact."""
    get = spec.get
    wanted = frozenset(_many(key, value, coerce) if op == "in" else (coerce(value),))
    keys = tuple(wanted) if spec.indexed else None
    return Condition(key, spec, lambda r: get(r) in wanted, keys, index_exact=spec.indexed)


def _text_condition(
    spec: FieldSpec, key: str, op: str, value: object, _: Collection[str]
) -> Condition:
    get = spec.get
    if op in {"exact", "in"}:
        return _equality(spec, key, op, value, lambda v: _text(spec, key, v))
    text = _text(spec, key, value)
    if op in COMPARISONS:
        # The order of sort_by: case and accents folded first, the exact text breaking ties.
        compare, bound = COMPARE[op], (fold(text), text)
        return Condition(
            key, spec, lambda r: (v := get(r)) is not None and compare((fold(v), v), bound)
        )
    return Condition(key, spec, _string_test(op, text, lambda r: (get(r),)))


def _string_test(
    op: str, text: str, values: Callable[[Resource], Iterable[str]]
) -> Callable[[Resource], bool]:
    """A test that any of a resource's strings matches ``text`` under ``op``."""
    folded = fold(text)
    tests: dict[str, Callable[[str], bool]] = {
        "exact": lambda s: s == text,
        "iexact": lambda s: fold(s) == folded,
        "contains": lambda s: text in s,
        "icontains": lambda s: folded in fold(s),
        "startswith": lambda s: s.startswith(text),
    }
    test = tests[op]
    return lambda r: any(test(s) for s in values(r) if s is not None)


def _enum_condition(
    spec: FieldSpec, key: str, op: str, value: object, _: Collection[str]
) -> Condition:
    get = spec.get
    if op in {"exact", "iexact", "in"}:  # members already ignore case
        equality = "in" if op == "in" else "exact"
        return _equality(spec, key, equality, value, lambda v: _enum_member(spec, key, v))
    text = _text(spec, key, value)
    return Condition(key, spec, _string_test(op, text, lambda r: (get(r).value,)))


def _date_condition(
    spec: FieldSpec, key: str, op: str, value: object, _: Collection[str]
) -> Condition:
    get = spec.get
    if op == "in":
        dates = frozenset(_many(key, value, lambda v: _date(spec, key, v)))
        return Condition(key, spec, lambda r: get(r) in dates)
    date = _date(spec, key, value)
    if op == "exact":
        return Condition(key, spec, lambda r: get(r) == date)
    compare = COMPARE[op]
    return Condition(
        key,
        spec,
        lambda r: (d := get(r)) is not None and compare(d, date),
        date_bound=(op, date.sort_key),
    )


def _transformed(spec: FieldSpec, key: str, transform: str, op: str, value: object) -> Condition:
    get = spec.get
    low, high = (1, 9999) if transform == "year" else (1, 12)

    def part(r: Resource) -> int | None:
        date = get(r)
        return None if date is None else getattr(date, transform)

    if op == "in":
        wanted = frozenset(_many(key, value, lambda v: _int(key, v, low, high)))
        return Condition(key, spec, lambda r: part(r) in wanted)
    number = _int(key, value, low, high)
    if op == "exact":
        return Condition(key, spec, lambda r: part(r) == number)
    compare = COMPARE[op]
    return Condition(key, spec, lambda r: (p := part(r)) is not None and compare(p, number))


def _strings(spec: FieldSpec) -> Callable[[Resource], tuple[str, ...]]:
    """The strings a multi-valued text field offers to matching."""
    get = spec.get
    if spec.kind is Kind.ORGANIZATIONS:
        return lambda r: tuple(s for org in get(r) for s in (org.name, org.acronym) if s)
    return get


def _multi_condition(
    spec: FieldSpec, key: str, op: str, value: object, _: Collection[str]
) -> Condition:
    strings = _strings(spec)
    organizations = spec.kind is Kind.ORGANIZATIONS
    if op == "in":
        texts = _many(key, value, lambda v: _text(spec, key, v))
        if organizations:  # by name or acronym, case and accents folded, as indexed
            folded = frozenset(fold(t) for t in texts)
            return Condition(
                key,
                spec,
                lambda r: any(fold(s) in folded for s in strings(r)),
                tuple(folded),
                index_exact=True,
            )
        wanted = frozenset(texts)
        return Condition(key, spec, lambda r: any(s in wanted for s in strings(r)))
    text = _text(spec, key, value)
    if organizations and op == "exact":  # names and acronyms match case-insensitively
        casefolded = text.casefold()
        return Condition(
            key,
            spec,
            lambda r: any(s.casefold() == casefolded for s in strings(r)),
            (fold(text),),
        )
    iexact = organizations and op == "iexact"
    keys = (fold(text),) if iexact else None
    return Condition(key, spec, _string_test(op, text, strings), keys, index_exact=iexact)


def _language_condition(
    spec: FieldSpec, key: str, op: str, value: object, known: Collection[str]
) -> Condition:
    get = spec.get
    if op == "in":
        tags = frozenset(_many(key, value, lambda v: _language(key, v, known)))
    else:  # exact and iexact: tags compare without regard to case
        tags = frozenset({_language(key, value, known)})
    return Condition(
        key, spec, lambda r: any(t.lower() in tags for t in get(r)), tuple(tags), index_exact=True
    )
