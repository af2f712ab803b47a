"""The commands: each reads its arguments, runs one query and writes its answer."""

from __future__ import annotations

import enum
import json
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from migrantres._catalogue.diff import diff
from migrantres._formats.schema import json_schema
from migrantres._formats.terminal import record_text, table
from migrantres._storage.bundled import manifest
from migrantres._storage.loader import load
from migrantres._version import __version__
from migrantres.cli._options import (
    EXIT_NEGATIVE,
    EXIT_OK,
    EXPORT_FORMATS,
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


def _write_catalogue(
    catalogue: Catalogue, fmt: str, out: TextIO, *, scores: dict[str, float] | None = None
) -> None:
    if fmt == "table":
        headers = ["id", "date", "type", "title"]
        rows = [
            [r.id, "" if r.launch_date is None else str(r.launch_date), r.type.value, r.title]
            for r in catalogue
        ]
        if scores is not None:
            headers.insert(1, "score")
            for row, resource in zip(rows, catalogue, strict=True):
                row.insert(1, f"{scores[resource.id]:.2f}")
        out.write(table(headers, rows, width=width()) + "\n")
    elif fmt == "ids":
        out.write("".join(f"{resource_id}\n" for resource_id in catalogue.ids()))
    elif fmt == "json" and scores is not None:
        records = catalogue.to_records()
        for record in records:
            record["score"] = scores[record["id"]]
        out.write(json.dumps(records, ensure_ascii=False, indent=2) + "\n")
    else:
        out.write(getattr(catalogue, EXPORT_FORMATS[fmt])())


def list_command(args: argparse.Namespace) -> int:
    _write_catalogue(selected(args), args.format, sys.stdout)
    return EXIT_OK


def search_command(args: argparse.Namespace) -> int:
    catalogue = data(args).filter(**lookups(args))
    found = catalogue.search(" ".join(args.text), limit=args.limit)
    _write_catalogue(found, args.format, sys.stdout, scores=dict(found.scores))
    if args.format == "table":
        what = "found" if args.limit is None else "best shown (--limit)"
        sys.stderr.write(f"{len(found)} {what}\n")
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
        sys.stdout.write(record_text(resource, width=min(width(), 100)) + "\n")
    return EXIT_OK


def facets_command(args: argparse.Namespace) -> int:
    counts = data(args).filter(**lookups(args)).facets(args.field)
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
        sys.stdout.write(table(["count", args.field], rows, width=width()) + "\n")
    return EXIT_OK


def _plain(value: object) -> object:
    """A facet key as JSON can hold it: enums and dates as their text."""
    if isinstance(value, enum.Enum):
        return value.value
    if value is None or isinstance(value, int | str):
        return value
    return str(value)


def export_command(args: argparse.Namespace) -> int:
    catalogue = selected(args)
    text = getattr(catalogue, EXPORT_FORMATS[args.format])()
    if args.output is None or args.output == "-":
        sys.stdout.write(text)
    else:
        try:
            Path(args.output).write_text(text, encoding="utf-8", newline="")
        except OSError as exc:
            msg = f"cannot write {args.output}: {exc.strerror or exc}"
            raise UsageError(msg) from None
        sys.stderr.write(f"wrote {len(catalogue)} resources to {args.output}\n")
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
        sys.stdout.write(changes.to_text())
    return EXIT_NEGATIVE if changes else EXIT_OK


def validate_command(args: argparse.Namespace) -> int:
    try:
        catalogue = load(args.path)
    except LoadError as exc:
        noun = "problem" if len(exc.problems) == 1 else "problems"
        sys.stdout.write(f"{args.path}: invalid, {len(exc.problems)} {noun}\n")
        sys.stdout.write("".join(f"  {problem}\n" for problem in exc.problems))
        return EXIT_NEGATIVE
    sys.stdout.write(f"{args.path}: valid, {len(catalogue)} resources\n")
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
    lines = [
        f"package version  {__version__}",
        f"dataset version  {info.version} (reviewed {info.as_of})",
        f"records          {info.record_count}",
        f"sha256           {info.sha256}",
        "sources",
        *(f"  {s.document} ({s.publisher})\n    {s.file}, sha256 {s.sha256}" for s in info.sources),
    ]
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
            f"{', '.join(args.files)}: valid, {_count(len(catalogue), 'resource')}, "
            f"{_count(repairs, 'repair')}, {_count(corrections, 'correction')}\n"
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
