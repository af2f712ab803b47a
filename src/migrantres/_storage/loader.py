"""Catalogue files of the user's own, in every format a catalogue can be read from.

A user's file is always validated in full; its format is named by its extension.
"""

from __future__ import annotations

import os
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Final

from migrantres._catalogue.catalogue import Catalogue
from migrantres._formats.csv_codec import parse_csv
from migrantres._formats.json_codec import parse_json, parse_jsonl
from migrantres._formats.reading import Parsed
from migrantres._storage.bundled import load_bundled
from migrantres.exceptions import LoadError, Problem

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping


__all__ = ["MAX_FILE_BYTES", "READERS", "load"]

#: File extensions :func:`load` reads, and the reader of each.
READERS: Final[Mapping[str, Callable[[bytes, str], Parsed]]] = MappingProxyType(
    {".json": parse_json, ".jsonl": parse_jsonl, ".ndjson": parse_jsonl, ".csv": parse_csv}
)


#: Files larger than this are refused unless ``load`` is told otherwise (1 GiB).
MAX_FILE_BYTES: Final = 1 << 30


def load(
    path: str | os.PathLike[str] | None = None, *, max_bytes: int = MAX_FILE_BYTES
) -> Catalogue:
    """Load the bundled catalogue, or with ``path``, a catalogue file of your own.

    The bundled catalogue is loaded once per process; every call returns the same
    immutable :class:`Catalogue`. A file of your own is read afresh on each call, in
    the format its extension names: ``.json`` (the format of the bundled
    ``resources.json``, or a bare array of records), ``.jsonl`` or ``.ndjson`` (one
    record per line) or ``.csv`` (as :meth:`Catalogue.to_csv` writes it).

    A file larger than ``max_bytes`` (1 GiB unless given) is refused before it is read,
    so a runaway file cannot exhaust memory.

    Raises:
        LoadError: the file cannot be read, is too large or holds invalid records; its
            ``problems`` list every problem with the record and field.
        IntegrityError: the bundled data was modified after it was built.

    >>> import migrantres
    >>> catalogue = migrantres.load()
    >>> len(catalogue), catalogue is migrantres.load()
    (5, True)
    """
    if path is None:
        return load_bundled()
    if not isinstance(path, str | os.PathLike):
        msg = f"path must be a str or os.PathLike, not {type(path).__name__}"
        raise TypeError(msg)
    where = os.fspath(path)
    suffix = Path(where).suffix.lower()
    reader = READERS.get(suffix)
    if reader is None:
        expected = ", ".join(repr(s) for s in READERS)
        raise LoadError(
            where,
            [
                Problem(
                    f"unsupported file extension {suffix or '(none)'!r}; expected one of {expected}"
                )
            ],
        )
    try:
        size = Path(where).stat().st_size
        if size > max_bytes:
            message = f"the file is {size:,} bytes, more than the limit of {max_bytes:,}"
            raise LoadError(where, [Problem(message + "; pass max_bytes= to allow it")])
        raw = Path(where).read_bytes()
    except OSError as exc:
        raise LoadError(where, [Problem(f"cannot read the file: {exc.strerror or exc}")]) from None
    records, version = reader(raw, where)
    return Catalogue._parsed(Parsed(records, version))  # noqa: SLF001 - the package's own
