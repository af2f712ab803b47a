"""The numbers of the scale guide: file sizes of every export, and queries on Parquet.

Run from the repository root, with the ``arrow`` extra, DuckDB and Polars installed::

    python benchmarks/scale.py                   # 100,000 synthetic records
    python benchmarks/scale.py --size 10000

It prints a Markdown report: the size of each format for one synthetic catalogue
(``generate.py``), the time to write and read it, and the time DuckDB, Polars and the
catalogue in memory take for the same count by type and by organization. A time is
the best of ``--rounds`` runs. Nothing asserts; ``docs/guide/scale.md`` quotes a run.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate

import migrantres

if TYPE_CHECKING:
    from collections.abc import Callable

    from migrantres import Catalogue


def best(run: Callable[[], object], rounds: int) -> float:
    """The best wall-clock time of ``rounds`` runs, in seconds."""
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def sizes(catalogue: Catalogue, folder: Path, rounds: int) -> list[tuple[str, int, float, float]]:
    """(format, bytes, write seconds, read seconds) for each format that reads back."""
    text_formats = {
        "JSON (`to_json`)": ("catalogue.json", catalogue.to_json),
        "JSON, no provenance": ("slim.json", lambda: catalogue.to_json(provenance=False)),
        "JSON Lines (`to_jsonl`)": ("catalogue.jsonl", catalogue.to_jsonl),
        "CSV (`to_csv`)": ("catalogue.csv", catalogue.to_csv),
    }
    rows = []
    for label, (name, write) in text_formats.items():
        path = folder / name
        seconds = best(lambda p=path, w=write: p.write_text(w(), encoding="utf-8"), rounds)
        read = best(lambda p=path: migrantres.load(p), 1)
        rows.append((label, path.stat().st_size, seconds, read))
    for label, name, method in (
        ("Parquet (`to_parquet`, zstd)", "catalogue.parquet", catalogue.to_parquet),
        ("SQLite (`to_sqlite`)", "catalogue.sqlite", catalogue.to_sqlite),
    ):
        path = folder / name
        seconds = best(lambda p=path, m=method: m(p), rounds)
        read = best(lambda p=path: migrantres.load(p), 1)
        rows.append((label, path.stat().st_size, seconds, read))
    return rows


def queries(catalogue: Catalogue, folder: Path, rounds: int) -> list[tuple[str, float, float]]:
    """(engine, seconds for a count by type, seconds for a count by organization)."""
    import duckdb  # noqa: PLC0415 - optional, as in the guide
    import polars as pl  # noqa: PLC0415 - as above

    path = folder / "catalogue.parquet"
    by_type = f"SELECT type, count(*) FROM '{path}' GROUP BY type"  # noqa: S608 - our own file
    by_org = (
        "SELECT o.name, count(*) FROM "  # noqa: S608 - as above
        f"(SELECT unnest(organizations) AS o FROM '{path}') GROUP BY o.name"
    )

    def polars_types() -> object:
        return pl.scan_parquet(path).group_by("type").len().collect()

    def polars_organizations() -> object:
        return (
            pl.scan_parquet(path)
            .select(pl.col("organizations").explode().struct.field("name"))
            .group_by("name")
            .len()
            .collect()
        )

    fresh = migrantres.Catalogue(list(catalogue))
    return [
        (
            "DuckDB on the Parquet file",
            best(lambda: duckdb.sql(by_type).fetchall(), rounds),
            best(lambda: duckdb.sql(by_org).fetchall(), rounds),
        ),
        (
            "Polars on the Parquet file",
            best(polars_types, rounds),
            best(polars_organizations, rounds),
        ),
        (
            "`Catalogue.facets` in memory, first call (builds the index)",
            best(lambda: fresh.facets("type"), 1),
            best(lambda: fresh.facets("organizations"), 1),
        ),
        (
            "`Catalogue.facets` in memory, again",
            best(lambda: fresh.facets("type"), rounds),
            best(lambda: fresh.facets("organizations"), rounds),
        ),
    ]


def main() -> int:
    """Print the report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    catalogue = migrantres.load(generate.ensure(args.size, args.seed))
    versions = ", ".join(
        f"{name} {metadata.version(name)}" for name in ("migrantres", "pyarrow", "duckdb", "polars")
    )
    print(f"{len(catalogue):,} synthetic records (seed {args.seed}); {versions}; ")
    print(f"Python {platform.python_version()}, {os.cpu_count()} CPUs, {platform.machine()}\n")
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        print("| Format | Size | Write | `load()` |\n|---|---:|---:|---:|")
        for label, size, write, read in sizes(catalogue, folder, args.rounds):
            print(f"| {label} | {size / 1e6:,.1f} MB | {write:.2f} s | {read:.2f} s |")
        print("\n| Engine | Count by type | Count by organization |\n|---|---:|---:|")
        for label, types, organizations in queries(catalogue, folder, args.rounds):
            print(f"| {label} | {types * 1000:,.0f} ms | {organizations * 1000:,.0f} ms |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
