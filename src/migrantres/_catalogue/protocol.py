"""A catalogue read as a sequence of resources and as a mapping from id to resource."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from migrantres._records.models import Resource

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

__all__ = ["SequenceMapping"]


class SequenceMapping:
    """The read-only sequence and mapping methods of :class:`~migrantres.Catalogue`."""

    __slots__ = ()

    _resources: tuple[Resource, ...]
    _version: str | None

    @property
    def _positions(self) -> Mapping[str, int]:
        raise NotImplementedError

    @property
    def version(self) -> str | None:
        """The version of the dataset the records come from, if known."""
        return self._version

    @property
    def resources(self) -> tuple[Resource, ...]:
        """The resources, in order, as a tuple."""
        return self._resources

    def __len__(self) -> int:
        """The number of resources."""
        return len(self._resources)

    def __iter__(self) -> Iterator[Resource]:
        """The resources, in order."""
        return iter(self._resources)

    def __reversed__(self) -> Iterator[Resource]:
        """The resources, last first."""
        return reversed(self._resources)

    def __contains__(self, item: object) -> bool:
        """Whether ``item``, a resource or an id, is in the catalogue."""
        if isinstance(item, str):
            return item in self._positions
        if isinstance(item, Resource):
            position = self._positions.get(item.id)
            return position is not None and self._resources[position] == item
        return False

    def index(self, value: Any, start: int = 0, stop: int | None = None) -> int:  # noqa: ANN401
        """The position of a resource (or of the resource with an id)."""
        key = value if isinstance(value, str) else getattr(value, "id", None)
        position = self._positions.get(key) if isinstance(key, str) else None
        end = len(self) if stop is None else stop
        if position is None or not start <= position < end or value not in self:
            msg = f"{value!r} is not in the catalogue"
            raise ValueError(msg)
        return position

    def count(self, value: Any) -> int:  # noqa: ANN401 - any value may be counted
        """1 if the resource (or id) is in the catalogue, else 0: ids are unique."""
        return 1 if value in self else 0

    def get(self, resource_id: str, default: Resource | None = None) -> Resource | None:
        """The resource with ``resource_id``, or ``default`` (``None``) when there is none."""
        position = self._positions.get(resource_id)
        return default if position is None else self._resources[position]

    def ids(self) -> tuple[str, ...]:
        """The ids, in order."""
        return tuple(resource.id for resource in self._resources)

    def first(self) -> Resource | None:
        """The first resource, or ``None`` when the catalogue is empty."""
        return self._resources[0] if self._resources else None
