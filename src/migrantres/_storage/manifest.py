"""The manifest that vouches for the bundled data, and deterministic JSON to write it.

The bundled ``resources.json`` is a catalogue file (the JSON format of
:mod:`migrantres._formats.json_codec`: a small header and the records),

.. code-block:: json

    {"schema_version": 1, "name": "migrantres", "version": "0.1.20261128",
     "as_of": "2026-11-28", "records": [{"id": "...", ...}]}

written by :mod:`migrantres.build` with sorted records and a fixed key order, so the
same data always gives the same bytes; ``manifest.json`` beside it holds every data
file's size and SHA-256.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["FileEntry", "Manifest", "SourceEntry", "dumps"]

_FROZEN = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class FileEntry(BaseModel):
    """A data file the manifest vouches for."""

    model_config = _FROZEN

    path: str = Field(description="Path relative to the data directory.")
    bytes: int = Field(ge=0, description="Size in bytes.")
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$", description="SHA-256, lower-case hex.")


class SourceEntry(BaseModel):
    """An upstream text the dataset is built from."""

    model_config = _FROZEN

    file: str = Field(description="Path of the upstream text in the repository.")
    document: str = Field(description="The document the text comes from.")
    publisher: str = Field(description="Who published the document.")
    description: str = Field(description="What the text is.")
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$", description="SHA-256 of the text.")


class Manifest(BaseModel):
    """What the bundled dataset is: version, size, checksums and sources.

    >>> import migrantres
    >>> manifest = migrantres.manifest()
    >>> manifest.version == migrantres.__version__, manifest.record_count
    (True, 5)
    """

    model_config = _FROZEN

    name: str = Field(description="Name of the dataset.")
    version: str = Field(description="Version of the dataset, the same as the package's.")
    as_of: str = Field(description="Date of the dataset's last review, ISO 8601.")
    schema_version: int = Field(description="Version of the catalogue file format.")
    record_count: int = Field(ge=0, description="Number of records.")
    files: tuple[FileEntry, ...] = Field(description="The data files and their checksums.")
    sources: tuple[SourceEntry, ...] = Field(description="The upstream texts.")

    def file(self, path: str) -> FileEntry:
        """The entry for ``path``; ``KeyError`` when the manifest does not list it."""
        for entry in self.files:
            if entry.path == path:
                return entry
        raise KeyError(path)

    @property
    def sha256(self) -> str:
        """SHA-256 of the records file, the dataset's checksum."""
        return self.file("resources.json").sha256


def dumps(data: Any) -> str:  # noqa: ANN401 - any JSON-ready value
    """Deterministic JSON: two-space indents, UTF-8 text unescaped, a final newline."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
