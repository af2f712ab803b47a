"""What the command line's options mean: lookups, selections and their limits."""

from __future__ import annotations

import argparse
import itertools
from typing import TYPE_CHECKING, Final

from migrantres._query.params import lookups_from_params
from migrantres._storage.loader import load
from migrantres.exceptions import InvalidValueError

if TYPE_CHECKING:
    from collections.abc import Collection, Sequence

    from migrantres._catalogue.catalogue import Catalogue

__all__ = [
    "EXIT_NEGATIVE",
    "EXIT_OK",
    "EXIT_USAGE",
    "EXPORT_FORMATS",
    "FILE_FORMATS",
    "LIST_FORMATS",
    "SLIM_FORMATS",
    "SUFFIXES",
    "UsageError",
    "count",
    "data",
    "joined_sort_values",
    "lookups",
    "query_words",
    "selected",
]

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
    "biblatex": "to_biblatex",
    "ris": "to_ris",
}
#: Formats ``export`` writes to a file only (``-o FILE``), and the method that writes each.
FILE_FORMATS: Final = {"parquet": "to_parquet", "sqlite": "to_sqlite"}
#: File name extensions, and the export formats a file of each may hold: ``export``
#: refuses ``-o x.csv`` with ``--format json``. Other extensions take any format.
SUFFIXES: Final = {
    ".json": ("json", "csl-json"),
    ".jsonl": ("jsonl",),
    ".ndjson": ("jsonl",),
    ".csv": ("csv",),
    ".md": ("markdown",),
    ".markdown": ("markdown",),
    ".bib": ("bibtex", "biblatex"),
    ".ris": ("ris",),
    ".parquet": ("parquet",),
    ".sqlite": ("sqlite",),
    ".sqlite3": ("sqlite",),
    ".db": ("sqlite",),
}
#: Formats whose records can leave their provenance out (``--no-provenance``).
SLIM_FORMATS: Final = ("json", "jsonl")


class UsageError(Exception):
    """Bad usage of the command: printed with the usage line, exit status 2."""


#: The filter options, and the parameter of :func:`lookups_from_params` each gives.
_OPTION_PARAMS: Final = {
    "--type": "type",
    "--org": "organizations",
    "--language": "languages",
    "--since": "since",
    "--until": "until",
}


def where(text: str) -> tuple[str, str]:
    """``FIELD[__OP]=VALUE`` as a parameter's name and value."""
    key, sep, raw = text.partition("=")
    if not sep or not key:
        msg = f"--where needs FIELD[__OP]=VALUE, e.g. --where title__icontains=fees; got {text!r}"
        raise UsageError(msg)
    return key, raw


def lookups(args: argparse.Namespace) -> dict[str, object]:
    """The lookups the filter options ask for: all must hold."""
    given = {
        param: getattr(args, option.removeprefix("--").replace("-", "_")) or ()
        for option, param in _OPTION_PARAMS.items()
    }
    try:
        found = lookups_from_params(given)
    except InvalidValueError as exc:
        option = next(o for o, p in _OPTION_PARAMS.items() if p == exc.field)
        raise InvalidValueError(option, exc.value, exc.expected, reason=exc.reason) from None
    for key, value in lookups_from_params([where(c) for c in args.where or ()]).items():
        if key in found:
            msg = f"the lookup {key!r} is given twice, by --where and another option"
            raise UsageError(msg)
        found[key] = value
    return found


def data(args: argparse.Namespace) -> Catalogue:
    """The catalogue ``--data``, ``--with-bundled`` and ``--on-duplicate`` name."""
    return load(
        *(args.data or ()),
        bundled=True if args.with_bundled else None,
        on_duplicate=args.on_duplicate,
    )


def selected(args: argparse.Namespace) -> Catalogue:
    """The catalogue the filter, sort and limit options select."""
    catalogue = data(args).filter(**lookups(args))
    if getattr(args, "sort", None):
        catalogue = catalogue.sort_by(*args.sort)
    if getattr(args, "limit", None) is not None:
        catalogue = catalogue.head(args.limit)
    return catalogue


def count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        msg = f"expected a count of 0 or more, not {text!r}"
        raise argparse.ArgumentTypeError(msg)
    return value


def query_words(argv: Sequence[str], valued: Collection[str]) -> list[str]:
    """Let ``migrantres search trafficking -health --format ids`` work as written.

    argparse reads an argument starting with ``-`` as an option, and ``-health`` (or
    ``"-health trafficking"``) as ``-h`` with ``ealth`` stuck to it; nor does it take
    words on both sides of an option. After the ``search`` command, the options (``-h``
    and every ``--option``, with its value if it is one of ``valued``, the options that
    take one) are put first, then ``--`` and the words of the query in their order,
    ``-word`` among them. Arguments after a ``--`` already there are words.
    """
    command = next((i for i, a in enumerate(argv) if not a.startswith("-")), None)
    if command is None or argv[command] != "search":
        return list(argv)
    options: list[str] = []
    words: list[str] = []
    arguments = iter(argv[command + 1 :])
    for argument in arguments:
        if argument == "--":
            words.extend(arguments)
        elif argument == "-h" or argument.startswith("--"):
            options.append(argument)
            if argument in valued:  # "--format ids", not "--format=ids"
                options.extend(itertools.islice(arguments, 1))  # its value
        else:
            words.append(argument)
    return [*argv[: command + 1], *options, *(["--", *words] if words else [])]


def joined_sort_values(argv: Sequence[str]) -> list[str]:
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
