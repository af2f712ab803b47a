"""The :class:`Catalogue`: an immutable, ordered sequence of resources, also indexed by id.

A catalogue holds its resources and hands every query to its query engine
(:mod:`migrantres._query.engine`, which documents what each query costs) and every
export to :mod:`migrantres._formats`, through the methods of :class:`Exports`. It keeps
no index of its own.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, NoReturn, Self, overload

from migrantres._catalogue.exports import Exports
from migrantres._catalogue.protocol import SequenceMapping
from migrantres._catalogue.queries import Queries
from migrantres._query.engine import QueryEngine
from migrantres._records.identity import require_resources, unique
from migrantres._records.models import Resource
from migrantres.exceptions import ResourceNotFoundError

if TYPE_CHECKING:
    import pyarrow as pa

    from migrantres._formats.reading import Parsed
    from migrantres._records.fulltext import StoredIndex

__all__ = ["Catalogue", "SearchResults"]


class Catalogue(Queries, Exports, SequenceMapping, Sequence[Resource]):
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

    __slots__ = ("__dict__", "_origin", "_resources", "_version")

    _resources: tuple[Resource, ...]
    _version: str | None
    # The catalogue this one was derived from by filtering, sorting or slicing; its
    # resources include all of this one's, so its search index serves both.
    _origin: Catalogue | None

    def __init__(self, resources: Iterable[Resource] = (), *, version: str | None = None) -> None:
        """Make a catalogue of ``resources``, in their order; ids must be unique.

        Raises:
            TypeError: an item is not a :class:`Resource`.
            LoadError: two resources share an id.
        """
        items = require_resources(tuple(resources))
        if version is not None and not isinstance(version, str):
            msg = f"version must be a str or None, not {type(version).__name__}"
            raise TypeError(msg)
        positions = unique(items, "<resources>")
        object.__setattr__(self, "_resources", items)
        object.__setattr__(self, "_version", version)
        object.__setattr__(self, "_origin", None)
        # The positions by id are known now; the engine keeps them rather than build them again.
        self.__dict__["_engine"] = QueryEngine(items, positions=positions)

    @classmethod
    def _trusted(
        cls, resources: tuple[Resource, ...], version: str | None, origin: Catalogue | None
    ) -> Catalogue:
        """A catalogue of resources already known to be valid and unique: no checks."""
        catalogue = Catalogue.__new__(Catalogue)
        object.__setattr__(catalogue, "_resources", resources)
        object.__setattr__(catalogue, "_version", version)
        object.__setattr__(catalogue, "_origin", origin)
        return catalogue

    def _take(self, positions: Sequence[int]) -> Catalogue:
        """A catalogue of the resources at ``positions``, in that order (tuple built in C)."""
        resources = self._resources
        if len(positions) > 1:
            taken: tuple[Resource, ...] = operator.itemgetter(*positions)(resources)
        else:
            taken = tuple(resources[p] for p in positions)
        return self._trusted(taken, self._version, self._origin or self)

    # -- immutability -----------------------------------------------------------------

    def __setattr__(self, name: str, value: object) -> NoReturn:
        """Refuse: a catalogue never changes."""
        msg = f"cannot set {name!r}: a Catalogue is immutable"
        raise AttributeError(msg)

    def __delattr__(self, name: str) -> NoReturn:
        """Refuse: a catalogue never changes."""
        msg = f"cannot delete {name!r}: a Catalogue is immutable"
        raise AttributeError(msg)

    # -- copying and pickling ---------------------------------------------------------

    def __reduce__(self) -> tuple[Callable[..., Catalogue], tuple[object, ...]]:
        """Pickle the records and the version only, the same for every protocol.

        Indexes, the search index and the catalogue this one was derived from are left
        out: the unpickled catalogue builds what it needs on first use, as a new one
        would. Unpickling checks the records as the constructor does.
        """
        return (Catalogue._unpickle, (self._resources, self._version))

    @staticmethod
    def _unpickle(resources: tuple[Resource, ...], version: str | None) -> Catalogue:
        return Catalogue(resources, version=version)

    def __copy__(self) -> Self:
        """The catalogue itself: it never changes, so a copy could not differ."""
        return self

    def __deepcopy__(self, memo: dict[int, object]) -> Self:
        """The catalogue itself: it and its records are immutable all the way down."""
        return self

    # -- sequence and mapping ---------------------------------------------------------

    @functools.cached_property
    def _engine(self) -> QueryEngine:
        origin = None if self._origin is None else self._origin._engine
        return QueryEngine(self._resources, origin=origin)

    @property
    def _positions(self) -> Mapping[str, int]:
        return self._engine.positions

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
            return self._take(range(len(self))[key])
        if isinstance(key, int):
            return self._resources[key]
        msg = f"catalogue indices must be int, slice or str (an id), not {type(key).__name__}"
        raise TypeError(msg)

    def head(self, n: int = 5) -> Catalogue:
        """The first ``n`` resources, as a catalogue."""
        if not isinstance(n, int) or isinstance(n, bool) or n < 0:
            msg = f"head() needs a count of 0 or more, not {n!r}"
            raise ValueError(msg)
        return self._take(range(len(self))[:n])

    def _found(self, query: str, hits: Sequence[tuple[int, float]]) -> SearchResults:
        """The search results of ``hits``, (position, score) pairs, in their order."""
        return SearchResults._ranked(self._take([p for p, _ in hits]), query, hits)

    # -- set operations ---------------------------------------------------------------

    def _same_version(self, other: Catalogue) -> str | None:
        return self._version if self._version == other._version else None

    def __or__(self, other: object) -> Catalogue:
        """Union by id: this catalogue's resources, then the other's that are not in it."""
        if not isinstance(other, Catalogue):
            return NotImplemented
        extra = tuple(r for r in other._resources if r.id not in self._positions)
        return self._trusted(self._resources + extra, self._same_version(other), None)

    def __and__(self, other: object) -> Catalogue:
        """Intersection by id: this catalogue's resources whose ids the other has, in order."""
        if not isinstance(other, Catalogue):
            return NotImplemented
        kept = tuple(r for r in self._resources if r.id in other._positions)
        return self._trusted(kept, self._same_version(other), self._origin or self)

    def __sub__(self, other: object) -> Catalogue:
        """Difference by id: this catalogue's resources whose ids the other lacks, in order."""
        if not isinstance(other, Catalogue):
            return NotImplemented
        kept = tuple(r for r in self._resources if r.id not in other._positions)
        return self._trusted(kept, self._version, self._origin or self)

    # -- reading ----------------------------------------------------------------------

    @classmethod
    def _parsed(cls, parsed: Parsed, *, fulltext: StoredIndex | None = None) -> Catalogue:
        """Records a reader validated, and the stored full-text index to search, if any."""
        catalogue = cls._trusted(parsed.records, parsed.version, None)
        fulltext = fulltext or parsed.fulltext
        if fulltext is not None:
            catalogue.__dict__["_engine"] = QueryEngine(parsed.records, fulltext=fulltext)
        return catalogue

    @classmethod
    def from_json(cls, data: str | bytes) -> Catalogue:
        """Read what :meth:`to_json` writes (or a JSON array of records).

        Raises:
            LoadError: every problem found, with record and field.
        """
        return cls._parsed(_parse_json(data))

    @classmethod
    def from_jsonl(cls, data: str | bytes) -> Catalogue:
        """Read what :meth:`to_jsonl` writes; problems name their line."""
        return cls._parsed(_parse_jsonl(data))

    @classmethod
    def from_csv(cls, data: str | bytes) -> Catalogue:
        """Read what :meth:`to_csv` writes; problems name their line."""
        return cls._parsed(_parse_csv(data))

    @classmethod
    def from_arrow(cls, table: pa.Table | pa.RecordBatch) -> Catalogue:
        """Read what :meth:`to_arrow` gives: a pyarrow Table (or RecordBatch) of records.

        The dataset version comes from the schema's metadata. Columns may come in any
        order, and only those of fields without a default are required; the derived
        ``launch_year``, ``launch_month``, ``launch_day`` and ``languages``, if present,
        must agree with the fields they derive from.

        Raises:
            LoadError: every problem found, with record and field.
            MissingDependencyError: pyarrow is not installed.
        """
        from migrantres._formats.arrow import parse_arrow  # noqa: PLC0415 - on use

        return cls._parsed(parse_arrow(table))

    @classmethod
    def from_records(cls, records: Iterable[Mapping[str, Any] | Resource]) -> Catalogue:
        """Make a catalogue from plain dicts, such as :meth:`to_records` gives."""
        return cls._parsed(_parse_records(records))

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


