"""``load()``: the bundled catalogue, files of the user's own, or several combined.

A user's file is always validated in full; its format is named by its extension.
"""

from __future__ import annotations

import os
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Final, Literal

from migrantres._catalogue.catalogue import Catalogue
from migrantres._storage.bundled import load_bundled
from migrantres.exceptions import InvalidValueError, LoadError, Problem

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from migrantres._formats.reading import Parsed
    from migrantres._records.models import Resource


__all__ = ["MAX_FILE_BYTES", "READERS", "OnDuplicate", "load"]

_BUNDLED: Final = "the bundled catalogue"


# Each reader's module is imported by the first file of its format: a start that loads
# the bundled catalogue imports none of them.


def parse_json(raw: bytes, source: str) -> Parsed:
    """Records from a JSON file."""
    from migrantres._formats.json_codec import parse_json  # noqa: PLC0415 - on use

    return parse_json(raw, source)


def parse_jsonl(raw: bytes, source: str) -> Parsed:
    """Records from a JSON Lines file."""
    from migrantres._formats.json_codec import parse_jsonl  # noqa: PLC0415 - on use

    return parse_jsonl(raw, source)


def parse_csv(raw: bytes, source: str) -> Parsed:
    """Records from a CSV file."""
    from migrantres._formats.csv_codec import parse_csv  # noqa: PLC0415 - on use

    return parse_csv(raw, source)


def parse_parquet(raw: bytes, source: str) -> Parsed:
    """Records from a Parquet file (pyarrow is imported only for one)."""
    from migrantres._formats.arrow import parse_parquet  # noqa: PLC0415 - on use

    return parse_parquet(raw, source)


def parse_sqlite(raw: bytes, source: str) -> Parsed:
    """Records from a SQLite file (sqlite3 is imported only for one)."""
    from migrantres._formats.sqlite_reading import parse_sqlite  # noqa: PLC0415 - on use

    return parse_sqlite(raw, source)


#: File extensions :func:`load` reads, and the reader of each.
READERS: Final[Mapping[str, Callable[[bytes, str], Parsed]]] = MappingProxyType(
    {
        ".json": parse_json,
        ".jsonl": parse_jsonl,
        ".ndjson": parse_jsonl,
        ".csv": parse_csv,
        ".parquet": parse_parquet,
        ".sqlite": parse_sqlite,
        ".sqlite3": parse_sqlite,
        ".db": parse_sqlite,
    }
)


#: Files larger than this are refused unless ``load`` is told otherwise (1 GiB).
MAX_FILE_BYTES: Final = 1 << 30


OnDuplicate = Literal["error", "first", "last"]
_ON_DUPLICATE: Final = ("error", "first", "last")


