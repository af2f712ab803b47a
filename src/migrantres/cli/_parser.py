"""The argument parser of the ``migrantres`` command: its commands, options and help."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any, NoReturn

from migrantres._query.fields import FIELDS
from migrantres._storage.bundled import manifest
from migrantres._storage.loader import READERS
from migrantres._version import __version__
from migrantres.cli._commands import (
    diff_command,
    export_command,
    facets_command,
    info_command,
    ingest_command,
    list_command,
    schema_command,
    search_command,
    show_command,
    validate_command,
)
from migrantres.cli._help import HelpFormatter
from migrantres.cli._options import EXPORT_FORMATS, FILE_FORMATS, LIST_FORMATS, UsageError, count

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

__all__ = ["Parser", "build_parser", "valued_options"]


class Parser(argparse.ArgumentParser):
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
        metavar="LANGUAGE",
        help="a language tag, code or name, e.g. fr, FRA or French; zh also matches zh-Hant "
        "(repeatable: any)",
    )
    group.add_argument(
        "--since",
        metavar="DATE",
        help="dated from the start of DATE on (2018, 2018-03, March 2018); "
        "a date coarser than DATE must lie wholly after its start",
    )
    group.add_argument(
        "--until",
        metavar="DATE",
        help="dated no later than the end of DATE (2019 means all of 2019); "
        "a date coarser than DATE must lie wholly before its end",
    )
    group.add_argument(
        "--where",
        action="append",
        metavar="FIELD[__OP]=VALUE",
        help="any lookup of the Python API, e.g. title__icontains=fees or "
        "launch_date__year__gte=2018 (repeatable; 'in' and 'range' take comma-separated "
        "values)",
    )
    _add_data(parser)


def _add_data(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data",
        action="append",
        metavar="FILE",
        help=f"a catalogue file of your own ({', '.join(READERS)}) instead of the bundled "
        "one; repeat it to combine several files, in order",
    )
    parser.add_argument(
        "--with-bundled",
        action="store_true",
        help="combine the bundled catalogue with the --data files, the bundled one first",
    )
    parser.add_argument(
        "--on-duplicate",
        choices=("error", "first", "last"),
        default="error",
        help="an id in two sources: refuse (error, the default), or keep the record of "
        "the first or the last source that has it",
    )


def _command(
    commands: argparse._SubParsersAction[Parser],
    name: str,
    run: Callable[[argparse.Namespace], int],
    summary: str,
    example: str,
) -> Parser:
    parser = commands.add_parser(
        name,
        help=summary,
        description=summary[0].upper() + summary[1:] + ".",
        epilog=f"Example:\n  {example}",
        formatter_class=HelpFormatter,
    )
    # The command's own parser, to report what it did not recognise with its usage.
    parser.set_defaults(run=run, command_parser=parser)
    return parser


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``migrantres`` command."""
    fields = ", ".join(FIELDS)
    sortable = ", ".join(name for name, spec in FIELDS.items() if not spec.multi)
    parser = Parser(
        prog="migrantres",
        description=(
            "Query the catalogue of resources on migrant-worker exploitation, human "
            "trafficking, forced labour and ethical supply chains."
        ),
        epilog="Example:\n  migrantres list --org IOM --since 2018 --language fr",
        formatter_class=HelpFormatter,
    )
    parser.add_argument(
        "--version", action=_VersionAction, help="show the package and dataset versions and exit"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    commands.required = True

    listing = _command(
        commands,
        "list",
        list_command,
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
    listing.add_argument("--limit", type=count, metavar="N", help="show at most N resources")
    listing.add_argument(
        "--format", choices=LIST_FORMATS, default="table", help="output format (default: table)"
    )

    search = _command(
        commands,
        "search",
        search_command,
        "search titles, organizations and descriptions, best match first",
        "migrantres search '\"recruitment fees\" migrant'",
    )
    search.add_argument(
        "text",
        nargs="+",
        help="the query, in one argument or several (joined by spaces): words that must all "
        'match, "a phrase", prefix*, -word or NOT word to leave out, a OR b, title:word, '
        "organizations:word, description:word; -word needs no quotes (-h alone is help), "
        "and options may come before, between or after the words, but not after --",
    )
    _add_filters(search)
    search.add_argument("--limit", type=count, metavar="N", help="show at most N results")
    search.add_argument(
        "--format", choices=LIST_FORMATS, default="table", help="output format (default: table)"
    )

    show = _command(
        commands,
        "show",
        show_command,
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
        facets_command,
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
        export_command,
        "write resources in a data or citation format, or as a Parquet or SQLite file",
        "migrantres export --format bibtex --org IOM -o iom.bib\n"
        "  migrantres export --format parquet -o catalogue.parquet\n"
        "  migrantres export --format sqlite -o catalogue.sqlite",
    )
    export.add_argument(
        "--format",
        choices=(*EXPORT_FORMATS, *FILE_FORMATS),
        required=True,
        help="the format to write; parquet (needs pyarrow, the 'arrow' extra) and sqlite "
        "write a file, named with -o; sqlite also writes Datasette's metadata beside it, "
        "as NAME.metadata.json (datasette NAME.sqlite -m NAME.metadata.json)",
    )
    export.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write to FILE instead of standard output; a FILE named for one format "
        "(.json, .jsonl, .csv, .md, .bib, .ris, .parquet, .sqlite...) must be of that format",
    )
    export.add_argument(
        "--no-provenance",
        dest="provenance",
        action="store_false",
        help="leave each record's provenance out (json and jsonl): the slim form for APIs",
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
        schema_command,
        "print the JSON Schema of a record",
        "migrantres schema > resource.schema.json",
    )

    compare = _command(
        commands,
        "diff",
        diff_command,
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
        validate_command,
        "check a catalogue file and list every problem; exit 1 if invalid",
        "migrantres validate my-catalogue.json",
    )
    validate.add_argument("path", help=f"the file to check ({', '.join(READERS)})")

    ingest = _command(
        commands,
        "ingest",
        ingest_command,
        "read compendium-format text into a validated catalogue file, with provenance",
        "migrantres ingest ngo-section.txt -o ngo.json",
    )
    ingest.add_argument("files", nargs="+", metavar="FILE", help="the text files (UTF-8)")
    ingest.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write the catalogue to FILE (.json, .jsonl, .ndjson or .csv) instead of "
        "standard output (JSON); written only when every record is valid",
    )
    ingest.add_argument(
        "--check",
        action="store_true",
        help="write nothing: report whether the text reads, and what it holds; "
        "exit 1 if it does not",
    )
    ingest.add_argument(
        "--organization",
        metavar="HEADING",
        help="the section's own organization, for text without a heading, written as "
        "the compendium's headings are: 'Name (ACRONYM)' or 'Name'",
    )
    ingest.add_argument(
        "--corrections",
        metavar="FILE",
        help="reviewed corrections, in the format of upstream/corrections.toml",
    )
    ingest.add_argument(
        "--document",
        metavar="TEXT",
        help="the document the text comes from, for the provenance (default: the file name)",
    )

    info = _command(
        commands,
        "info",
        info_command,
        "show the versions, checksum, size and sources of the bundled dataset",
        "migrantres info",
    )
    info.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format (default: text)"
    )
    return parser


def valued_options(parser: argparse.ArgumentParser, command: str) -> frozenset[str]:
    """The long options of ``command`` that take a value, as ``parser`` defines them.

    argparse keeps a parser's actions to itself (``_actions``); they are read here,
    where the parser is built, and nowhere else.
    """
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))  # noqa: SLF001
    chosen: argparse.ArgumentParser = commands.choices[command]
    return frozenset(
        option
        for action in chosen._actions  # noqa: SLF001
        if action.nargs != 0
        for option in action.option_strings
        if option.startswith("--")
    )
