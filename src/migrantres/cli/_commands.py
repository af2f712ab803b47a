"""The commands: each reads its arguments, runs one query and writes its answer."""

from __future__ import annotations

import enum
import json
import os
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from migrantres._catalogue.diff import diff
from migrantres._formats.schema import json_schema
from migrantres._formats.terminal import (
    Column,
    catalogue_table,
    labelled,
    record_text,
    table,
    wrap,
    wrap_lines,
)
from migrantres._storage.bundled import manifest
from migrantres._storage.loader import load
from migrantres._version import __version__
from migrantres.cli._options import (
    EXIT_NEGATIVE,
    EXIT_OK,
    EXPORT_FORMATS,
    FILE_FORMATS,
    SLIM_FORMATS,
    SUFFIXES,
    UsageError,
    data,
    lookups,
    selected,
)
from migrantres.exceptions import CorrectionError, LoadError, ParseError
from migrantres.ingest import ingest

if TYPE_CHECKING:
    import argparse

    from migrantres._catalogue.catalogue import Catalogue

__all__ = [
    "diff_command",
    "export_command",
    "facets_command",
    "info_command",
    "ingest_command",
    "list_command",
    "schema_command",
    "search_command",
    "show_command",
    "validate_command",
    "width",
]


def width() -> int:
    """Columns to render tables for: the terminal's, or 100 when output is not a terminal."""
    return shutil.get_terminal_size((100, 24)).columns


def _fitted(text: str) -> str:
    """Messages wrapped to the terminal, or as they are when they go to a file or a pipe."""
    if sys.stdout.isatty() or os.environ.get("COLUMNS"):
        return wrap_lines(text, width())
    return text


def _write_catalogue(
    catalogue: Catalogue,
    fmt: str,
    out: TextIO,
    *,
    scores: dict[str, float] | None = None,
    limit: int | None = None,
) -> None:
    if fmt == "table":
        text = catalogue_table(catalogue, width=width(), scores=scores)
        out.write(text + "\n" if text else "")
        _report_count(len(catalogue), limit)
    elif fmt == "ids":
        out.write("".join(f"{resource_id}\n" for resource_id in catalogue.ids()))
    elif fmt == "json" and scores is not None:
        records = catalogue.to_records()
        for record in records:
            record["score"] = scores[record["id"]]
        out.write(json.dumps(records, ensure_ascii=False, indent=2) + "\n")
    else:
        out.write(getattr(catalogue, EXPORT_FORMATS[fmt])())


def _report_count(number: int, limit: int | None = None) -> None:
    """Say on stderr how many resources a table holds: every table says it the same way."""
    cut = f" (--limit {limit})" if limit is not None and number == limit else ""
    sys.stderr.write(f"{_count(number, 'resource')}{cut}\n")


def list_command(args: argparse.Namespace) -> int:
    _write_catalogue(selected(args), args.format, sys.stdout, limit=args.limit)
    return EXIT_OK


def search_command(args: argparse.Namespace) -> int:
    catalogue = data(args).filter(**lookups(args))
    found = catalogue.search(" ".join(args.text), limit=args.limit)
    _write_catalogue(found, args.format, sys.stdout, scores=dict(found.scores), limit=args.limit)
    return EXIT_OK


