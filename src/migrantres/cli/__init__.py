"""The ``migrantres`` command: every query of the Python API, from the shell.

Results go to standard output; messages and errors to standard error. Exit status:
0 success; 1 a negative answer (``diff`` found differences, ``validate`` found
problems); 2 bad usage, a bad query or unreadable data. Machine formats (json, jsonl,
csv, ids, ...) are never decorated.

Text for people fits the terminal's width (100 columns when the output is not a
terminal). It wraps between words, under a hanging indent, and nothing is cut: an id,
a URL or a file name is never broken, and one longer than the line stands alone on
its line (the terminal folds it, and a copy holds it whole). The tables of ``list``,
``search`` and ``facets`` give the title the room, put the id (and, in a narrow
terminal, the title) on a line of its own, and add organizations and languages when
the width allows. After a table, one line on standard error says how many resources
it holds, the same way in every command: ``5 resources``, ``1 resource``,
``0 resources`` (and nothing on standard output), or ``2 resources (--limit 2)`` when
``--limit`` stopped it.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

from migrantres.cli._options import (
    EXIT_OK,
    EXIT_USAGE,
    EXPORT_FORMATS,
    LIST_FORMATS,
    UsageError,
    joined_sort_values,
    query_words,
)
from migrantres.cli._parser import build_parser, valued_options
from migrantres.exceptions import MigrantresError

if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable, Sequence

__all__ = ["EXPORT_FORMATS", "LIST_FORMATS", "build_parser", "main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command with ``argv`` (default: ``sys.argv[1:]``); return the exit status.

    Writes results to ``sys.stdout`` and messages to ``sys.stderr``; never raises for
    bad input, so it can be called in-process.
    """
    parser = build_parser()
    try:
        args, unknown = parser.parse_known_args(
            query_words(
                joined_sort_values(sys.argv[1:] if argv is None else argv),
                valued_options(parser, "search"),
            )
        )
        if unknown:
            command: argparse.ArgumentParser = getattr(args, "command_parser", parser)
            command.error(f"unrecognized arguments: {' '.join(unknown)}")
        run: Callable[[argparse.Namespace], int] = args.run
        return run(args)
    except SystemExit as exc:  # --help and --version
        return exc.code if isinstance(exc.code, int) else EXIT_OK
    except UsageError as exc:
        # argparse's own errors come with the usage; the commands' with the same prefix.
        message = str(exc)
        prefix = "" if message.startswith("usage:") else "migrantres: error: "
        sys.stderr.write(f"{prefix}{message}\n")
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