class SearchResults(Catalogue):
    """The resources a search found, best first, with each one's score.

    A catalogue in every other way. Filtering, excluding, sorting, grouping or slicing
    results (``head``, ``[a:b]``) gives results again, of the same query, that keep
    each resource's score (in the order asked for).
    """

    __slots__ = ()

    query: str

    @classmethod
    def _ranked(
        cls, found: Catalogue, query: str, hits: Sequence[tuple[int, float]]
    ) -> SearchResults:
        results = cls.__new__(cls)
        object.__setattr__(results, "_resources", found._resources)
        object.__setattr__(results, "_version", found._version)
        object.__setattr__(results, "_origin", found._origin)
        results.__dict__["query"] = query
        results.__dict__["_hit_scores"] = tuple(score for _, score in hits)
        return results

    def _take(self, positions: Sequence[int]) -> SearchResults:
        scores = self._ordered_scores
        taken = Catalogue._take(self, positions)
        return SearchResults._ranked(taken, self.query, [(p, scores[p]) for p in positions])

    def __reduce__(self) -> tuple[Callable[..., Catalogue], tuple[object, ...]]:
        """Pickle the records, the version, the query and the scores; no index."""
        return (
            SearchResults._unpickle_results,
            (self._resources, self._version, self.query, self._ordered_scores),
        )

    @staticmethod
    def _unpickle_results(
        resources: tuple[Resource, ...],
        version: str | None,
        query: str,
        scores: tuple[float, ...],
    ) -> SearchResults:
        found = Catalogue(resources, version=version)
        if len(scores) != len(resources):
            msg = f"{len(scores)} scores for {len(resources)} search results"
            raise ValueError(msg)
        return SearchResults._ranked(found, query, tuple(enumerate(scores)))

    @property
    def _ordered_scores(self) -> tuple[float, ...]:
        scores: tuple[float, ...] = self.__dict__["_hit_scores"]
        return scores

    @property
    def scores(self) -> Mapping[str, float]:
        """Each result's score by id, best first."""
        return dict(zip(self.ids(), self._ordered_scores, strict=True))

    def score(self, resource: Resource | str) -> float:
        """The score of a result, given the resource or its id."""
        key = resource if isinstance(resource, str) else resource.id
        position = self._positions.get(key)
        if position is None:
            raise ResourceNotFoundError(key, self._positions)
        return self._ordered_scores[position]

    def hits(self) -> Iterator[tuple[Resource, float]]:
        """(resource, score) pairs, best first."""
        return zip(self._resources, self._ordered_scores, strict=True)

    def __repr__(self) -> str:
        """A short description: the query and the number of results."""
        return f"SearchResults({self.query!r}, {len(self)} found)"


# Each reader's module is imported by the first catalogue read with it, not at start.


def _parse_json(data: str | bytes) -> Parsed:
    from migrantres._formats.json_codec import parse_json  # noqa: PLC0415 - on use

    return parse_json(data)


def _parse_jsonl(data: str | bytes) -> Parsed:
    from migrantres._formats.json_codec import parse_jsonl  # noqa: PLC0415 - on use

    return parse_jsonl(data)


def _parse_csv(data: str | bytes) -> Parsed:
    from migrantres._formats.csv_codec import parse_csv  # noqa: PLC0415 - on use

    return parse_csv(data)


def _parse_records(records: Iterable[Mapping[str, Any] | Resource]) -> Parsed:
    from migrantres._formats.json_codec import parse_records  # noqa: PLC0415 - on use

    return parse_records(records)
