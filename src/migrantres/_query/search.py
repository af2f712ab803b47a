"""Ranked full-text search on SQLite FTS5, from the standard library's ``sqlite3``.

The layout of the index (its columns, tokenizer, the text it holds and how queries
are written) is the contract of :mod:`migrantres._records.fulltext`. The query
language is parsed by :mod:`migrantres._query.search_query`, which writes every word
and phrase as a quoted FTS5 string: user text never reaches FTS5 unquoted.

An index is built in memory once per catalogue lineage, on the first search, or handed
over already built (a catalogue read from a file that stores one). Ranking is FTS5's
BM25 (``k1 = 1.2``, ``b = 0.75``) with the column weights 3, 2 and 1; a better match
has a higher score, and every score is positive.

Many threads may search one index at once: the index is built once, under a lock, and
its connection is used by one thread at a time.
"""

from __future__ import annotations

import heapq
import itertools
import queue
import threading
from typing import TYPE_CHECKING, Final

from migrantres._query.search_query import parse_query
from migrantres._records import fulltext
from migrantres.exceptions import InvalidValueError

if TYPE_CHECKING:
    import sqlite3
    from collections.abc import Callable, Iterator, Mapping, Sequence

    from migrantres._records.models import Resource

__all__ = ["FullTextIndex", "connect", "ranked"]

_TABLE: Final = "fulltext"
_FEATURE: Final = "full-text search"


def connect() -> sqlite3.Connection:
    """A new in-memory database, usable from any thread.

    Raises:
        MissingDependencyError: this Python has no ``sqlite3`` module.
    """
    try:
        import sqlite3  # noqa: PLC0415 - only a search needs it
    except ImportError as exc:
        raise fulltext.missing_fts5(_FEATURE, str(exc)) from exc
    return sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None)


# FTS5 merges its segments as it goes (automerge); while one build inserts every row,
# merging once enough segments pile up (crisismerge) costs less, for the same index.
_BUILD_OPTIONS: Final = (("automerge", 0), ("crisismerge", 64))
_BATCH: Final = 2000
_CONFIGURE: Final = f"INSERT INTO {_TABLE} ({_TABLE}, rank) VALUES (?, ?)"  # noqa: S608 - constants

_Row = tuple[int, str, str, str]


def _insert_all(connection: sqlite3.Connection, resources: Sequence[Resource]) -> None:
    """Insert every resource's prepared text, preparing and inserting at once.

    The text is prepared in Python, in this thread, while another thread has SQLite
    index the rows already prepared: SQLite works without holding the interpreter
    lock, so the two go on together.
    """
    batches: queue.Queue[list[_Row] | None] = queue.Queue(maxsize=4)
    failure: list[BaseException] = []

    def rows() -> Iterator[_Row]:
        while (batch := batches.get()) is not None:
            yield from batch

    def insert() -> None:
        try:
            connection.execute("BEGIN")
            connection.executemany(
                f"INSERT INTO {_TABLE} (rowid, {', '.join(fulltext.COLUMNS)}) VALUES (?, ?, ?, ?)",  # noqa: S608 - constant names
                rows(),
            )
            connection.execute("COMMIT")
        except BaseException as exc:  # handed to the caller's thread  # noqa: BLE001
            failure.append(exc)
            while batches.get() is not None:  # let the producer finish
                pass

    worker = threading.Thread(target=insert, name="migrantres-fulltext-build")
    worker.start()
    document_texts = fulltext.document_texts
    try:
        for start in range(0, len(resources), _BATCH):
            chunk = resources[start : start + _BATCH]
            batches.put([(start + i, *document_texts(r)) for i, r in enumerate(chunk)])
    finally:
        batches.put(None)
        worker.join()
    if failure:
        raise failure[0]


