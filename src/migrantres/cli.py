"""The ``migrantres`` command: every query of the Python API, from the shell.

Results go to standard output; messages and errors to standard error. Exit status:
0 success; 1 a negative answer (``diff`` found differences, ``validate`` found
problems); 2 bad usage, a bad query or unreadable data. Tables fit the terminal;
machine formats (json, jsonl, csv, ids, ...) are never decorated.
"""

from __future__ import annotations

import argparse
import datetime as dt
import enum
import json
import os
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, NoReturn, TextIO

from migrantres._dates import PartialDate, Precision
from migrantres._diff import diff
from migrantres._loader import READERS, load, manifest
from migrantres._query import FIELDS
from migrantres._schema import json_schema
from migrantres._text import record_text, table
from migrantres._version import __version__
from migrantres.exceptions import InvalidDateError, InvalidValueError, LoadError, MigrantresError

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from migrantres._catalogue import Catalogue

__all__ = ["EXPORT_FORMATS", "LIST_FORMATS", "build_parser", "main"]

EXIT_OK: Final = 0
EXIT_NEGATIVE: Final = 1
EXIT_USAGE: Final = 2

#: Output formats of ``list`` and ``search``.
LIST_FORMATS: Final = ("table", "json", "jsonl", "csv", "markdown", "ids")
#: Output formats of ``export``, and the Catalogue method that writes each.
EXPORT_FORMATS: Final = {
    "json": "to_json",
    "jsonl": "to_jsonl",
    "csv": "to_csv",
    "markdown": "to_markdown",
    "csl-json": "to_csl_json",
    "bibtex": "to_bibtex",
    "ris": "to_ris",
}


class UsageError(Exception):
    """Bad usage of the command: printed with the usage line, exit status 2."""


