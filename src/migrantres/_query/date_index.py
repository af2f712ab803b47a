"""The date index: the resources' dates in the order of their first days.

A date bound (``launch_date__gte``, ``__lt``, ``__range``, ``launch_date__year__gte``...)
passes a resource when every day its date covers lies within the bound: its first day
on or after the bound's first, its last day on or before the bound's last (as ordinals,
see :data:`~migrantres._query.lookups.NEVER`). Sorted by first day, the dates that
start in time are one slice, found by bisection in O(log n); only those also need
their last day compared. For a few candidates from another index, the days of each
are looked up by position instead.
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING, NamedTuple

from migrantres._query.lookups import EVER, NEVER

if TYPE_CHECKING:
    from collections.abc import Sequence

    from migrantres._records.models import Resource

__all__ = ["DateIndex", "DateSpan"]


class DateSpan(NamedTuple):
    """Date bounds, and where the dates that start within them lie in the index."""

    #: The first day (an ordinal) on which a passing date may start.
    low: int
    #: The last day on which it may end.
    high: int
    #: The dates starting from ``low`` to ``high`` are the index's ``first`` to ``end``.
    first: int
    end: int

    @property
    def most(self) -> int:
        """How many dates at most lie within the bounds."""
        return max(0, self.end - self.first)


class DateIndex:
    """The launch dates of a tuple of resources, by first day and by position: O(n log n)."""

    __slots__ = ("_ends", "_firsts", "_lasts", "_latest", "_positions", "_starts")

    def __init__(self, resources: Sequence[Resource]) -> None:
        """Index the dates of ``resources``; undated resources pass no bound."""
        dated = sorted(
            (d.start.toordinal(), d.end.toordinal(), p)
            for p, r in enumerate(resources)
            if (d := r.launch_date) is not None
        )
        self._starts = [s for s, _, _ in dated]
        self._ends = [e for _, e, _ in dated]
        self._positions = [p for *_, p in dated]
        self._latest = max(self._ends, default=0)
        # By position; an undated resource's first day is before every bound's, its
        # last after, so that it passes none.
        self._firsts = [NEVER - 1] * len(resources)
        self._lasts = [EVER + 1] * len(resources)
        for first, last, position in dated:
            self._firsts[position], self._lasts[position] = first, last

    def span(self, bounds: Sequence[tuple[int, int]]) -> DateSpan:
        """Where the dates within every one of ``bounds`` (first and last days) lie."""
        low = max(b[0] for b in bounds)
        high = min(b[1] for b in bounds)
        starts = self._starts
        return DateSpan(
            low, high, bisect.bisect_left(starts, low), bisect.bisect_right(starts, high)
        )

    def within(self, span: DateSpan) -> list[int]:
        """Positions, in order, of the resources whose date lies within ``span``.

        Since a date ends no earlier than it starts, only those starting by the last
        day can end by it: of them, those whose last day is not later pass.
        """
        if span.first >= span.end:
            return []
        chosen = self._positions[span.first : span.end]
        if span.high >= self._latest:  # no date ends after the bound: no last day to compare
            return sorted(chosen)
        ends = self._ends[span.first : span.end]
        return sorted(p for p, last in zip(chosen, ends, strict=True) if last <= span.high)

    def select(self, candidates: Sequence[int], span: DateSpan) -> list[int]:
        """The ``candidates`` (positions), in their order, whose date lies within ``span``."""
        firsts, lasts, low, high = self._firsts, self._lasts, span.low, span.high
        return [p for p in candidates if firsts[p] >= low and lasts[p] <= high]
