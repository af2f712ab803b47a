"""The bundled data: read from the installed package, verified, and loaded once.

The bundled data is read with :mod:`importlib.resources`, so it loads from a wheel, a
zip or a source tree alike. It is loaded once per process: :func:`load_bundled` caches
its result, under a lock so that threads calling it at once share one load.

The bundled records were validated in full when the build wrote them, and the tests
validate the shipped file again. At run time, every load verifies the file's size and
SHA-256 against ``manifest.json``: bytes that match are exactly the bytes that were
validated, so they are turned into records without validating them a second time,
which keeps ``import migrantres; migrantres.load()`` close to the cost of importing
pydantic. Bytes that do not match are never served (:class:`IntegrityError`).
"""

from __future__ import annotations

import functools
import hashlib
import json
import threading
from importlib.resources import files
from typing import TYPE_CHECKING, Any, Final

from pydantic import ValidationError

from migrantres._catalogue.catalogue import Catalogue
from migrantres._records.dates import PartialDate
from migrantres._records.models import (
    Availability,
    Correction,
    Organization,
    Provenance,
    Repair,
    RepairKind,
    Resource,
    SourceLocation,
)
from migrantres._records.vocab import DateKind, ResourceType
from migrantres._version import __version__
from migrantres.exceptions import DataError, IntegrityError

if TYPE_CHECKING:
    from migrantres._storage.manifest import Manifest

__all__ = ["MANIFEST_FILE", "RECORDS_FILE", "load_bundled", "manifest"]

RECORDS_FILE: Final = "resources.json"
MANIFEST_FILE: Final = "manifest.json"

_lock = threading.Lock()


def _read_data(name: str) -> bytes:
    """A file of the package's ``data`` folder, read with :mod:`importlib.resources`."""
    try:
        return files("migrantres").joinpath("data", name).read_bytes()
    except OSError as exc:
        msg = f"the bundled data file {name!r} cannot be read ({exc}); reinstall migrantres"
        raise DataError(msg) from None


@functools.cache
def _manifest() -> Manifest:
    from migrantres._storage.manifest import Manifest  # noqa: PLC0415 - its models, on use

    try:
        return Manifest.model_validate_json(_read_data(MANIFEST_FILE))
    except ValidationError as exc:
        msg = f"the bundled {MANIFEST_FILE} is invalid; reinstall migrantres\n{exc}"
        raise DataError(msg) from None


def manifest() -> Manifest:
    """What the bundled dataset is: version, record count, checksums and sources."""
    with _lock:
        return _manifest()


def _verified_bytes() -> tuple[bytes, dict[str, Any]]:
    """The bundled records file, checked against the manifest, and the manifest."""
    try:
        info = json.loads(_read_data(MANIFEST_FILE))
        entry = next(f for f in info["files"] if f["path"] == RECORDS_FILE)
        expected_bytes, expected_sha256 = entry["bytes"], entry["sha256"]
    except (ValueError, KeyError, TypeError, StopIteration) as exc:
        msg = f"the bundled {MANIFEST_FILE} is unreadable ({exc!r}); reinstall migrantres"
        raise DataError(msg) from None
    raw = _read_data(RECORDS_FILE)
    digest = hashlib.sha256(raw).hexdigest()
    if len(raw) != expected_bytes or digest != expected_sha256:
        msg = (
            f"the bundled {RECORDS_FILE} does not match its manifest "
            f"(sha256 {digest}, {len(raw)} bytes; expected sha256 {expected_sha256}, "
            f"{expected_bytes} bytes): it was modified after the build; reinstall migrantres"
        )
        raise IntegrityError(msg)
    return raw, info


@functools.cache
def _bundled() -> Catalogue:
    raw, info = _verified_bytes()
    try:
        document = json.loads(raw)
        records = tuple(_resource(record) for record in document["records"])
        version = document["version"]
    except (ValueError, KeyError, TypeError) as exc:
        msg = f"the bundled {RECORDS_FILE} is malformed ({exc!r}); reinstall migrantres"
        raise DataError(msg) from None
    if not version == info.get("version") == __version__:
        msg = (
            f"the bundled data is version {version!r}, its manifest says "
            f"{info.get('version')!r} and the package is {__version__!r}; reinstall migrantres"
        )
        raise DataError(msg)
    if len(records) != info.get("record_count"):
        msg = (
            f"the bundled data holds {len(records)} records; "
            f"its manifest says {info.get('record_count')}"
        )
        raise DataError(msg)
    return Catalogue._trusted(records, version, None)  # noqa: SLF001 - the package's own


# Records whose bytes were verified are built field by field, without validation. The
# tests check that this gives records equal to those full validation gives.


def _resource(data: dict[str, Any]) -> Resource:
    date = data["launch_date"]
    provenance = data["provenance"]
    return Resource.model_construct(
        id=data["id"],
        title=data["title"],
        type=ResourceType(data["type"]),
        type_label=data["type_label"],
        jurisdiction=data["jurisdiction"],
        organizations=tuple(
            Organization.model_construct(name=org["name"], acronym=org["acronym"])
            for org in data["organizations"]
        ),
        launch_date=None if date is None else PartialDate.fromisoformat(date),
        date_kind=DateKind(data["date_kind"]),
        description=data["description"],
        availability=tuple(
            Availability.model_construct(languages=tuple(entry["languages"]), url=entry["url"])
            for entry in data["availability"]
        ),
        provenance=None if provenance is None else _provenance(provenance),
    )


def _provenance(data: dict[str, Any]) -> Provenance:
    return Provenance.model_construct(
        document=data["document"],
        file=data["file"],
        sha256=data["sha256"],
        section=data["section"],
        first_line=data["first_line"],
        last_line=data["last_line"],
        locations=tuple(SourceLocation.model_construct(**item) for item in data["locations"]),
        repairs=tuple(
            Repair.model_construct(**{**item, "kind": RepairKind(item["kind"])})
            for item in data["repairs"]
        ),
        corrections=tuple(Correction.model_construct(**item) for item in data["corrections"]),
    )


def load_bundled() -> Catalogue:
    """The bundled catalogue: verified, parsed and validated once per process."""
    with _lock:
        return _bundled()