class FullTextIndex:
    """An FTS5 index of a sequence of resources, searched by position.

    Build one with :meth:`build`, or wrap one already built with :meth:`attach`.
    """

    __slots__ = ("_connection", "_in_order", "_lock", "_positions", "_select", "_table")

    def __init__(
        self,
        connection: sqlite3.Connection,
        table: str,
        positions: Mapping[int, int] | None = None,
    ) -> None:
        """Search ``table`` on ``connection``; ``positions`` maps rowids to positions.

        Without ``positions``, each rowid is the position itself.
        """
        self._connection = connection
        self._table = table
        self._positions = positions
        # Rowids in the order of their positions: SQLite can then break ties itself.
        self._in_order = positions is None or _increasing(positions)
        self._lock = threading.Lock()
        name = '"' + table.replace('"', '""') + '"'
        weights = ", ".join(str(weight) for weight in fulltext.WEIGHTS)
        self._select = (
            f"SELECT rowid, -bm25({name}, {weights}) AS score FROM {name} "  # noqa: S608 - names are quoted, values bound
            f"WHERE {name} MATCH ?"
        )

    @classmethod
    def build(cls, resources: Sequence[Resource]) -> FullTextIndex:
        """Index ``resources`` in a new in-memory database: O(total words).

        Raises:
            MissingDependencyError: this Python's SQLite has no FTS5.
        """
        connection = connect()
        try:
            fulltext.create_table(connection, _TABLE, feature=_FEATURE)
        except BaseException:
            connection.close()
            raise
        for option, value in _BUILD_OPTIONS:
            connection.execute(_CONFIGURE, (option, value))
        _insert_all(connection, resources)
        return cls(connection, _TABLE)

    @classmethod
    def attach(cls, stored: fulltext.StoredIndex) -> FullTextIndex:
        """Search an index already built in the layout of :mod:`~migrantres._records.fulltext`."""
        return cls(stored.connection, stored.table, stored.positions)

    def search(self, expression: str, *, limit: int | None = None) -> list[tuple[int, float]]:
        """Positions and scores of the matches, best first, ties in position order.

        ``expression`` is an FTS5 query (from
        :meth:`~migrantres._query.search_query.Query.to_fts5`).
        """
        if self._in_order:
            sql = self._select + " ORDER BY score DESC, rowid"
            parameters: tuple[object, ...] = (expression,)
            if limit is not None:
                sql += " LIMIT ?"
                parameters = (expression, limit)
            with self._lock:
                hits: list[tuple[int, float]] = self._connection.execute(sql, parameters).fetchall()
            positions = self._positions
            return hits if positions is None else [(positions[r], s) for r, s in hits]
        hits = self.matches(expression)
        hits.sort(key=lambda hit: (-hit[1], hit[0]))
        return hits if limit is None else hits[:limit]

    def matches(self, expression: str) -> list[tuple[int, float]]:
        """Positions and scores of every match, in no particular order."""
        with self._lock:
            hits: list[tuple[int, float]] = self._connection.execute(
                self._select, (expression,)
            ).fetchall()
        positions = self._positions
        return hits if positions is None else [(positions[r], s) for r, s in hits]


def _increasing(positions: Mapping[int, int]) -> bool:
    """Whether positions increase with rowids."""
    ordered = [positions[rowid] for rowid in sorted(positions)]
    return all(a < b for a, b in itertools.pairwise(ordered))


def ranked(
    index: Callable[[], FullTextIndex],
    query: str,
    *,
    limit: int | None = None,
    within: Mapping[int, int] | None = None,
) -> list[tuple[int, float]]:
    """Positions and scores of the resources matching ``query``, best first.

    ``index`` gives the lineage's index (built on the first call). ``within`` maps the
    positions in the index of the resources searched to their positions in the
    catalogue searched, for a catalogue derived from the indexed one; equal scores
    keep the order of the catalogue searched.

    Raises:
        TypeError: ``query`` is not text, or ``limit`` is not an int or ``None``.
        InvalidValueError: the query has no word or a malformed part (see
            :mod:`~migrantres._query.search_query`), or ``limit`` is negative.
        MissingDependencyError: this Python's SQLite has no FTS5.
    """
    if not isinstance(query, str):
        msg = f"a search query must be a str, not {type(query).__name__}"
        raise TypeError(msg)
    if limit is not None and (not isinstance(limit, int) or isinstance(limit, bool)):
        msg = f"limit must be an int or None, not {type(limit).__name__}"
        raise TypeError(msg)
    if limit is not None and limit < 0:
        raise InvalidValueError("limit", limit, "a count of 0 or more, or None")
    expression = parse_query(query).to_fts5()
    if within is None:
        return index().search(expression, limit=limit)
    found = [
        (position, score)
        for root, score in index().matches(expression)
        if (position := within.get(root)) is not None
    ]
    if limit is not None:
        return heapq.nsmallest(limit, found, key=lambda hit: (-hit[1], hit[0]))
    found.sort(key=lambda hit: (-hit[1], hit[0]))
    return found
