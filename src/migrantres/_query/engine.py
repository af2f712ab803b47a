"""The query engine: answers a catalogue's queries as positions, from indexes it builds once.

A :class:`~migrantres.Catalogue` owns one engine over its resources and hands it every
query; the engine answers with positions in that catalogue, and the catalogue turns
them into a new catalogue. Each structure below is built on the first query that needs
it and kept, so later queries reuse it. Costs, for n resources, k results and g groups:

* the id index (``cat[id]``, ``get``, ``in``): O(1) a look-up, after an O(n) build.
* ``filter`` and ``exclude`` with an equality lookup on an indexed field (``id``,
  ``type``, ``jurisdiction``, ``organizations``, ``languages``; ``exact``, ``iexact``
  or ``in``): O(k log k), after an O(n) index. With date bounds (``launch_date__gt``,
  ``gte``, ``lt``, ``lte``, ``range``, and the same on ``launch_date__year``):
  O(log n + k log k), after sorting the dates by their first day once, O(n log n)
  (:mod:`~migrantres._query.date_index`). Several such lookups: the smallest answer,
  intersected with each other answer at most a few times its size, O(k + m) for an
  answer of m. Other lookups: O(n), or O(k) on the candidates an index gives. Lookups
  an index answers are not tested again.
* ``sort_by``: O(n log n) per field, after computing that field's keys once, O(n).
* ``group_by``: O(n); ``facets`` and ``distinct``: O(g log g) once the field's
  grouping exists (O(n) the first time).
* ``search``: SQLite FTS5's cost for the query's words (O(postings) to match, then
  BM25 for each match), after an O(total words) index built once per catalogue
  lineage: a catalogue derived from another by filtering, sorting or slicing searches
  the index of the catalogue it came from, and keeps the matches it holds.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final

from migrantres._query.date_index import DateIndex, DateSpan
from migrantres._query.fields import FIELDS, FieldSpec
from migrantres._query.lookups import Condition, compile_lookup
from migrantres._query.ordering import group_keys, group_order, sort_field, value_key

if TYPE_CHECKING:
    from migrantres._query.search import FullTextIndex
    from migrantres._records.fulltext import StoredIndex
    from migrantres._records.models import Resource

__all__ = ["Predicate", "QueryEngine"]

#: A predicate given to filter or exclude as a positional argument.
Predicate = Callable[["Resource"], object]

# An index's answer is intersected with the candidates when it holds at most this many
# positions per candidate: a set costs tens of nanoseconds a position, a lookup's test
# about a microsecond a candidate.
_INTERSECT_WITHIN: Final = 16
# The dates' answer is sorted by position first, which costs about as much again.
_DATES_WITHIN: Final = 4


class QueryEngine:
    """Answers queries over a tuple of resources with positions in that tuple."""

    __slots__ = (
        "_columns",
        "_dates",
        "_groupings",
        "_indexes",
        "_origin",
        "_positions",
        "_resources",
        "_search_index",
        "_search_lock",
        "_stored",
        "_within_origin",
    )

    def __init__(
        self,
        resources: tuple[Resource, ...],
        *,
        origin: QueryEngine | None = None,
        positions: Mapping[str, int] | None = None,
        fulltext: StoredIndex | None = None,
    ) -> None:
        """An engine over ``resources`` (``origin``: the root's; ``fulltext``: a stored index)."""
        self._resources = resources
        self._origin = origin
        self._positions = positions
        self._indexes: dict[str, Mapping[Hashable, tuple[int, ...]]] = {}
        self._dates: DateIndex | None = None
        self._columns: dict[str, list[Any]] = {}
        self._groupings: dict[str, dict[Hashable, list[int]]] = {}
        self._search_index: FullTextIndex | None = None
        self._search_lock = threading.Lock()
        self._stored = fulltext
        self._within_origin: dict[int, int] | None = None

    # -- the id index ---------------------------------------------------------------

    @property
    def positions(self) -> Mapping[str, int]:
        """Each resource's position by id."""
        positions = self._positions
        if positions is None:
            positions = {resource.id: index for index, resource in enumerate(self._resources)}
            self._positions = positions
        return positions

    # -- filtering ------------------------------------------------------------------

    def _index(self, spec: FieldSpec) -> Mapping[Hashable, tuple[int, ...]]:
        """The equality index of a field: key -> positions, built once, on first use."""
        index = self._indexes.get(spec.name)
        if index is None:
            lists: dict[Hashable, list[int]] = {}
            for position, resource in enumerate(self._resources):
                for key in spec.index_keys(resource):
                    lists.setdefault(key, []).append(position)
            index = {key: tuple(positions) for key, positions in lists.items()}
            self._indexes[spec.name] = index
        return index

    def _index_answer(self, condition: Condition) -> Sequence[int] | None:
        """Positions, in order, that a field's equality index gives for ``condition``."""
        keys = condition.index_keys
        if keys is None or not condition.field.indexed:
            return None
        if condition.field.name == "id":  # the id index is the positions by id
            positions = self.positions
            return sorted({positions[k] for k in keys if isinstance(k, str) and k in positions})
        index = self._index(condition.field)
        found = [index.get(key, ()) for key in keys]
        return found[0] if len(found) == 1 else sorted({p for f in found for p in f})

    def _date_index(self) -> DateIndex:
        """The resources' dates in the order of their first days, built once."""
        if self._dates is None:
            self._dates = DateIndex(self._resources)
        return self._dates

    def matching(self, predicates: Sequence[Predicate], lookups: Mapping[str, object]) -> list[int]:
        """Positions, in order, of the resources that pass every predicate and lookup.

        The plan: every lookup an index can answer (equality on an indexed field, or a
        date bound, answered by bisection in the dates sorted by their first day) gives
        candidates; the fewest are kept, and only the lookups they do not already settle
        are tested.
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
        candidates, settled = self._candidates(conditions)
        tests = [c.test for c in conditions if c not in settled] + list(predicates)
        resources = self._resources
        if not tests:
            return list(candidates)
        return [p for p in candidates if all(test(resources[p]) for test in tests)]

    def _candidates(self, conditions: Sequence[Condition]) -> tuple[Sequence[int], list[Condition]]:
        """Positions that may pass ``conditions``, in order, and the conditions they settle.

        Each index's answer is a list of positions, and the date bounds together give
        one more; the fewest are the candidates, and each other exact answer not much
        longer is intersected with them (a set of its positions costs less than testing
        each candidate). The dates' answer is only gathered when it is used.
        """
        answers = sorted(
            (
                (answer, [c] if c.index_exact else [])
                for c in conditions
                if (answer := self._index_answer(c)) is not None
            ),
            key=lambda answer: len(answer[0]),
        )
        bounded = [c for c in conditions if c.date_bound is not None]
        span: DateSpan | None = None
        if bounded:
            span = self._date_index().span([c.date_bound for c in bounded if c.date_bound])
            if not answers or span.most < len(answers[0][0]):
                answers.insert(0, (self._date_index().within(span), bounded))
                span = None
        if not answers:
            return range(len(self._resources)), []
        candidates, settled = answers[0][0], list(answers[0][1])
        for answer, exact in answers[1:]:
            if exact and len(answer) <= _INTERSECT_WITHIN * len(candidates):
                candidates, settled = _intersection(candidates, answer), settled + exact
        if span is not None:  # the dates in order, or each of the few candidates' own
            if span.most <= _DATES_WITHIN * len(candidates):
                candidates = _intersection(candidates, self._date_index().within(span))
            else:
                candidates = self._date_index().select(candidates, span)
            settled += bounded
        return candidates, settled

    def excluding(
        self, predicates: Sequence[Predicate], lookups: Mapping[str, object]
    ) -> list[int]:
        """Positions, in order, of the resources :meth:`matching` leaves out."""
        matched = set(self.matching(predicates, lookups))
        return [p for p in range(len(self._resources)) if p not in matched]

    # -- ordering and grouping ------------------------------------------------------

    def order(self, fields: Sequence[str]) -> list[int]:
        """Positions in the order ``sort_by(*fields)`` gives; missing values last."""
        if not fields:
            msg = "sort_by() needs at least one field, e.g. sort_by('launch_date')"
            raise TypeError(msg)
        keys = [sort_field(field) for field in fields]
        # One pass per key, least significant first; each pass is stable, so earlier
        # passes break the ties of later ones.
        order = list(range(len(self._resources)))
        for spec, descending in reversed(keys):
            column = self._sort_column(spec)
            present = [p for p in order if column[p] is not None]
            missing = [p for p in order if column[p] is None]
            present.sort(key=column.__getitem__, reverse=descending)
            order = present + missing
        return order

    def _sort_column(self, spec: FieldSpec) -> list[Any]:
        """Each resource's sort key for a field (``None`` when missing), computed once."""
        column = self._columns.get(spec.name)
        if column is None:
            key = value_key(spec)
            column = [key(r) for r in self._resources]
            self._columns[spec.name] = column
        return column

    def groups(self, field: str) -> dict[Hashable, list[int]]:
        """Group key -> positions, in key order, missing values last; built once a field."""
        groups = self._groupings.get(field)
        if groups is None:
            keys = group_keys(field)
            found: dict[Hashable, list[int]] = {}
            for position, resource in enumerate(self._resources):
                for key in keys(resource) or (None,):
                    found.setdefault(key, []).append(position)
            groups = dict(sorted(found.items(), key=lambda item: group_order(item[0])))
            self._groupings[field] = groups
        return groups

    def facets(self, field: str) -> dict[Any, int]:
        """How many resources each group of ``field`` holds, largest first, ties in order."""
        counts = {key: len(group) for key, group in self.groups(field).items()}
        return dict(sorted(counts.items(), key=lambda item: -item[1]))

    # -- search ---------------------------------------------------------------------

    @property
    def search_index(self) -> FullTextIndex:
        """The lineage root's full-text index, built once on the first search (threads wait)."""
        if self._origin is not None:
            return self._origin.search_index
        index = self._search_index
        if index is None:
            from migrantres._query.search import FullTextIndex  # noqa: PLC0415 - on first search

            with self._search_lock:
                index = self._search_index
                if index is None:
                    if self._stored is not None:
                        index = FullTextIndex.attach(self._stored)
                    else:
                        index = FullTextIndex.build(self._resources)
                    self._search_index = index
        return index

    def _origin_map(self, origin: QueryEngine) -> dict[int, int]:
        """Each of this catalogue's resources: its position in the root -> its position here."""
        mapping = self._within_origin
        if mapping is None:
            where = origin.positions
            mapping = {where[r.id]: mine for mine, r in enumerate(self._resources)}
            self._within_origin = mapping
        return mapping

    def search(self, query: str, *, limit: int | None = None) -> list[tuple[int, float]]:
        """Positions and scores of the resources matching ``query``, best first.

        Equal scores keep this catalogue's order. See
        :func:`migrantres._query.search.ranked` for the errors raised.
        """
        from migrantres._query.search import ranked  # noqa: PLC0415 - on first search

        within = None if self._origin is None else self._origin_map(self._origin)
        return ranked(lambda: self.search_index, query, limit=limit, within=within)


def _intersection(candidates: Sequence[int], answer: Sequence[int]) -> list[int]:
    """The candidates, in their order, that ``answer`` holds too."""
    members = set(answer)
    return [p for p in candidates if p in members]
