"""The :class:`Catalogue`: an immutable, ordered sequence of resources, and its queries.

Costs, for a catalogue of n resources, k results and g groups. Each structure named
below is built on first use and kept by the catalogue, so later queries reuse it:

* ``cat[id]``, ``get``, ``in``: O(1).
* ``filter`` and ``exclude`` with an equality lookup on an indexed field (``id``,
  ``type``, ``jurisdiction``, ``organizations``, ``languages``; ``exact``, ``iexact``
  or ``in``): O(k log k), after an O(n) index. With date bounds (``launch_date__gt``,
  ``gte``, ``lt``, ``lte``): O(log n + k log k), after sorting the dates once,
  O(n log n). Other lookups: O(n). Lookups an index answers are not tested again.
* ``sort_by``: O(n log n) per field, after computing that field's keys once, O(n).
* ``group_by``: O(n); ``facets`` and ``distinct``: O(g log g) once the field's
  grouping exists (O(n) the first time).
* ``search``: O(postings of the query's words), after an O(total words) index built
  once and shared by the catalogues derived from this one.
* ``a | b``, ``a & b``, ``a - b``: O(len(a) + len(b)).
"""

from __future__ import annotations

import bisect
import functools
import operator
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, NoReturn, overload

from migrantres._dataframe import to_dataframe
from migrantres._folding import fold
from migrantres._models import Resource
from migrantres._query import FIELDS, Condition, FieldSpec, Kind, compile_lookup, field_spec
from migrantres._render import MAX_ROWS, markdown_table, table_html
from migrantres._search import SearchIndex, parse_query
from migrantres._serialize import (
    Parsed,
    dump_csv,
    dump_json,
    dump_jsonl,
    dump_records,
    parse_csv,
    parse_json,
    parse_jsonl,
    parse_records,
    unique,
)
from migrantres.exceptions import (
    InvalidValueError,
    ResourceNotFoundError,
    UnknownLookupError,
)

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Catalogue", "SearchResults"]

