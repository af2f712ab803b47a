"""The ``migrantres`` command: the catalogue from the shell.

Exit status: 0 success; 1 a negative answer; 2 bad usage, a bad query or bad data.
Results go to standard output, messages and errors to standard error.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from typing import TYPE_CHECKING, Any, Final, TextIO

from migrantres._loader import load, manifest
from migrantres._text import record_text, table
from migrantres._version import __version__
from migrantres.exceptions import MigrantresError

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from migrantres._catalogue import Catalogue

__all__ = ["main"]

EXIT_OK: Final = 0
EXIT_NEGATIVE: Final = 1
EXIT_USAGE: Final = 2


def _width(stream: TextIO) -> int:
    """The width to render for: the terminal's, or 100 columns when not a terminal."""
    if "COLUMNS" in os.environ or not stream.isatty():
        return shutil.get_terminal_size((100, 24)).columns
    return shutil.get_terminal_size().columns


def _catalogue(args: argparse.Namespace) -> Catalogue:
    return load(args.data)


def _list(args: argparse.Namespace, out: TextIO) -> int:
    catalogue = _catalogue(args)
    rows = [
        [r.id, "" if r.launch_date is None else str(r.launch_date), r.type.value, r.title]
        for r in catalogue
    ]
    out.write(table(["id", "date", "type", "title"], rows, width=_width(out)) + "\n")
    return EXIT_OK


def _show(args: argparse.Namespace, out: TextIO) -> int:
    resource = _catalogue(args)[args.id]
    if args.format == "json":
        out.write(json.dumps(resource.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n")
    else:
        out.write(record_text(resource, width=min(_width(out), 100)) + "\n")
    return EXIT_OK


class _VersionAction(argparse.Action):
    """Print the package's version and the bundled dataset's, read from its manifest."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: Any) -> None:  # noqa: ANN401
        super().__init__(option_strings, dest, nargs=0, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        sys.stdout.write(f"migrantres {__version__} (dataset {manifest().version})\n")
        parser.exit()


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors exit with status 2 through :func:`main`."""

    def error(self, message: str) -> None:  # type: ignore[override] # raises instead
        raise _UsageError(self.format_usage() + f"{self.prog}: error: {message}")


class _UsageError(Exception):
    pass


def _add_data_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data",
        metavar="FILE",
        default=None,
        help="a catalogue file of your own instead of the bundled catalogue",
    )


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``migrantres`` command."""
    parser = _Parser(
        prog="migrantres",
        description=(
            "Query the catalogue of resources on migrant-worker exploitation, human "
            "trafficking, forced labour and ethical supply chains."
        ),
        epilog="Example: migrantres list",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--version",
        action=_VersionAction,
        help="show the package and dataset versions and exit",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.required = True

    listing = commands.add_parser(
        "list",
        help="list the resources as a table",
        description="List the resources: id, date, type and title.",
        epilog="Example: migrantres list",
    )
    _add_data_option(listing)
    listing.set_defaults(run=_list)

    show = commands.add_parser(
        "show",
        help="show one resource in full",
        description="Show every field of one resource, with its source.",
        epilog="Example: migrantres show migrant-workers-fair-recruitment-treatment-guidelines",
    )
    show.add_argument("id", help="the resource's id (see 'migrantres list')")
    show.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format (default: text)"
    )
    _add_data_option(show)
    show.set_defaults(run=_show)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command with ``argv`` (default: ``sys.argv[1:]``); return the exit status.

    Writes results to ``sys.stdout`` and messages to ``sys.stderr``; never raises for
    bad input, so it can be called in-process.
    """
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        run: Callable[[argparse.Namespace, TextIO], int] = args.run
        return run(args, sys.stdout)
    except SystemExit as exc:  # --help and --version
        return exc.code if isinstance(exc.code, int) else EXIT_OK
    except _UsageError as exc:
        sys.stderr.write(f"{exc}\n")
        return EXIT_USAGE
    except MigrantresError as exc:
        sys.stderr.write(f"migrantres: error: {exc}\n")
        return EXIT_USAGE
    except BrokenPipeError:
        # The reader went away (e.g. `migrantres list | head`): not an error.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
