"""Compendium text files of the user's own to a validated catalogue, and its file."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Final

from migrantres._catalogue.catalogue import Catalogue
from migrantres.exceptions import InvalidValueError, ParseError
from migrantres.ingest._assemble import Origin, assemble
from migrantres.ingest._corrections import load_corrections
from migrantres.ingest._reader import parse_compendium

if TYPE_CHECKING:
    from collections.abc import Mapping

    from migrantres.ingest._reader import ParsedRecord

__all__ = ["WRITERS", "ingest"]

#: Extensions of the catalogue files :func:`ingest` writes, and the method that writes each.
WRITERS: Final[Mapping[str, str]] = MappingProxyType(
    {".json": "to_json", ".jsonl": "to_jsonl", ".ndjson": "to_jsonl", ".csv": "to_csv"}
)

_Path = str | os.PathLike[str]


def _writer(output: _Path) -> str:
    suffix = Path(output).suffix.lower()
    if suffix not in WRITERS:
        raise InvalidValueError(
            "output", os.fspath(output), f"a file name ending in {', '.join(WRITERS)}"
        )
    return WRITERS[suffix]


def _read(
    path: _Path, section: str | None, document: str | None
) -> tuple[Origin, tuple[ParsedRecord, ...]]:
    where = os.fspath(path)
    try:
        raw = Path(where).read_bytes()
    except OSError as exc:
        msg = f"cannot read the file: {exc.strerror or exc}"
        raise ParseError(msg, source=where) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        msg = f"not UTF-8 text ({exc.reason} at byte {exc.start})"
        raise ParseError(msg, source=where) from None
    try:
        records = parse_compendium(text, section=section)
    except ParseError as exc:
        raise exc.at(where) from None
    if not records:
        msg = "no records; a record starts with a 'Name of Resource' line"
        raise ParseError(msg, source=where)
    origin = Origin(
        document=document or Path(where).name,
        file=where,
        sha256=hashlib.sha256(raw).hexdigest(),
    )
    return origin, records


def ingest(
    *paths: _Path,
    organization: str | None = None,
    corrections: _Path | None = None,
    document: str | None = None,
    output: _Path | None = None,
) -> Catalogue:
    """Read compendium-format text files into a validated catalogue, and save it.

    Each file is read as the build reads the bundled data's upstream text (UTF-8, the
    compendium's labelled fields under a section heading; see
    :mod:`migrantres.ingest`), with the same repairs. Every record keeps its provenance:
    the ``document``, the file as given, its SHA-256, the section heading, the lines of
    the record and of each field, every repair and every correction applied. The
    records are sorted by id, as in the bundled data.

    Args:
        paths: the text files, read in order.
        organization: the section heading of records that come before any heading of
            the text's own, as the compendium writes it ("Example Workers' Trust
            (EWT)"): the section's own organization.
        corrections: a corrections file in the format of the repository's
            ``upstream/corrections.toml``; each correction must apply to exactly one
            record across all the files.
        document: the document the texts come from, for the provenance (default: each
            file's name).
        output: where to save the catalogue, in the format its extension names
            (``.json``, the catalogue file format; ``.jsonl``/``.ndjson``; ``.csv``).
            It is written only when every record is valid, and replaced whole.

    Returns:
        The catalogue of every record, with no dataset version.

    Raises:
        ParseError: text the rules cannot read, a file that cannot be read or holds no
            record, or two records with the same id; it names the file
            (``source``) and, for text, the 1-based ``line``. Nothing is written.
        CorrectionError: the corrections file is invalid, or a correction matches no
            record or several. Nothing is written.
        InvalidValueError: ``output`` has an extension no catalogue format uses.
        OSError: ``output`` cannot be written.
    """
    if not paths:
        msg = "ingest needs at least one text file"
        raise TypeError(msg)
    for path in (*paths, *(() if corrections is None else (corrections,))):
        if not isinstance(path, str | os.PathLike):
            msg = f"paths must be str or os.PathLike, not {type(path).__name__}"
            raise TypeError(msg)
    method = None if output is None else _writer(output)
    specs = () if corrections is None else load_corrections(Path(corrections))
    groups = [_read(path, organization, document) for path in paths]
    resources = sorted(assemble(groups, corrections=specs), key=lambda r: r.id)
    catalogue = Catalogue(resources)
    if output is not None and method is not None:
        _write_whole(Path(output), getattr(catalogue, method)())
    return catalogue


def _write_whole(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file, so no half file is left."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with temporary.open("x", encoding="utf-8", newline="") as file:
            file.write(text)
        temporary.replace(path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
