"""What the command line's options mean: lookups, selections and their limits."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Final

from migrantres._records.dates import PartialDate
from migrantres._storage.loader import load
from migrantres.exceptions import InvalidDateError, InvalidValueError

if TYPE_CHECKING:
    from collections.abc import Sequence

    from migrantres._catalogue.catalogue import Catalogue

__all__ = [
    "EXIT_NEGATIVE",
    "EXIT_OK",
    "EXIT_USAGE",
    "EXPORT_FORMATS",
    "LIST_FORMATS",
    "UsageError",
    "count",
    "data",
    "joined_sort_values",
    "lookups",
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


class UsageError(Exception):
    """Bad usage of the command: printed with the usage line, exit status 2."""


def where(text: str) -> tuple[str, object]:
    """``FIELD[__OP]=VALUE`` as a lookup; values are typed by what the lookup takes."""
    key, sep, raw = text.partition("=")
    if not sep or not key:
        msg = f"--where needs FIELD[__OP]=VALUE, e.g. --where title__icontains=fees; got {text!r}"
        raise UsageError(msg)
    parts = key.split("__")
    op = parts[-1] if len(parts) > 1 else "exact"
    if op in {"in", "range"}:
        values: list[object] = [v.strip() for v in raw.split(",") if v.strip()]
        if "year" in parts or "month" in parts:
            return key, [integer(key, v) for v in values]
        return key, values
    if op == "isnull":
        if raw.lower() not in {"true", "false"}:
            raise InvalidValueError(key, raw, "true or false")
        return key, raw.lower() == "true"
    if "year" in parts[1:] or "month" in parts[1:]:
        return key, integer(key, raw)
    return key, raw


def integer(key: str, raw: object) -> int:
    try:
        return int(str(raw))
    except ValueError:
        raise InvalidValueError(key, raw, "a whole number") from None


def date_option(option: str, text: str) -> PartialDate:
    """The date an option gives, or an error naming the option."""
    try:
        return PartialDate.parse(text)
    except InvalidDateError as exc:
        raise InvalidValueError(
            option, text, "a date such as 2019, 2019-03 or 'March 2019'", reason=exc.reason
        ) from None


def lookups(args: argparse.Namespace) -> dict[str, object]:
    """The lookups the filter options ask for.

    ``--since DATE`` is ``launch_date__gte`` and ``--until DATE`` is ``launch_date__lte``:
    both bounds stand for the whole span of ``DATE``, as in the Python API.
    """
    lookups: dict[str, object] = {}
    if args.type:
        lookups["type__in"] = args.type
    if args.org:
        lookups["organizations__in"] = args.org
    if args.language:
        lookups["languages__in"] = args.language
    if args.since:
        lookups["launch_date__gte"] = date_option("--since", args.since)
    if args.until:
        lookups["launch_date__lte"] = date_option("--until", args.until)
    for clause in args.where or ():
        key, value = where(clause)
        if key in lookups:
            msg = f"the lookup {key!r} is given twice"
            raise UsageError(msg)
        lookups[key] = value
    return lookups


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
