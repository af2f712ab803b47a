"""Where a search's time goes: matching, BM25 in SQLite, and the Python around them.

Run from the repository root (about a minute at 100,000 records)::

    python benchmarks/search_costs.py                # 100,000 synthetic records
    python benchmarks/search_costs.py --size 10000

For the selective and the broad query of ``run.py``, it times, on the index a first
search builds, each step a search takes and the same query stripped of one step:
FTS5 counting the matches; handing their rowids to Python; counting the documents
of each phrase alone, as FTS5's ``bm25()`` does once per query for its IDF; the
engine's own SQL with ``bm25()`` for every match (ordered, and with ``LIMIT``); the
engine's ``ranked()``; and ``Catalogue.search``. A time is the median of
``--rounds`` runs. Nothing asserts; ``docs/performance.md`` quotes a run.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate
from run import BROAD, SELECTIVE

import migrantres
from migrantres._query.search_query import parse_query
from migrantres._records import fulltext

if TYPE_CHECKING:
    from collections.abc import Callable


def median_ms(run: Callable[[], object], rounds: int) -> float:
    """The median wall-clock time of ``rounds`` runs, in milliseconds."""
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main(argv: list[str] | None = None) -> int:
    """Print the report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args(argv)
    catalogue = migrantres.load(generate.ensure(args.size))
    catalogue.search("x")  # the index, built once
    index = catalogue._engine.search_index  # noqa: SLF001 - measuring the engine's parts
    connection = index._connection  # noqa: SLF001
    table = index._table  # noqa: SLF001
    weights = ", ".join(map(str, fulltext.WEIGHTS))
    # The table's name is the engine's constant; the query is always a bound parameter.
    counted = f"SELECT count(*) FROM {table} WHERE {table} MATCH ?"  # noqa: S608
    rowids = f"SELECT rowid FROM {table} WHERE {table} MATCH ?"  # noqa: S608
    scored = f"SELECT rowid, -bm25({table}, {weights}) AS score FROM {table} WHERE {table} MATCH ?"  # noqa: S608
    print(f"{args.size:,} records; median of {args.rounds} runs; SQLite {_sqlite_version()}\n")
    print(f"| Step | `{SELECTIVE}` | `{BROAD}`, limit=10 |")
    print("|---|---|---|")
    rows: dict[str, list[str]] = {}
    for query, limit in ((SELECTIVE, None), (BROAD, 10)):
        expression = parse_query(query).to_fts5()
        phrases = [p for p in expression.replace("(", " ").replace(")", " ").split(" AND ") if p]
        count = connection.execute(counted, (expression,)).fetchone()[0]
        ordered = scored + " ORDER BY score DESC, rowid" + (f" LIMIT {limit}" if limit else "")

        def sql(text: str, *parameters: object) -> Callable[[], object]:
            return lambda: connection.execute(text, parameters).fetchall()

        steps = {
            "matches": f"{count:,}",
            "parse the query": median_ms(lambda q=query: parse_query(q).to_fts5(), args.rounds),
            "FTS5 counts the matches": median_ms(sql(counted, expression), args.rounds),
            "their rowids to Python": median_ms(sql(rowids, expression), args.rounds),
            "each phrase's documents counted (bm25's IDF)": sum(
                median_ms(sql(counted, phrase), args.rounds) for phrase in phrases
            ),
            "bm25() of every match, to Python": median_ms(sql(scored, expression), args.rounds),
            "the engine's SQL (bm25, ordered)": median_ms(sql(ordered, expression), args.rounds),
            "the engine's ranked()": median_ms(
                lambda q=query, n=limit: catalogue._engine.search(q, limit=n),  # noqa: SLF001
                args.rounds,
            ),
            "Catalogue.search": median_ms(
                lambda q=query, n=limit: catalogue.search(q, limit=n), args.rounds
            ),
        }
        for step, value in steps.items():
            rows.setdefault(step, []).append(value if isinstance(value, str) else f"{value:.2f} ms")
    for step, values in rows.items():
        print(f"| {step} | " + " | ".join(values) + " |")
    return 0


def _sqlite_version() -> str:
    import sqlite3  # noqa: PLC0415 - a search imports it too

    return sqlite3.sqlite_version


if __name__ == "__main__":
    raise SystemExit(main())
