"""The :class:`Catalogue`: an immutable, ordered sequence of resources."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, NoReturn, Self, overload

from migrantres._models import Resource
from migrantres.exceptions import LoadError, Problem, ResourceNotFoundError

__all__ = ["Catalogue"]


class Catalogue(Sequence[Resource]):
    """An immutable, ordered collection of resources with unique ids.

    A catalogue is a sequence: ``len``, iteration, ``cat[0]``, ``cat[1:3]`` (a new
    catalogue), and also a mapping by id: ``cat["<id>"]``, ``cat.get(id)``,
    ``id in cat``. Nothing changes a catalogue; every operation returns a new one.

    Two catalogues are equal when they hold equal resources in the same order; the
    dataset version does not count. Catalogues are hashable, consistently with that.

    >>> import migrantres
    >>> catalogue = migrantres.load()
    >>> catalogue[0].id
    'labour-exploitation-trafficking-migrant-health-multi-country-findings'
    >>> catalogue.get("no-such-id") is None
    True
    """

    __slots__ = ("__dict__", "_resources", "_version")

    _resources: tuple[Resource, ...]
    _version: str | None

    def __init__(self, resources: Iterable[Resource] = (), *, version: str | None = None) -> None:
        """Make a catalogue of ``resources``, in their order; ids must be unique.

        Raises:
            TypeError: an item is not a :class:`Resource`.
            LoadError: two resources share an id.
        """
        items = tuple(resources)
        for index, item in enumerate(items):
            if not isinstance(item, Resource):
                msg = f"item {index} is a {type(item).__name__}, not a Resource"
                raise TypeError(msg)
        if version is not None and not isinstance(version, str):
            msg = f"version must be a str or None, not {type(version).__name__}"
            raise TypeError(msg)
        first_at: dict[str, int] = {}
        problems = []
        for index, item in enumerate(items):
            first = first_at.setdefault(item.id, index)
            if first != index:
                problems.append(
                    Problem(
                        f"duplicate id; record {first} has the same id",
                        index=index,
                        id=item.id,
                        field="id",
                        value=item.id,
                    )
                )
        if problems:
            raise LoadError("<resources>", problems)
        object.__setattr__(self, "_resources", items)
        object.__setattr__(self, "_version", version)
        # The positions by id are known now; keep them rather than build them again.
        self.__dict__["_positions"] = first_at

    @classmethod
    def _trusted(cls, resources: tuple[Resource, ...], version: str | None) -> Self:
        """A catalogue of resources already known to be valid and unique: no checks."""
        catalogue = cls.__new__(cls)
        object.__setattr__(catalogue, "_resources", resources)
        object.__setattr__(catalogue, "_version", version)
        return catalogue

    def _derive(self, resources: Iterable[Resource]) -> Self:
        """A catalogue of some of this one's resources, with the same version."""
        return self._trusted(tuple(resources), self._version)

    # -- immutability -----------------------------------------------------------------

    def __setattr__(self, name: str, value: object) -> NoReturn:
        """Refuse: a catalogue never changes."""
        msg = f"cannot set {name!r}: a Catalogue is immutable"
        raise AttributeError(msg)

    def __delattr__(self, name: str) -> NoReturn:
        """Refuse: a catalogue never changes."""
        msg = f"cannot delete {name!r}: a Catalogue is immutable"
        raise AttributeError(msg)

    # -- metadata ---------------------------------------------------------------------

    @property
    def version(self) -> str | None:
        """The version of the dataset the records come from, if known."""
        return self._version

    @property
    def resources(self) -> tuple[Resource, ...]:
        """The resources, in order, as a tuple."""
        return self._resources

    # -- sequence and mapping ---------------------------------------------------------

    @functools.cached_property
    def _positions(self) -> Mapping[str, int]:
        return {resource.id: index for index, resource in enumerate(self._resources)}

    def __len__(self) -> int:
        """The number of resources."""
        return len(self._resources)

    def __iter__(self) -> Iterator[Resource]:
        """The resources, in order."""
        return iter(self._resources)

    def __reversed__(self) -> Iterator[Resource]:
        """The resources, last first."""
        return reversed(self._resources)

    @overload
    def __getitem__(self, key: int) -> Resource: ...
    @overload
    def __getitem__(self, key: slice) -> Catalogue: ...
    @overload
    def __getitem__(self, key: str) -> Resource: ...
    def __getitem__(self, key: int | slice | str) -> Resource | Catalogue:
        """A resource by position or id, or a slice of the catalogue as a new catalogue.

        Raises:
            ResourceNotFoundError: no resource has the id (a ``KeyError``).
            IndexError: the position is out of range.
        """
        if isinstance(key, str):
            position = self._positions.get(key)
            if position is None:
                raise ResourceNotFoundError(key, self._positions)
            return self._resources[position]
        if isinstance(key, slice):
            return self._derive(self._resources[key])
        if isinstance(key, int):
            return self._resources[key]
        msg = f"catalogue indices must be int, slice or str (an id), not {type(key).__name__}"
        raise TypeError(msg)

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

    def head(self, n: int = 5) -> Catalogue:
        """The first ``n`` resources, as a catalogue."""
        if not isinstance(n, int) or isinstance(n, bool) or n < 0:
            msg = f"head() needs a count of 0 or more, not {n!r}"
            raise ValueError(msg)
        return self._derive(self._resources[:n])

    # -- equality ---------------------------------------------------------------------

    def __eq__(self, other: object) -> bool:
        """Equal when both hold equal resources in the same order."""
        if not isinstance(other, Catalogue):
            return NotImplemented
        return self is other or self._resources == other._resources

    def __hash__(self) -> int:
        """Consistent with equality: the hash of the resources in order."""
        return self._hash

    @functools.cached_property
    def _hash(self) -> int:
        return hash(self._resources)

    def __repr__(self) -> str:
        """A short description: the size and version."""
        noun = "resource" if len(self) == 1 else "resources"
        version = "" if self._version is None else f", version={self._version!r}"
        return f"Catalogue({len(self)} {noun}{version})"
