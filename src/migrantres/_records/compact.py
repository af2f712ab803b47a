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
    from collections.abc import Sequence

    from pydantic import BaseModel, ValidationInfo

    from migrantres._records.models import Resource

__all__ = ["FieldSets", "share_field_sets", "shared_as_built"]

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


class FieldSets:
    """The shared sets of one read: each shape's set, made once and handed to every record.

    A reader passes one as the validation context of a record type annotated with
    :func:`shared_as_built`, so that each record's sets are shared as soon as it is
    built: the sets pydantic made are freed at once, and the memory reused for the next
    record, instead of all of them being held until the file is read.
    """

    __slots__ = ("_known", "_last")

    def __init__(self) -> None:
        """Start with no set made."""
        self._known: list[_SharedFields] = []
        # The set last given to a record, an organization and an availability entry.
        self._last = [_SharedFields(), _SharedFields(), _SharedFields()]

    def _same(self, fields: set[str]) -> _SharedFields:
        for candidate in self._known:
            if candidate == fields:
                return candidate
        candidate = _SharedFields(fields)
        self._known.append(candidate)
        return candidate

    def share(self, record: Resource) -> None:
        """Give ``record`` and every model inside it the shared set of its fields."""
        # Written out, with the last set of each kind at hand: this runs once per nested
        # model, and a function call apiece would double its cost.
        put, last = object.__setattr__, self._last
        fields = record.__pydantic_fields_set__
        if fields != last[0]:
            last[0] = self._same(fields)
        put(record, _NAME, last[0])
        for organization in record.organizations:
            fields = organization.__pydantic_fields_set__
            if fields != last[1]:
                last[1] = self._same(fields)
            put(organization, _NAME, last[1])
        for availability in record.availability:
            fields = availability.__pydantic_fields_set__
            if fields != last[2]:
                last[2] = self._same(fields)
            put(availability, _NAME, last[2])
        provenance = record.provenance
        if provenance is not None:
            parts: tuple[BaseModel, ...] = (
                provenance,
                *provenance.locations,
                *provenance.repairs,
                *provenance.corrections,
            )
            for part in parts:
                put(part, _NAME, self._same(part.__pydantic_fields_set__))


def shared_as_built(record: Resource, info: ValidationInfo) -> Resource:
    """An after-validator of records: ``record``'s sets shared through the context.

    The context must be a :class:`FieldSets`; without one (a record validated on its
    own), the record is left as it is.
    """
    if isinstance(info.context, FieldSets):
        info.context.share(record)
    return record


def share_field_sets(records: Sequence[Resource]) -> None:
    """Give every model in ``records`` (nested ones too) a shared set of its fields.

    Records already shared as they were built (see :func:`shared_as_built`) are left
    as they are: a read shares all its records or none.
    """
    if records and isinstance(records[0].__pydantic_fields_set__, _SharedFields):
        return
    sharing = FieldSets()
    for record in records:
        sharing.share(record)