class _Parser(argparse.ArgumentParser):
    """An argument parser that reports errors through :func:`main`, never exiting itself."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{self.format_usage()}{self.prog}: error: {message}")


class _VersionAction(argparse.Action):
    """Print the package's version and the bundled dataset's, read from its manifest."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: Any) -> None:  # noqa: ANN401
        super().__init__(option_strings, dest, nargs=0, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        sys.stdout.write(f"migrantres {__version__} (dataset {manifest().version})\n")
        parser.exit()


def _width() -> int:
    """Columns to render tables for: the terminal's, or 100 when output is not a terminal."""
    return shutil.get_terminal_size((100, 24)).columns


# -- turning options into queries ------------------------------------------------------


def _where(text: str) -> tuple[str, object]:
    """``FIELD[__OP]=VALUE`` as a lookup; values are typed by what the lookup takes."""
    key, sep, raw = text.partition("=")
    if not sep or not key:
        msg = f"--where needs FIELD[__OP]=VALUE, e.g. --where title__icontains=fees; got {text!r}"
        raise UsageError(msg)
    parts = key.split("__")
    op = parts[-1] if len(parts) > 1 else "exact"
    if op == "in":
        values: list[object] = [v.strip() for v in raw.split(",") if v.strip()]
        if "year" in parts or "month" in parts:
            return key, [_integer(key, v) for v in values]
        return key, values
    if op == "isnull":
        if raw.lower() not in {"true", "false"}:
            raise InvalidValueError(key, raw, "true or false")
        return key, raw.lower() == "true"
    if "year" in parts[1:] or "month" in parts[1:]:
        return key, _integer(key, raw)
    return key, raw


def _integer(key: str, raw: object) -> int:
    try:
        return int(str(raw))
    except ValueError:
        raise InvalidValueError(key, raw, "a whole number") from None


def _after(date: PartialDate) -> PartialDate | None:
    """The first date after the period ``date`` covers, at its precision (None after 9999)."""
    if date.end == dt.date.max:
        return None
    following = date.end + dt.timedelta(days=1)
    if date.precision is Precision.YEAR:
        return PartialDate(following.year)
    if date.precision is Precision.MONTH:
        return PartialDate(following.year, following.month)
    return PartialDate.from_date(following)


def _lookups(args: argparse.Namespace) -> dict[str, object]:
    """The lookups the filter options ask for."""
    lookups: dict[str, object] = {}
    if args.type:
        lookups["type__in"] = args.type
    if args.org:
        lookups["organizations__in"] = args.org
    if args.language:
        lookups["languages__in"] = args.language
    if args.since:
        lookups["launch_date__gte"] = args.since
    if args.until:
        try:
            until = PartialDate.parse(args.until)
        except InvalidDateError as exc:
            raise InvalidValueError(
                "--until", args.until, "a date such as 2019 or 2019-03", reason=exc.reason
            ) from None
        after = _after(until)
        if after is not None:
            lookups["launch_date__lt"] = after
        else:
            lookups["launch_date__isnull"] = False
    for clause in args.where or ():
        key, value = _where(clause)
        if key in lookups:
            msg = f"the lookup {key!r} is given twice"
            raise UsageError(msg)
        lookups[key] = value
    return lookups


def _selected(args: argparse.Namespace) -> Catalogue:
    """The catalogue the filter, sort and limit options select."""
    catalogue = load(args.data).filter(**_lookups(args))
    if getattr(args, "sort", None):
        catalogue = catalogue.sort_by(*args.sort)
    if getattr(args, "limit", None) is not None:
        catalogue = catalogue.head(args.limit)
    return catalogue


# -- commands --------------------------------------------------------------------------


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
        out.write(table(headers, rows, width=_width()) + "\n")
    elif fmt == "ids":
        out.write("".join(f"{resource_id}\n" for resource_id in catalogue.ids()))
    elif fmt == "json" and scores is not None:
        records = catalogue.to_records()
        for record in records:
            record["score"] = scores[record["id"]]
        out.write(json.dumps(records, ensure_ascii=False, indent=2) + "\n")
    else:
        out.write(getattr(catalogue, EXPORT_FORMATS[fmt])())


def _list(args: argparse.Namespace) -> int:
    _write_catalogue(_selected(args), args.format, sys.stdout)
    return EXIT_OK


def _search(args: argparse.Namespace) -> int:
    catalogue = load(args.data).filter(**_lookups(args))
    found = catalogue.search(args.text, limit=args.limit)
    _write_catalogue(found, args.format, sys.stdout, scores=dict(found.scores))
    if args.format == "table":
        what = "found" if args.limit is None else "best shown (--limit)"
        sys.stderr.write(f"{len(found)} {what}\n")
    return EXIT_OK


def _show(args: argparse.Namespace) -> int:
    resource = load(args.data)[args.id]
    if args.format == "json":
        sys.stdout.write(
            json.dumps(resource.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"
        )
    elif args.format == "markdown":
        sys.stdout.write(resource._repr_markdown_())
    else:
        sys.stdout.write(record_text(resource, width=min(_width(), 100)) + "\n")
    return EXIT_OK


def _facets(args: argparse.Namespace) -> int:
    counts = load(args.data).filter(**_lookups(args)).facets(args.field)
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
        sys.stdout.write(table(["count", args.field], rows, width=_width()) + "\n")
    return EXIT_OK


def _plain(value: object) -> object:
    """A facet key as JSON can hold it: enums and dates as their text."""
    if isinstance(value, enum.Enum):
        return value.value
    if value is None or isinstance(value, int | str):
        return value
    return str(value)


def _export(args: argparse.Namespace) -> int:
    catalogue = _selected(args)
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


def _schema(_: argparse.Namespace) -> int:
    sys.stdout.write(json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n")
    return EXIT_OK


def _diff(args: argparse.Namespace) -> int:
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


def _validate(args: argparse.Namespace) -> int:
    try:
        catalogue = load(args.path)
    except LoadError as exc:
        noun = "problem" if len(exc.problems) == 1 else "problems"
        sys.stdout.write(f"{args.path}: invalid, {len(exc.problems)} {noun}\n")
        sys.stdout.write("".join(f"  {problem}\n" for problem in exc.problems))
        return EXIT_NEGATIVE
    sys.stdout.write(f"{args.path}: valid, {len(catalogue)} resources\n")
    return EXIT_OK


def _info(args: argparse.Namespace) -> int:
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


# -- the parser ------------------------------------------------------------------------


def _add_filters(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("filters (all must hold)")
    group.add_argument(
        "--type",
        action="append",
        metavar="TYPE",
        help="a resource type, e.g. report or guidance (repeatable: any)",
    )
    group.add_argument(
        "--org",
        action="append",
        metavar="NAME",
        help="an organization's name or acronym, e.g. IOM (repeatable: any)",
    )
    group.add_argument(
        "--language",
        action="append",
        metavar="CODE",
        help="a language, e.g. fr or FRA (repeatable: any)",
    )
    group.add_argument(
        "--since", metavar="DATE", help="dated on or after DATE (2018, 2018-03, March 2018)"
    )
    group.add_argument(
        "--until",
        metavar="DATE",
        help="dated no later than the end of DATE (2019 means all of 2019)",
    )
    group.add_argument(
        "--where",
        action="append",
        metavar="FIELD[__OP]=VALUE",
        help="any lookup of the Python API, e.g. title__icontains=fees or "
        "launch_date__year__gte=2018 (repeatable; 'in' takes comma-separated values)",
    )
    _add_data(parser)


def _add_data(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data",
        metavar="FILE",
        help=f"a catalogue file of your own ({', '.join(READERS)}) instead of the bundled one",
    )


def _command(
    commands: argparse._SubParsersAction[_Parser],
    name: str,
    run: Callable[[argparse.Namespace], int],
    summary: str,
    example: str,
) -> _Parser:
    parser = commands.add_parser(
        name,
        help=summary,
        description=summary[0].upper() + summary[1:] + ".",
        epilog=f"Example:\n  {example}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.set_defaults(run=run)
    return parser


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``migrantres`` command."""
    fields = ", ".join(FIELDS)
    sortable = ", ".join(name for name, spec in FIELDS.items() if not spec.multi)
    parser = _Parser(
        prog="migrantres",
        description=(
            "Query the catalogue of resources on migrant-worker exploitation, human "
            "trafficking, forced labour and ethical supply chains."
        ),
        epilog="Example:\n  migrantres list --org IOM --since 2018 --language fr",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--version", action=_VersionAction, help="show the package and dataset versions and exit"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.required = True

    listing = _command(
        commands,
        "list",
        _list,
        "list resources as a table or in a data format",
        "migrantres list --type guidance --sort -launch_date",
    )
    _add_filters(listing)
    listing.add_argument(
        "--sort",
        action="append",
        metavar="FIELD",
        help=f"sort by FIELD, -FIELD for descending (repeatable); fields: {sortable}",
    )
    listing.add_argument("--limit", type=_count, metavar="N", help="show at most N resources")
    listing.add_argument(
        "--format", choices=LIST_FORMATS, default="table", help="output format (default: table)"
    )

    search = _command(
        commands,
        "search",
        _search,
        "search titles, organizations and descriptions, best match first",
        "migrantres search '\"recruitment fees\" migrant'",
    )
    search.add_argument("text", help='the query: words, "a phrase", prefix*')
    _add_filters(search)
    search.add_argument("--limit", type=_count, metavar="N", help="show at most N results")
    search.add_argument(
        "--format", choices=LIST_FORMATS, default="table", help="output format (default: table)"
    )

    show = _command(
        commands,
        "show",
        _show,
        "show one resource in full, with its source",
        "migrantres show migrant-workers-fair-recruitment-treatment-guidelines",
    )
    show.add_argument("id", help="the resource's id (see 'migrantres list --format ids')")
    show.add_argument(
        "--format",
        choices=("text", "json", "markdown"),
        default="text",
        help="output format (default: text)",
    )
    _add_data(show)

    facets = _command(
        commands,
        "facets",
        _facets,
        "count resources by the values of a field, largest first",
        "migrantres facets organizations",
    )
    facets.add_argument(
        "field", help=f"the field, or launch_date__year / launch_date__month; one of: {fields}"
    )
    _add_filters(facets)
    facets.add_argument(
        "--format",
        choices=("table", "json"),
        default="table",
        help="output format (default: table)",
    )

    export = _command(
        commands,
        "export",
        _export,
        "write resources in a data or citation format",
        "migrantres export --format bibtex --org IOM -o iom.bib",
    )
    export.add_argument(
        "--format", choices=tuple(EXPORT_FORMATS), required=True, help="the format to write"
    )
    export.add_argument(
        "-o", "--output", metavar="FILE", help="write to FILE instead of standard output"
    )
    _add_filters(export)
    export.add_argument(
        "--sort",
        action="append",
        metavar="FIELD",
        help="sort by FIELD, -FIELD for descending (repeatable)",
    )

    _command(
        commands,
        "schema",
        _schema,
        "print the JSON Schema of a record",
        "migrantres schema > resource.schema.json",
    )

    compare = _command(
        commands,
        "diff",
        _diff,
        "compare two catalogue files by id; exit 1 if they differ",
        "migrantres diff old.json new.json",
    )
    compare.add_argument("old", help=f"the old catalogue file ({', '.join(READERS)})")
    compare.add_argument("new", help="the new catalogue file")
    compare.add_argument(
        "--format",
        choices=("text", "markdown", "json"),
        default="text",
        help="output format (default: text)",
    )

    validate = _command(
        commands,
        "validate",
        _validate,
        "check a catalogue file and list every problem; exit 1 if invalid",
        "migrantres validate my-catalogue.json",
    )
    validate.add_argument("path", help=f"the file to check ({', '.join(READERS)})")

    info = _command(
        commands,
        "info",
        _info,
        "show the versions, checksum, size and sources of the bundled dataset",
        "migrantres info",
    )
    info.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format (default: text)"
    )
    return parser


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        msg = f"expected a count of 0 or more, not {text!r}"
        raise argparse.ArgumentTypeError(msg)
    return value


def _joined_sort_values(argv: Sequence[str]) -> list[str]:
    """Let ``--sort -launch_date`` work: argparse would take the value for an option."""
    joined: list[str] = []
    arguments = iter(argv)
    for argument in arguments:
        if argument == "--sort":
            value = next(arguments, None)
            joined.append(argument if value is None else f"--sort={value}")
        else:
            joined.append(argument)
    return joined


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command with ``argv`` (default: ``sys.argv[1:]``); return the exit status.

    Writes results to ``sys.stdout`` and messages to ``sys.stderr``; never raises for
    bad input, so it can be called in-process.
    """
    parser = build_parser()
    try:
        args = parser.parse_args(_joined_sort_values(sys.argv[1:] if argv is None else argv))
        run: Callable[[argparse.Namespace], int] = args.run
        return run(args)
    except SystemExit as exc:  # --help and --version
        return exc.code if isinstance(exc.code, int) else EXIT_OK
    except UsageError as exc:
        sys.stderr.write(f"{exc}\n")
        return EXIT_USAGE
    except MigrantresError as exc:
        sys.stderr.write(f"migrantres: error: {exc}\n")
        return EXIT_USAGE
    except BrokenPipeError:
        # The reader went away (`migrantres list | head`): not an error. Point stdout
        # at /dev/null so the interpreter's final flush does not fail again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