def show_command(args: argparse.Namespace) -> int:
    resource = data(args)[args.id]
    if args.format == "json":
        sys.stdout.write(
            json.dumps(resource.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"
        )
    elif args.format == "markdown":
        sys.stdout.write(resource._repr_markdown_())
    else:
        sys.stdout.write(record_text(resource, width=width()) + "\n")
    return EXIT_OK


def facets_command(args: argparse.Namespace) -> int:
    counted = data(args).filter(**lookups(args))
    counts = counted.facets(args.field)
    if args.format == "json":
        sys.stdout.write(
            json.dumps(
                [{"value": _plain(k), "count": n} for k, n in counts.items()],
                ensure_ascii=False,
                indent=2,
            )
            + "\n"
        )
    else:
        rows = [[str(n), "(none)" if k is None else str(_plain(k))] for k, n in counts.items()]
        text = table([Column("count"), Column(args.field, wrap=True)], rows, width=width())
        sys.stdout.write(text + "\n" if text else "")
        _report_count(len(counted))
    return EXIT_OK


def _plain(value: object) -> object:
    """A facet key as JSON can hold it: enums and dates as their text."""
    if isinstance(value, enum.Enum):
        return value.value
    if value is None or isinstance(value, int | str):
        return value
    return str(value)


def export_command(args: argparse.Namespace) -> int:
    fmt, output = args.format, args.output
    to_stdout = output is None or output == "-"
    if fmt in FILE_FORMATS and to_stdout:
        msg = f"--format {fmt} writes a file: give it with -o FILE"
        raise UsageError(msg)
    suffix = "" if to_stdout else Path(output).suffix.lower()
    if fmt not in SUFFIXES.get(suffix, (fmt,)):
        fits = " or ".join(s for s, held in SUFFIXES.items() if fmt in held)
        msg = (
            f"-o {output} names a {'/'.join(SUFFIXES[suffix])} file, but --format is {fmt}: "
            f"give a file name ending in {fits}, or the --format that fits it"
        )
        raise UsageError(msg)
    if not args.provenance and fmt not in SLIM_FORMATS:
        msg = f"--no-provenance applies to {' and '.join(SLIM_FORMATS)}, not to {fmt}"
        raise UsageError(msg)
    catalogue = selected(args)
    options = {} if args.provenance else {"provenance": False}
    try:
        if fmt in FILE_FORMATS:
            getattr(catalogue, FILE_FORMATS[fmt])(output)
        else:
            text = getattr(catalogue, EXPORT_FORMATS[fmt])(**options)
            if to_stdout:
                sys.stdout.write(text)
                return EXIT_OK
            Path(output).write_text(text, encoding="utf-8", newline="")
    except OSError as exc:
        msg = f"cannot write {output}: {exc.strerror or exc}"
        raise UsageError(msg) from None
    sys.stderr.write(f"wrote {_count(len(catalogue), 'resource')} to {output}\n")
    if fmt == "sqlite":
        beside = Path(output).with_name(f"{Path(output).stem}.metadata.json")
        sys.stderr.write(f"wrote Datasette's metadata to {beside}\n")
    return EXIT_OK


def schema_command(_: argparse.Namespace) -> int:
    sys.stdout.write(json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n")
    return EXIT_OK


def diff_command(args: argparse.Namespace) -> int:
    changes = diff(load(args.old), load(args.new))
    if args.format == "markdown":
        sys.stdout.write(changes.to_markdown())
    elif args.format == "json":
        sys.stdout.write(
            json.dumps(
                {
                    "old_version": changes.old_version,
                    "new_version": changes.new_version,
                    "added": [r.id for r in changes.added],
                    "removed": [r.id for r in changes.removed],
                    "changed": [
                        {
                            "id": c.id,
                            "changes": [
                                {"field": f.field, "old": f.old, "new": f.new} for f in c.changes
                            ],
                        }
                        for c in changes.changed
                    ],
                },
                ensure_ascii=False,
                indent=2,
            )
            + "\n"
        )
    else:
        sys.stdout.write(_fitted(changes.to_text()))
    return EXIT_NEGATIVE if changes else EXIT_OK


def validate_command(args: argparse.Namespace) -> int:
    try:
        catalogue = load(args.path)
    except LoadError as exc:
        path = Path(args.path)
        if not (path.is_file() and os.access(path, os.R_OK)):
            raise  # unreadable, not invalid: an error (status 2), not a negative answer
        text = f"{args.path}: invalid, {_count(len(exc.problems), 'problem')}\n"
        text += "".join(f"  {problem}\n" for problem in exc.problems)
        sys.stdout.write(_fitted(text))
        return EXIT_NEGATIVE
    sys.stdout.write(_fitted(f"{args.path}: valid, {_count(len(catalogue), 'resource')}\n"))
    return EXIT_OK


def info_command(args: argparse.Namespace) -> int:
    info = manifest()
    if args.format == "json":
        sys.stdout.write(
            json.dumps(
                {"package_version": __version__, **info.model_dump(mode="json")},
                ensure_ascii=False,
                indent=2,
            )
            + "\n"
        )
        return EXIT_OK
    columns = width()
    lines = labelled(
        [
            ("package version", __version__),
            ("dataset version", f"{info.version} (reviewed {info.as_of})"),
            ("records", str(info.record_count)),
            ("sha256", info.sha256),
        ],
        columns,
    )
    lines.append("sources")
    for s in info.sources:
        lines.extend(wrap(f"{s.document} ({s.publisher})", columns, first="  ", rest="    "))
        lines.extend(wrap(f"{s.file}, sha256 {s.sha256}", columns, first="    ", rest="    "))
    sys.stdout.write("\n".join(lines) + "\n")
    return EXIT_OK


def ingest_command(args: argparse.Namespace) -> int:
    options = {
        "organization": args.organization,
        "corrections": args.corrections,
        "document": args.document,
    }
    if args.check:
        try:
            catalogue = ingest(*args.files, **options)
        except (ParseError, CorrectionError) as exc:
            sys.stdout.write(f"invalid: {exc}\n")
            return EXIT_NEGATIVE
        repairs = sum(len(r.provenance.repairs) for r in catalogue if r.provenance)
        corrections = sum(len(r.provenance.corrections) for r in catalogue if r.provenance)
        sys.stdout.write(
            _fitted(
                f"{', '.join(args.files)}: valid, {_count(len(catalogue), 'resource')}, "
                f"{_count(repairs, 'repair')}, {_count(corrections, 'correction')}\n"
            )
        )
        return EXIT_OK
    if args.output is None or args.output == "-":
        sys.stdout.write(ingest(*args.files, **options).to_json())
        return EXIT_OK
    try:
        catalogue = ingest(*args.files, output=args.output, **options)
    except OSError as exc:
        msg = f"cannot write {args.output}: {exc.strerror or exc}"
        raise UsageError(msg) from None
    sys.stderr.write(f"wrote {_count(len(catalogue), 'resource')} to {args.output}\n")
    return EXIT_OK


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
