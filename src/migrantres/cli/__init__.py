"""The ``migrantres`` command: every query of the Python API, from the shell.

Results go to standard output; messages and errors to standard error. Exit status:
0 success; 1 a negative answer (``diff`` found differences, ``validate`` found
problems); 2 bad usage, a bad query or unreadable data. Tables fit the terminal;
machine formats (json, jsonl, csv, ids, ...) are never decorated.
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
)
from migrantres.cli._parser import build_parser
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
        args = parser.parse_args(joined_sort_values(sys.argv[1:] if argv is None else argv))
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
