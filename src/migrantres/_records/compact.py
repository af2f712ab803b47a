"""Records made smaller once they are built: one shared set of field names per shape.

pydantic keeps, in every model instance, the set of the fields its input gave
(``__pydantic_fields_set__``): a new ``set`` each time, 216 bytes for an organization
and 728 for a resource, a third of what a loaded record holds. Records of one shape
give the same fields, so a reader replaces each set with one shared, equal set once a
file's records are built. Nothing changes but the memory: ``model_fields_set`` gives
an equal set. pydantic wants a ``set`` there (its serializer refuses a ``frozenset``),
so the shared one is a ``set`` that refuses to change (records are immutable anyway),
and whose copies, which ``model_copy`` makes, are plain sets.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final, NoReturn

if TYPE_CHECKING:
    from collections.abc import Iterable

    from pydantic import BaseModel

    from migrantres._records.models import Resource

__all__ = ["share_field_sets"]

_NAME: Final = "__pydantic_fields_set__"


class _SharedFields(set[str]):
    """A set of field names shared by many records: it cannot change; its copies can."""

    __slots__ = ()

    def _refuse(self, *_: object) -> NoReturn:
        msg = "this set of field names is shared by many records; copy it to change it"
        raise TypeError(msg)

    add = discard = remove = pop = clear = update = _refuse
    difference_update = intersection_update = symmetric_difference_update = _refuse
    __ior__ = __iand__ = __isub__ = __ixor__ = _refuse

    def __copy__(self) -> set[str]:
        return set(self)

    def __deepcopy__(self, memo: dict[int, Any]) -> set[str]:
        return set(self)


def share_field_sets(records: Iterable[Resource]) -> None:  # noqa: C901 - loops written out
    """Give every model in ``records`` (nested ones too) a shared set of its fields."""
    put = object.__setattr__
    known: list[_SharedFields] = []

    def same(fields: set[str]) -> _SharedFields:
        for candidate in known:
            if candidate == fields:
                return candidate
        candidate = _SharedFields(fields)
        known.append(candidate)
        return candidate

    # The loops are written out, with the last set of each kind at hand, because they
    # run once per nested model: a function call apiece would double their cost.
    record_set = organization_set = availability_set = _SharedFields()
    for record in records:
        fields = record.__pydantic_fields_set__
        if fields != record_set:
            record_set = same(fields)
        put(record, _NAME, record_set)
        for organization in record.organizations:
            fields = organization.__pydantic_fields_set__
            if fields != organization_set:
                organization_set = same(fields)
            put(organization, _NAME, organization_set)
        for availability in record.availability:
            fields = availability.__pydantic_fields_set__
            if fields != availability_set:
                availability_set = same(fields)
            put(availability, _NAME, availability_set)
        provenance = record.provenance
        if provenance is not None:
            parts: tuple[BaseModel, ...] = (
                provenance,
                *provenance.locations,
                *provenance.repairs,
                *provenance.corrections,
            )
            for part in parts:
                put(part, _NAME, same(part.__pydantic_fields_set__))