#: A predicate given to filter or exclude as a positional argument.
Predicate = Callable[[Resource], object]


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
        items = tuple(resources)
        for index, item in enumerate(items):
            if not isinstance(item, Resource):
                msg = f"item {index} is a {type(item).__name__}, not a Resource"
                raise TypeError(msg)
        if version is not None and not isinstance(version, str):
            msg = f"version must be a str or None, not {type(version).__name__}"
            raise TypeError(msg)
        positions = unique(items, "<resources>")
        object.__setattr__(self, "_resources", items)
        object.__setattr__(self, "_version", version)
        object.__setattr__(self, "_origin", None)
        # The positions by id are known now; keep them rather than build them again.
        self.__dict__["_positions"] = positions

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

    def _derive(self, resources: Iterable[Resource]) -> Catalogue:
        """A catalogue of some of this one's resources, with the same version.

        Records are not validated again: they were when this catalogue was made.
        """
        return self._trusted(tuple(resources), self._version, self._origin or self)

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

    # -- filtering --------------------------------------------------------------------

    def _index(self, spec: FieldSpec) -> Mapping[Hashable, tuple[int, ...]]:
        """The equality index of a field: key -> positions, built once, on first use."""
        indexes: dict[str, Mapping[Hashable, tuple[int, ...]]] = self.__dict__.setdefault(
            "_indexes", {}
        )
        index = indexes.get(spec.name)
        if index is None:
            lists: dict[Hashable, list[int]] = {}
            for position, resource in enumerate(self._resources):
                for key in spec.index_keys(resource):
                    lists.setdefault(key, []).append(position)
            index = {key: tuple(positions) for key, positions in lists.items()}
            indexes[spec.name] = index
        return index

    def _cache(self, name: str) -> dict[str, Any]:
        """A per-catalogue memo of structures built on first use (indexes, columns)."""
        memo: dict[str, Any] = self.__dict__.setdefault(name, {})
        return memo

    def _index_answer(self, condition: Condition) -> Sequence[int] | None:
        """Positions, in order, that a field's equality index gives for ``condition``."""
        keys = condition.index_keys
        if keys is None or not condition.field.indexed:
            return None
        if condition.field.name == "id":  # the id index is the catalogue's own
            positions = self._positions
            return sorted({positions[k] for k in keys if isinstance(k, str) and k in positions})
        index = self._index(condition.field)
        found = [index.get(key, ()) for key in keys]
        return found[0] if len(found) == 1 else sorted({p for f in found for p in f})

    def _dates(self) -> tuple[list[tuple[int, int, int]], list[int]]:
        """Dated resources in date order: their sort keys and positions, built once."""
        memo = self._cache("_orders")
        if "launch_date" not in memo:
            dated = sorted(
                (r.launch_date.sort_key, p)
                for p, r in enumerate(self._resources)
                if r.launch_date is not None
            )
            memo["launch_date"] = ([k for k, _ in dated], [p for _, p in dated])
        dates: tuple[list[tuple[int, int, int]], list[int]] = memo["launch_date"]
        return dates

    def _date_range(self, bounds: Sequence[tuple[str, tuple[int, int, int]]]) -> list[int]:
        """Positions, in order, of the resources whose date is within every bound."""
        keys, positions = self._dates()
        start, end = 0, len(keys)
        for op, key in bounds:
            if op == "gte":
                start = max(start, bisect.bisect_left(keys, key))
            elif op == "gt":
                start = max(start, bisect.bisect_right(keys, key))
            elif op == "lte":
                end = min(end, bisect.bisect_right(keys, key))
            else:
                end = min(end, bisect.bisect_left(keys, key))
        return sorted(positions[start:end]) if start < end else []

    def _matching(
        self, predicates: Sequence[Predicate], lookups: Mapping[str, object]
    ) -> list[int]:
        """Positions, in order, of the resources that pass every predicate and lookup.

        The plan: every lookup an index can answer (equality on an indexed field, or a
        date bound, answered by bisection in the sorted dates) gives candidates; the
        fewest are kept, and only the lookups they do not already settle are tested.
        """
        for predicate in predicates:
            if not callable(predicate):
                msg = (
                    "positional arguments must be callables taking a Resource, "
                    f"not {type(predicate).__name__}; use field=value for lookups"
                )
                raise TypeError(msg)
        known: Mapping[Hashable, tuple[int, ...]] = {}
        if any(key.split("__")[0] == "languages" for key in lookups):
            known = self._index(FIELDS["languages"])
        conditions = [
            compile_lookup(key, value, known_languages=known.keys())  # type: ignore[arg-type]
            for key, value in lookups.items()
        ]
        candidates: Sequence[int] | None = None
        settled: list[Condition] = []
        for condition in conditions:
            answer = self._index_answer(condition)
            if answer is not None and (candidates is None or len(answer) < len(candidates)):
                candidates = answer
                settled = [condition] if condition.index_exact else []
        bounded = [c for c in conditions if c.date_bound is not None]
        if bounded:
            answer = self._date_range([c.date_bound for c in bounded if c.date_bound])
            if candidates is None or len(answer) < len(candidates):
                candidates, settled = answer, bounded
        if candidates is None:
            candidates = range(len(self._resources))
        tests = [c.test for c in conditions if c not in settled] + list(predicates)
        resources = self._resources
        if not tests:
            return list(candidates)
        return [p for p in candidates if all(test(resources[p]) for test in tests)]

    def filter(self, *predicates: Predicate, **lookups: object) -> Catalogue:
        """The resources that pass every lookup and predicate, in order.

        Lookups use Django's spelling: ``field=value`` or ``field__op=value``, where op
        is one of ``exact``, ``iexact``, ``in``, ``contains``, ``icontains``,
        ``startswith``, ``gt``, ``gte``, ``lt``, ``lte``, ``isnull``, and for dates
        ``year`` and ``month`` (which may be followed by a comparison:
        ``launch_date__year__gte=2018``). Positional arguments are callables taking a
        :class:`Resource`. Everything given must hold (AND); see :meth:`exclude` and
        the ``|``, ``&`` and ``-`` operators for NOT and OR.

        Raises:
            UnknownFieldError: a lookup names a field Resource does not have.
            UnknownLookupError: the ``__op`` part is not supported for the field.
            InvalidValueError: a value cannot be compared with its field.

        >>> import migrantres
        >>> catalogue = migrantres.load()
        >>> catalogue.filter(organizations="IOM", languages="FRA").ids()
        ('remediation-guidelines-victims-human-trafficking-mineral-supply-chains',)
        >>> len(catalogue.filter(launch_date__year=2019, type__startswith="guidance"))
        2
        """
        return self._take(self._matching(predicates, lookups))

    def exclude(self, *predicates: Predicate, **lookups: object) -> Catalogue:
        """The resources :meth:`filter` with the same arguments would leave out, in order.

        ``exclude(a=1, b=2)`` leaves out the resources for which both hold. Resources
        with no value for a compared field (an undated resource, for
        ``launch_date__gte``) never pass the lookup, so ``exclude`` keeps them.
        """
        matched = set(self._matching(predicates, lookups))
        return self._take([p for p in range(len(self._resources)) if p not in matched])

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

    # -- ordering and grouping --------------------------------------------------------

    def sort_by(self, *fields: str) -> Catalogue:
        """The resources sorted by one or more fields; ``"-field"`` sorts descending.

        The sort is stable. Resources with no value for a field (an undated resource)
        come last, whichever the direction. Text sorts without regard to case and
        accents, ties broken by the exact text; types by their value; dates in
        :class:`PartialDate` order, where a less precise date comes first among the
        dates it covers (``2018 < 2018-03 < 2018-03-13 < 2018-04``), the same order
        that ``filter`` uses for ``gt``, ``gte``, ``lt`` and ``lte``.

        >>> import migrantres
        >>> [str(r.launch_date) for r in migrantres.load().sort_by("-launch_date")]
        ['2019-12-10', '2019-03-13', '2019', '2018-03', '2015']
        """
        if not fields:
            msg = "sort_by() needs at least one field, e.g. sort_by('launch_date')"
            raise TypeError(msg)
        keys = [_sort_key(field) for field in fields]
        # One pass per key, least significant first; each pass is stable, so earlier
        # passes break the ties of later ones.
        order = list(range(len(self._resources)))
        for spec, descending in reversed(keys):
            column = self._sort_column(spec)
            present = [p for p in order if column[p] is not None]
            missing = [p for p in order if column[p] is None]
            present.sort(key=column.__getitem__, reverse=descending)
            order = present + missing
        return self._take(order)

    def _sort_column(self, spec: FieldSpec) -> list[Any]:
        """Each resource's sort key for a field (``None`` when missing), computed once."""
        memo = self._cache("_columns")
        column: list[Any] | None = memo.get(spec.name)
        if column is None:
            key = _value_key(spec)
            column = [key(r) for r in self._resources]
            memo[spec.name] = column
        return column

    def _groups(self, field: str) -> dict[Hashable, list[int]]:
        """Group key -> positions, in key order, missing values last; built once a field."""
        memo = self._cache("_groupings")
        groups: dict[Hashable, list[int]] | None = memo.get(field)
        if groups is None:
            keys = _group_keys(field)
            found: dict[Hashable, list[int]] = {}
            for position, resource in enumerate(self._resources):
                for key in keys(resource) or (None,):
                    found.setdefault(key, []).append(position)
            groups = dict(sorted(found.items(), key=lambda item: _group_order(item[0])))
            memo[field] = groups
        return groups

    def group_by(self, field: str) -> dict[Any, Catalogue]:
        """Resources grouped by a field's value, as a dict of key -> catalogue.

        Groups come in the order of their keys (see :meth:`sort_by`), with the group of
        resources that have no value, under ``None``, last. A resource with several
        values of a multi-valued field (``organizations``, ``languages``, ``urls``) is
        in the group of each; so the groups may hold more resources than the catalogue.
        Organizations are grouped by name. A date field may take a transform:
        ``group_by("launch_date__year")``.

        >>> import migrantres
        >>> by_year = migrantres.load().group_by("launch_date__year")
        >>> {year: len(group) for year, group in by_year.items()}
        {2015: 1, 2018: 1, 2019: 3}
        """
        return {key: self._take(positions) for key, positions in self._groups(field).items()}

    def facets(self, field: str) -> dict[Any, int]:
        """How many resources have each value of a field, largest count first.

        Counts are the sizes of :meth:`group_by`'s groups; ties keep the groups' order.

        >>> import migrantres
        >>> migrantres.load().facets("organizations")
        {'International Organization for Migration': 5, 'H&M Group': 1}
        """
        counts = {key: len(group) for key, group in self._groups(field).items()}
        return dict(sorted(counts.items(), key=lambda item: -item[1]))

    counts = facets

    def distinct(self, field: str) -> tuple[Any, ...]:
        """The distinct values of a field, in the order :meth:`group_by` gives its groups."""
        return tuple(self._groups(field))

    # -- search -----------------------------------------------------------------------

    @functools.cached_property
    def _search_index(self) -> SearchIndex:
        return SearchIndex(self._resources)

    def search(self, query: str, *, limit: int | None = None) -> SearchResults:
        """Resources matching a full-text query, best first, with their scores.

        Searches titles, organizations and descriptions, ignoring case and accents.
        Words are alternatives ranked by BM25; ``"quoted words"`` must appear together;
        ``word*`` matches words starting with ``word``. No match is an empty result.
        Equal scores keep the catalogue's order. With ``limit``, only the best
        ``limit`` results are kept, which is faster for a broad query.

        >>> import migrantres
        >>> results = migrantres.load().search('"recruitment fees" migrant')
        >>> results.first().id
        'theory-change-working-together-end-migrant-worker-exploitation'
        >>> round(results.score(results.first().id), 2) > 0
        True
        >>> len(migrantres.load().search("migrant", limit=2))
        2
        """
        if not isinstance(query, str):
            msg = f"a search query must be a str, not {type(query).__name__}"
            raise TypeError(msg)
        if limit is not None and (not isinstance(limit, int) or isinstance(limit, bool)):
            msg = f"limit must be an int or None, not {type(limit).__name__}"
            raise TypeError(msg)
        if limit is not None and limit < 0:
            raise InvalidValueError("limit", limit, "a count of 0 or more, or None")
        parsed = parse_query(query)
        if not parsed:
            raise InvalidValueError("search", query, "a query with at least one word")
        owner = self._origin or self
        if owner is self:
            hits = self._search_index.search(parsed, limit=limit)
            taken = self._take([p for p, _ in hits])
        else:
            mine = self._positions
            resources = owner._resources
            found = owner._search_index.search(parsed, lambda p: resources[p].id in mine)
            ranked = sorted(((mine[resources[p].id], s) for p, s in found), key=lambda h: -h[1])
            hits = ranked if limit is None else ranked[:limit]
            taken = self._take([p for p, _ in hits])
        return SearchResults._ranked(taken, query, tuple(score for _, score in hits))

    # -- serialisation ----------------------------------------------------------------

    def to_records(self) -> list[dict[str, Any]]:
        """Plain, JSON-ready dicts, one per resource, in order.

        >>> import migrantres
        >>> migrantres.load().to_records()[0]["launch_date"]
        '2015'
        """
        return dump_records(self._resources)

    def to_json(self) -> str:
        """The catalogue as JSON: a header with the version, and the records.

        The same catalogue always gives the same text: UTF-8, non-ASCII unescaped,
        two-space indents, keys in field order. :meth:`from_json` reads it back.
        """
        return dump_json(self._resources, self._version)

    def to_jsonl(self) -> str:
        """JSON Lines: one compact record per line. :meth:`from_jsonl` reads it back."""
        return dump_jsonl(self._resources)

    def to_csv(self) -> str:
        """CSV, one row per resource; see the data dictionary for how cells are encoded.

        Cells a spreadsheet would run as formulas are neutralised with a leading
        apostrophe, which :meth:`from_csv` removes. Write it with
        ``encoding="utf-8-sig"`` for spreadsheets that need a byte-order mark.
        """
        return dump_csv(self._resources)

    def to_markdown(self) -> str:
        """A Markdown table of every resource: id, date, type, title, organizations, languages.

        Text from the data is escaped, so no cell can break the table or add markup.
        """
        return markdown_table(self._resources)

    def to_dataframe(self) -> pd.DataFrame:
        """A pandas DataFrame, one row per resource; needs ``pip install 'migrantres[pandas]'``.

        Columns: ``id``, ``title``, ``type`` and ``date_kind`` (their values),
        ``type_label``, ``jurisdiction``, ``organizations`` (a list of names),
        ``acronyms`` (a list, ``None`` where there is none), ``launch_date`` (ISO text),
        ``year`` (a nullable integer), ``precision``, ``languages`` and ``urls`` (lists),
        ``description``.

        Raises:
            MissingDependencyError: pandas is not installed.
        """
        return to_dataframe(self._resources)

    def to_csl_json(self) -> str:
        """CSL-JSON items for Zotero, pandoc and other CSL processors; see the formats guide.

        Organizations are literal authors and ``issued`` has exactly the date parts the
        record knows: ``{"date-parts": [[2018, 3]]}``.
        """
        from migrantres._citations import to_csl_json  # noqa: PLC0415 - it imports this module

        return to_csl_json(self)

    def to_bibtex(self) -> str:
        """BibTeX entries keyed by id, organizations in double braces, LaTeX escaped."""
        from migrantres._citations import to_bibtex  # noqa: PLC0415 - it imports this module

        return to_bibtex(self)

    def to_ris(self) -> str:
        """RIS records for EndNote, Zotero and library catalogues, one line per value."""
        from migrantres._citations import to_ris  # noqa: PLC0415 - it imports this module

        return to_ris(self)

    def _repr_markdown_(self) -> str:
        """The notebook view in Markdown: the first rows as a table."""
        return f"{self!r}\n\n" + markdown_table(self._resources, limit=MAX_ROWS)

    def _repr_html_(self) -> str:
        """The notebook view: an escaped HTML table of the first rows, with links."""
        return table_html(self._resources, caption=repr(self))

    @classmethod
    def _parsed(cls, parsed: Parsed) -> Catalogue:
        return cls._trusted(parsed.records, parsed.version, None)

    @classmethod
    def from_json(cls, data: str | bytes) -> Catalogue:
        """Read what :meth:`to_json` writes (or a JSON array of records).

        Raises:
            LoadError: every problem found, with record and field.
        """
        return cls._parsed(parse_json(data))

    @classmethod
    def from_jsonl(cls, data: str | bytes) -> Catalogue:
        """Read what :meth:`to_jsonl` writes; problems name their line."""
        return cls._parsed(parse_jsonl(data))

    @classmethod
    def from_csv(cls, data: str | bytes) -> Catalogue:
        """Read what :meth:`to_csv` writes; problems name their line."""
        return cls._parsed(parse_csv(data))

    @classmethod
    def from_records(cls, records: Iterable[Mapping[str, Any] | Resource]) -> Catalogue:
        """Make a catalogue from plain dicts, such as :meth:`to_records` gives."""
        return cls._parsed(parse_records(records))

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

    A catalogue in every other way: filter, sort or slice it like any other (the
    result is a plain :class:`Catalogue`; look scores up here by id).
    """

    __slots__ = ()

    query: str

    @classmethod
    def _ranked(cls, found: Catalogue, query: str, scores: tuple[float, ...]) -> SearchResults:
        results = cls.__new__(cls)
        object.__setattr__(results, "_resources", found._resources)
        object.__setattr__(results, "_version", found._version)
        object.__setattr__(results, "_origin", found._origin)
        results.__dict__["query"] = query
        results.__dict__["_hit_scores"] = scores
        return results

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


# -- keys for sorting and grouping ------------------------------------------------------


def _sort_key(field: object) -> tuple[FieldSpec, bool]:
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


def _value_key(spec: FieldSpec) -> Callable[[Resource], Any]:
    get = spec.get
    if spec.kind is Kind.TEXT:
        return lambda r: None if (v := get(r)) is None else (fold(v), v)
    if spec.kind is Kind.ENUM:
        return lambda r: get(r).value
    return lambda r: None if (v := get(r)) is None else v.sort_key


def _group_keys(field: object) -> Callable[[Resource], tuple[Hashable, ...]]:
    """The keys a resource is grouped under for ``field`` (empty when it has no value)."""
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
        return lambda r: tuple(dict.fromkeys(org.name for org in get(r)))
    if spec.multi:
        return lambda r: tuple(dict.fromkeys(get(r)))
    return lambda r: () if (v := get(r)) is None else (v,)


def _group_order(key: object) -> tuple[int, Any]:
    """Groups in the order of their keys; the group of missing values last."""
    if key is None:
        return (1, 0)
    if isinstance(key, str):
        return (0, (fold(key), key))
    if hasattr(key, "sort_key"):
        return (0, key.sort_key)
    return (0, key)
