"""The only code that reads catalogue data: the bundled files, or a user's own file.

The bundled data is read with :mod:`importlib.resources`, so it loads from a wheel, a
zip or a source tree alike, and verified against ``manifest.json`` before it is
parsed. It is parsed and validated once per process: :func:`load_bundled` caches its
result, under a lock so that threads calling it at once share one load.
"""

from __future__ import annotations

import functools
import hashlib
import os
import threading
from importlib.resources import files
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Final

from pydantic import TypeAdapter, ValidationError

from migrantres._catalogue import Catalogue
from migrantres._format import CatalogueDocument, Manifest
from migrantres._models import VERIFIED
from migrantres._serialize import Parsed, parse_csv, parse_json, parse_jsonl
from migrantres._version import __version__
from migrantres.exceptions import DataError, IntegrityError, LoadError, Problem

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

__all__ = ["READERS", "load", "load_bundled", "manifest"]

RECORDS_FILE: Final = "resources.json"
MANIFEST_FILE: Final = "manifest.json"

_lock = threading.Lock()


@functools.cache
def _document_adapter() -> TypeAdapter[CatalogueDocument]:
    return TypeAdapter(CatalogueDocument)


def _read_data(name: str) -> bytes:
    try:
        return files("migrantres").joinpath("data", name).read_bytes()
    except OSError as exc:
        msg = f"the bundled data file {name!r} cannot be read ({exc}); reinstall migrantres"
        raise DataError(msg) from None


@functools.cache
def _manifest() -> Manifest:
    try:
        return Manifest.model_validate_json(_read_data(MANIFEST_FILE))
    except ValidationError as exc:
        msg = f"the bundled {MANIFEST_FILE} is invalid; reinstall migrantres\n{exc}"
        raise DataError(msg) from None


def manifest() -> Manifest:
    """What the bundled dataset is: version, record count, checksums and sources."""
    with _lock:
        return _manifest()


@functools.cache
def _bundled() -> Catalogue:
    info = _manifest()
    entry = info.file(RECORDS_FILE)
    raw = _read_data(RECORDS_FILE)
    digest = hashlib.sha256(raw).hexdigest()
    if len(raw) != entry.bytes or digest != entry.sha256:
        msg = (
            f"the bundled {RECORDS_FILE} does not match its manifest "
            f"(sha256 {digest}, {len(raw)} bytes; expected sha256 {entry.sha256}, "
            f"{entry.bytes} bytes): it was modified after the build; reinstall migrantres"
        )
        raise IntegrityError(msg)
    try:
        document = _document_adapter().validate_json(raw, context={VERIFIED: True})
    except ValidationError as exc:
        msg = f"the bundled {RECORDS_FILE} is invalid; reinstall migrantres\n{exc}"
        raise DataError(msg) from None
    if document.version != info.version or info.version != __version__:
        msg = (
            f"the bundled data is version {document.version!r}, its manifest says "
            f"{info.version!r} and the package is {__version__!r}; reinstall migrantres"
        )
        raise DataError(msg)
    if len(document.records) != info.record_count:
        msg = (
            f"the bundled data holds {len(document.records)} records; "
            f"its manifest says {info.record_count}"
        )
        raise DataError(msg)
    return Catalogue(document.records, version=document.version)


def load_bundled() -> Catalogue:
    """The bundled catalogue: verified, parsed and validated once per process."""
    with _lock:
        return _bundled()


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
