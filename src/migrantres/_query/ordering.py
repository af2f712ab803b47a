"""Keys for sorting and grouping: the one order every field's values follow.

Text sorts without regard to case and accents, ties broken by the exact text (on a
categorical field, by its caseless key first, so that spellings that differ only in
case sort together); types by their value; dates in :class:`~migrantres.PartialDate`
order. Missing values come last.

A categorical text field (``jurisdiction``, ``organizations``) groups its values
without regard to case: each group is named by the spelling of its first resource in
the catalogue's order.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from migrantres._query.fields import FIELDS, FieldSpec, Kind, field_spec
from migrantres._records.folding import caseless, fold
from migrantres.exceptions import InvalidValueError, UnknownLookupError

if TYPE_CHECKING:
    from collections.abc import Callable, Hashable

    from migrantres._records.models import Resource

__all__ = ["group_keys", "group_order", "sort_field", "value_key"]


def sort_field(field: object) -> tuple[FieldSpec, bool]:
    """The field a ``sort_by`` argument names, and whether it sorts descending."""
    if not isinstance(field, str):
        msg = f"sort_by() takes field names, not {type(field).__name__}"
        raise TypeError(msg)
    descending = field.startswith("-")
    spec = field_spec(field.removeprefix("-"), purpose="sort by")
    if spec.multi:
        sortable = ", ".join(name for name, s in FIELDS.items() if not s.multi)
        raise InvalidValueError(
            "sort_by",
            field,
            f"a field with one value per resource: {sortable}",
            reason=f"{spec.name!r} holds several values",
        )
    return spec, descending


def value_key(spec: FieldSpec) -> Callable[[Resource], Any]:
    """A resource's sort key for a field (``None`` when it has no value)."""
    get = spec.get
    if spec.kind is Kind.TEXT and spec.categorical:
        return lambda r: None if (v := get(r)) is None else (fold(v), caseless(v), v)
    if spec.kind is Kind.TEXT:
        return lambda r: None if (v := get(r)) is None else (fold(v), v)
    if spec.kind is Kind.ENUM:
        return lambda r: get(r).value
    return lambda r: None if (v := get(r)) is None else v.sort_key


def _namer() -> Callable[[str], str]:
    """A spelling's group name: the first spelling met of its caseless key.

    Called on the resources in the catalogue's order, so the first met is the first
    resource's; each spelling's caseless key is computed once.
    """
    names: dict[str, str] = {}  # spelling -> name
    firsts: dict[str, str] = {}  # caseless key -> name

    def name(spelling: str) -> str:
        found = names.get(spelling)
        if found is None:
            found = names[spelling] = firsts.setdefault(caseless(spelling), spelling)
        return found

    return name


def group_keys(field: object) -> Callable[[Resource], tuple[Hashable, ...]]:
    """The keys a resource is grouped under for ``field`` (empty when it has no value).

    A categorical text field's keys are the names :func:`_namer` gives its spellings:
    the function is to be called on the resources in the catalogue's order.
    """
    if not isinstance(field, str):
        msg = f"a field name must be a str, not {type(field).__name__}"
        raise TypeError(msg)
    name, _, transform = field.partition("__")
    spec = field_spec(name, purpose="group by")
    get = spec.get
    if transform:
        if spec.kind is not Kind.DATE or transform not in {"year", "month"}:
            valid = ("year", "month") if spec.kind is Kind.DATE else ()
            raise UnknownLookupError(name, transform, valid)
        return lambda r: (
            ()
            if (d := get(r)) is None or getattr(d, transform) is None
            else (getattr(d, transform),)
        )
    if spec.kind is Kind.ORGANIZATIONS:
        organization = _namer()
        return lambda r: tuple(dict.fromkeys(organization(org.name) for org in get(r)))
    if spec.multi:
        return lambda r: tuple(dict.fromkeys(get(r)))
    if spec.kind is Kind.TEXT and spec.categorical:
        named = _namer()
        return lambda r: () if (v := get(r)) is None else (named(v),)
    return lambda r: () if (v := get(r)) is None else (v,)


def group_order(key: object) -> tuple[int, Any]:
    """Groups in the order of their keys; the group of missing values last."""
    if key is None:
        return (1, 0)
    if isinstance(key, str):
        return (0, (fold(key), key))
    if hasattr(key, "sort_key"):
        return (0, key.sort_key)
    return (0, key)
