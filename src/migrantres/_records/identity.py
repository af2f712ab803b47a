"""A catalogue's records are told apart by id: each id once, each item a Resource."""

from __future__ import annotations

from typing import TYPE_CHECKING

from migrantres._records.models import Resource
from migrantres.exceptions import LoadError, Problem

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["check_resources", "require_resources", "unique"]


def require_resources(items: tuple[object, ...]) -> tuple[Resource, ...]:
    """The items, each checked to be a :class:`Resource` (a ``TypeError`` if not)."""
    for index, item in enumerate(items):
        if not isinstance(item, Resource):
            msg = f"item {index} is a {type(item).__name__}, not a Resource"
            raise TypeError(msg)
    return items  # type: ignore[return-value]


def check_resources(items: tuple[object, ...], source: str = "<resources>") -> dict[str, int]:
    """Each id's position, for items that must all be resources with distinct ids.

    Raises:
        TypeError: an item is not a :class:`Resource`.
        LoadError: two resources share an id.
    """
    return unique(require_resources(items), source)


def unique(
    records: tuple[Resource, ...], source: str, lines: Sequence[int] | None = None
) -> dict[str, int]:
    """Each id's position; a :class:`LoadError` lists every id used more than once."""
    positions = {record.id: index for index, record in enumerate(records)}
    if len(positions) == len(records):  # the common case, in one pass in C
        return positions
    first: dict[str, int] = {}
    problems = []
    for index, record in enumerate(records):
        seen = first.setdefault(record.id, index)
        if seen != index:
            problems.append(
                Problem(
                    f"duplicate id; record {seen} has the same id",
                    index=index,
                    id=record.id,
                    field="id",
                    value=record.id,
                    line=lines[index] if lines else None,
                )
            )
    if problems:
        raise LoadError(source, problems)
    return first
