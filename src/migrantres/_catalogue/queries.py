"""A catalogue's queries: filter, exclude, sort, group, count and search.

Each method hands its arguments to the catalogue's query engine
(:mod:`migrantres._query.engine`) once and makes a catalogue of the positions it
answers with; the engine's documentation gives what each query costs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Sequence

    from migrantres._catalogue.catalogue import Catalogue, SearchResults
    from migrantres._query.engine import Predicate, QueryEngine

__all__ = ["Queries"]


class Queries:
    """The query methods of :class:`~migrantres.Catalogue`."""

    __slots__ = ()

    @property
    def _engine(self) -> QueryEngine:
        raise NotImplementedError

    def _take(self, positions: Sequence[int]) -> Catalogue:
        raise NotImplementedError

    def _found(self, query: str, hits: Sequence[tuple[int, float]]) -> SearchResults:
        raise NotImplementedError

    def filter(self, *predicates: Predicate, **lookups: object) -> Catalogue:
        """The resources that pass every lookup and predicate, in order.

        Lookups use Django's spelling: ``field=value`` or ``field__op=value``, where op
        is one of ``exact``, ``iexact``, ``in``, ``contains``, ``icontains``,
        ``startswith``, ``gt``, ``gte``, ``lt``, ``lte``, ``range``, ``isnull``, and for
        dates ``year`` and ``month`` (which may be followed by a comparison:
        ``launch_date__year__gte=2018``). Positional arguments are callables taking a
        :class:`Resource`. Everything given must hold (AND); see :meth:`exclude` and
        the ``|``, ``&`` and ``-`` operators for NOT and OR.

        Text values are compared in Unicode NFC; case never matters on the categorical
        fields (``type``, ``date_kind``, ``jurisdiction``, ``organizations``,
        ``languages``) and matters on free text but in ``iexact`` and ``icontains``. A
        date bound stands for every day it covers, and a date passes only when every
        day it covers does (``launch_date__lte=2019`` takes in 2019-12-10). ``languages=``
        is a language range (RFC 4647 basic filtering: ``"zh"`` finds ``zh-Hant``);
        ``languages__exact`` is one tag.

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
        return self._take(self._engine.matching(predicates, lookups))

    def exclude(self, *predicates: Predicate, **lookups: object) -> Catalogue:
        """The resources :meth:`filter` with the same arguments would leave out, in order.

        ``exclude(a=1, b=2)`` leaves out the resources for which both hold. Resources
        with no value for a compared field (an undated resource, for
        ``launch_date__gte``) never pass the lookup, so ``exclude`` keeps them.
        """
        return self._take(self._engine.excluding(predicates, lookups))

    # -- ordering and grouping --------------------------------------------------------

    def sort_by(self, *fields: str) -> Catalogue:
        """The resources sorted by one or more fields; ``"-field"`` sorts descending.

        The sort is stable. Resources with no value for a field (an undated resource)
        come last, whichever the direction. Text sorts without regard to case and
        accents, ties broken by the exact text; types by their value; dates in
        :class:`PartialDate` order, where a less precise date comes first among the
        dates it covers (``2018 < 2018-03 < 2018-03-13 < 2018-04``). (Bounds in
        :meth:`filter` compare the days dates cover instead.) A categorical text field
        (``jurisdiction``) sorts spellings that differ only in case together.

        >>> import migrantres
        >>> [str(r.launch_date) for r in migrantres.load().sort_by("-launch_date")]
        ['2019-12-10', '2019-03-13', '2019', '2018-03', '2015']
        """
        return self._take(self._engine.order(fields))

    def group_by(self, field: str) -> dict[Any, Catalogue]:
        """Resources grouped by a field's value, as a dict of key -> catalogue.

        Groups come in the order of their keys (see :meth:`sort_by`), with the group of
        resources that have no value, under ``None``, last. A resource with several
        values of a multi-valued field (``organizations``, ``languages``, ``urls``) is
        in the group of each; so the groups may hold more resources than the catalogue.
        Organizations are grouped by name. On the categorical fields spellings that
        differ only in case are one group, keyed by the spelling of its first resource.
        A date field may take a transform: ``group_by("launch_date__year")``.

        >>> import migrantres
        >>> by_year = migrantres.load().group_by("launch_date__year")
        >>> {year: len(group) for year, group in by_year.items()}
        {2015: 1, 2018: 1, 2019: 3}
        """
        return {key: self._take(p) for key, p in self._engine.groups(field).items()}

    def facets(self, field: str) -> dict[Any, int]:
        """How many resources have each value of a field, largest count first.

        Counts are the sizes of :meth:`group_by`'s groups; ties keep the groups' order.

        >>> import migrantres
        >>> migrantres.load().facets("organizations")
        {'International Organization for Migration': 5, 'H&M Group': 1}
        """
        return self._engine.facets(field)

    counts = facets

    def distinct(self, field: str) -> tuple[Any, ...]:
        """The distinct values of a field, in the order :meth:`group_by` gives its groups."""
        return tuple(self._engine.groups(field))

    # -- search -----------------------------------------------------------------------

    def search(self, query: str, *, limit: int | None = None) -> SearchResults:
        """Resources matching a full-text query, best first, with their scores.

        Searches titles, organizations and descriptions, ignoring case and accents,
        in every script. Every word must match; ``"a phrase"`` (straight or
        typographic quotes) matches its words together; ``-word`` or ``NOT word``
        leaves out; ``a OR b`` matches either; ``word*`` matches words starting with
        ``word``; ``title:``, ``organizations:`` and ``description:`` search one field.
        Ranking is BM25 (SQLite FTS5's) with the fields weighted 3, 2 and 1. Equal
        scores keep this catalogue's order. With ``limit``, only the best ``limit``
        results are kept. No match is an empty result. The queries guide documents
        the language in full.

        Raises:
            InvalidValueError: the query has no word to find, or a malformed part
                (a lone operator, an excluded alternative, a misspelt field prefix),
                named in the message.
            MissingDependencyError: this Python's SQLite has no FTS5.

        >>> import migrantres
        >>> results = migrantres.load().search('“forced labour” migrant*')
        >>> [resource.id[:30] for resource in results]
        ['migrants-vulnerability-human-t', 'theory-change-working-together']
        >>> results.score(results.first().id) > 0
        True
        >>> len(migrantres.load().search("migrant", limit=2))
        2
        """
        return self._found(query, self._engine.search(query, limit=limit))