def load(
    *paths: str | os.PathLike[str] | None,
    bundled: bool | None = None,
    on_duplicate: OnDuplicate = "error",
    max_bytes: int = MAX_FILE_BYTES,
) -> Catalogue:
    """Load the bundled catalogue, catalogue files of your own, or several combined.

    * ``load()``: the bundled catalogue, loaded once per process; every call returns
      the same immutable :class:`Catalogue`.
    * ``load(path)``: a catalogue file of your own, read afresh on each call, with the
      version its header gives (if any).
    * ``load(path, other, ..., bundled=True)``: one catalogue made of several
      sources, in order: the bundled catalogue first when ``bundled`` is true, then
      each file. Records keep their order and their provenance, as the source gives
      them. Its version says what it was made from: the sources joined by ``" + "``,
      the bundled data as ``migrantres==VERSION`` and a file as its path, followed by
      its version in parentheses when its header gives one
      (``"migrantres==0.1.20261128 + ngo.json"``).

    A file is read in the format its extension names: ``.json`` (the format of the
    bundled ``resources.json``, or a bare array of records), ``.jsonl`` or ``.ndjson``
    (one record per line), ``.csv`` (as :meth:`Catalogue.to_csv` writes it),
    ``.parquet`` (as :meth:`Catalogue.to_parquet` writes it; needs
    ``migrantres[arrow]``) or ``.sqlite``, ``.sqlite3`` or ``.db`` (as
    :meth:`Catalogue.to_sqlite` writes it). A file larger than ``max_bytes`` (1 GiB unless given) is
    refused before it is read, so a runaway file cannot exhaust memory.

    Args:
        paths: catalogue files, in order. (A single ``None`` means none, as in
            ``load(None)``.)
        bundled: whether the bundled catalogue comes first; the default is true with no
            paths and false with some.
        on_duplicate: what to do with an id found in two sources: ``"error"`` (the
            default) refuses, naming both sources; ``"first"`` keeps the record of the
            source given first, ``"last"`` that of the source given last. The record
            kept stands where the id first appeared.
        max_bytes: the largest file read, in bytes.

    Raises:
        LoadError: a file cannot be read, is too large or holds invalid records (its
            ``problems`` list every problem with the record and field), or an id is in
            two sources (each such id is a problem naming both sources).
        IntegrityError: the bundled data was modified after it was built.
        InvalidValueError: ``on_duplicate`` is not one of the three.
        TypeError: a path is not a str or os.PathLike, or there is nothing to load.
        MissingDependencyError: the format needs an optional dependency (Parquet: pyarrow).

    >>> import migrantres
    >>> catalogue = migrantres.load()
    >>> len(catalogue), catalogue is migrantres.load()
    (5, True)
    """
    files: list[str | os.PathLike[str]] = []
    for path in paths:
        if path is None and len(paths) == 1:
            continue  # load(None), as before: the bundled catalogue
        if not isinstance(path, str | os.PathLike):
            msg = f"path must be a str or os.PathLike, not {type(path).__name__}"
            raise TypeError(msg)
        files.append(path)
    if on_duplicate not in _ON_DUPLICATE:
        raise InvalidValueError("on_duplicate", on_duplicate, "'error', 'first' or 'last'")
    with_bundled = not files if bundled is None else bundled
    if not files:
        if not with_bundled:
            msg = "nothing to load: give a path, or leave bundled true"
            raise TypeError(msg)
        return load_bundled()
    sources = [(_BUNDLED, load_bundled())] if with_bundled else []
    sources += [(os.fspath(path), _load_file(path, max_bytes)) for path in files]
    if len(sources) == 1:
        return sources[0][1]
    return _combined(sources, on_duplicate)


def _label(name: str, catalogue: Catalogue, *, bundled: bool) -> str:
    """How a source is named in a combined catalogue's version."""
    if bundled:
        return f"migrantres=={catalogue.version}"
    return name if catalogue.version is None else f"{name} ({catalogue.version})"


def _combined(sources: list[tuple[str, Catalogue]], on_duplicate: OnDuplicate) -> Catalogue:
    """One catalogue of several, in order; an id in two sources as ``on_duplicate`` says."""
    kept: dict[str, Resource] = {}
    found_in: dict[str, str] = {}
    problems: list[Problem] = []
    for name, catalogue in sources:
        for resource in catalogue:
            first = found_in.get(resource.id)
            if first is None:
                kept[resource.id] = resource
                found_in[resource.id] = name
            elif on_duplicate == "last":
                kept[resource.id] = resource
            elif on_duplicate == "error":
                problems.append(
                    Problem(
                        f"id {resource.id!r} is in both {first} and {name}; pass "
                        "on_duplicate='first' or 'last' (--on-duplicate) to keep one of them",
                        id=resource.id,
                    )
                )
    if problems:
        raise LoadError(" + ".join(name for name, _ in sources), problems)
    version = " + ".join(
        _label(name, catalogue, bundled=index == 0 and name == _BUNDLED)
        for index, (name, catalogue) in enumerate(sources)
    )
    return Catalogue(kept.values(), version=version)


def _load_file(path: str | os.PathLike[str], max_bytes: int) -> Catalogue:
    """A catalogue file of the user's own, validated in full."""
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
    return Catalogue._parsed(reader(raw, where))  # noqa: SLF001 - the package's own
