"""The only code that reads catalogue data: the bundled files, or a user's own file.

The bundled data is read with :mod:`importlib.resources`, so it loads from a wheel, a
zip or a source tree alike, and verified against ``manifest.json`` before it is
parsed. It is parsed and validated once per process: :func:`load_bundled` caches its
result, under a lock so that threads calling it at once share one load.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import threading
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from pydantic import TypeAdapter, ValidationError

from migrantres._catalogue import Catalogue
from migrantres._format import CatalogueDocument, Manifest
from migrantres._models import VERIFIED, Resource
from migrantres._version import __version__
from migrantres.exceptions import DataError, IntegrityError, LoadError, Problem

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["load", "load_bundled", "manifest", "parse_catalogue"]

RECORDS_FILE: Final = "resources.json"
MANIFEST_FILE: Final = "manifest.json"

_lock = threading.Lock()


@functools.cache
def _document_adapter() -> TypeAdapter[CatalogueDocument]:
    return TypeAdapter(CatalogueDocument)


@functools.cache
def _records_adapter() -> TypeAdapter[tuple[Resource, ...]]:
    return TypeAdapter(tuple[Resource, ...])


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


def load(path: str | os.PathLike[str] | None = None) -> Catalogue:
    """Load the bundled catalogue, or with ``path``, a catalogue file of your own.

    The bundled catalogue is loaded once per process; every call returns the same
    immutable :class:`Catalogue`. A file of your own is read afresh on each call and
    must be in the format of the bundled ``resources.json`` (see the data dictionary):
    a JSON object with ``records``, or a JSON array of records.

    Raises:
        LoadError: the file cannot be read or holds invalid records; its ``problems``
            list every problem with the record and field.
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
    if suffix != ".json":
        raise LoadError(
            where,
            [Problem(f"unsupported file extension {suffix or '(none)'!r}; expected '.json'")],
        )
    try:
        raw = Path(where).read_bytes()
    except OSError as exc:
        raise LoadError(where, [Problem(f"cannot read the file: {exc.strerror or exc}")]) from None
    return parse_catalogue(raw, source=where)


def parse_catalogue(raw: bytes | str, *, source: str = "<data>") -> Catalogue:
    """Parse and validate catalogue JSON; every problem is reported at once."""
    text = _decode(raw, source) if isinstance(raw, bytes) else raw
    start = text.lstrip()[:1]
    if not start:
        raise LoadError(
            source,
            [Problem("the file is empty; expected a JSON object with 'records' or a JSON array")],
        )
    try:
        if start == "[":
            records = _records_adapter().validate_json(text)
            version = None
        else:
            document = _document_adapter().validate_json(text)
            records, version = document.records, document.version
    except ValidationError as exc:
        raise LoadError(source, _problems(exc, text, in_document=start != "[")) from None
    try:
        return Catalogue(records, version=version)
    except LoadError as exc:  # duplicate ids: name the file, not "<resources>"
        raise LoadError(source, exc.problems) from None


def _decode(raw: bytes, source: str) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise LoadError(source, [Problem("the file is UTF-16 text; save it as UTF-8")])
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise LoadError(
            source,
            [
                Problem(
                    f"the file is not UTF-8 text (byte {exc.start}: {exc.object[exc.start]:#04x})"
                )
            ],
        ) from None


def _problems(exc: ValidationError, text: str, *, in_document: bool) -> list[Problem]:
    """One :class:`Problem` per validation error, with record index, id and field."""
    errors = exc.errors(include_url=False)
    if errors and errors[0]["type"] == "json_invalid":
        try:
            json.loads(text)
        except json.JSONDecodeError as decode_error:
            return [Problem(f"invalid JSON: {decode_error.msg}", line=decode_error.lineno)]
        return [Problem(f"invalid JSON: {errors[0]['msg']}")]
    ids = _ids(text, in_document=in_document)
    problems = []
    for error in errors:
        loc: Sequence[int | str] = error["loc"]
        if in_document:
            if not loc or loc[0] != "records":
                problems.append(
                    Problem(
                        error["msg"], field=".".join(map(str, loc)) or None, value=_value(error)
                    )
                )
                continue
            loc = loc[1:]
        index = loc[0] if loc and isinstance(loc[0], int) else None
        field = ".".join(str(part) for part in loc[1:]) or None
        problems.append(
            Problem(
                error["msg"],
                index=index,
                id=ids.get(index) if index is not None else None,
                field=field,
                value=_value(error),
            )
        )
    return problems


def _value(error: Any) -> object:  # noqa: ANN401 - a pydantic error dict
    """The offending input, unless it is a whole record (too long to show)."""
    value = error.get("input")
    return None if isinstance(value, dict | list) else value


def _ids(text: str, *, in_document: bool) -> dict[int, str]:
    """The ids of the records in valid JSON, by position, for naming records in errors."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        return {}
    records = data.get("records") if in_document and isinstance(data, dict) else data
    if not isinstance(records, list):
        return {}
    return {
        i: r["id"]
        for i, r in enumerate(records)
        if isinstance(r, dict) and isinstance(r.get("id"), str)
    }
