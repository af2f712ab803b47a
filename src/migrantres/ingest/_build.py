"""The build: upstream texts and reviewed corrections to the bundled data files.

Run it as ``python -m migrantres.build``; see :mod:`migrantres.build`.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Final

from migrantres._formats.csv_codec import dump_csv
from migrantres._formats.json_codec import SCHEMA_VERSION, CatalogueDocument
from migrantres._formats.schema import datapackage, json_schema
from migrantres._storage.bundled import MANIFEST_FILE, RECORDS_FILE
from migrantres._storage.manifest import FileEntry, Manifest, SourceEntry, dumps
from migrantres._version import __version__
from migrantres.exceptions import MigrantresError, ParseError
from migrantres.ingest._assemble import Origin, assemble
from migrantres.ingest._corrections import load_corrections, read_toml
from migrantres.ingest._reader import parse_compendium

if TYPE_CHECKING:
    from collections.abc import Sequence

    from migrantres._records.models import Resource

__all__ = ["Build", "as_of", "build", "load_corrections", "main", "stale_files"]

DATASET_NAME: Final = "migrantres"
CSV_FILE: Final = "resources.csv"
SCHEMA_FILE: Final = "resources.schema.json"
DATAPACKAGE_FILE: Final = "datapackage.json"


def as_of(version: str) -> str:
    """The review date a ``MAJOR.MINOR.YYYYMMDD`` version carries, as ISO text.

    >>> as_of("0.1.20261128")
    '2026-11-28'
    """
    stamp = version.split(".")[2]
    return f"{stamp[:4]}-{stamp[4:6]}-{stamp[6:8]}"


@dataclass(frozen=True, slots=True)
class Build:
    """The result of a build: the records and the files to write, by name."""

    resources: tuple[Resource, ...]
    files: dict[str, bytes]


def build(upstream: Path, *, version: str = __version__) -> Build:
    """Parse every upstream text, apply the corrections and render the data files."""
    sources = read_toml(upstream / "sources.toml").get("source", [])
    if not isinstance(sources, list) or not sources:
        msg = "no [[source]] entries"
        raise ParseError(msg, source=str(upstream / "sources.toml"))
    corrections = load_corrections(upstream / "corrections.toml")
    groups = []
    entries = []
    for source in sources:
        raw = (upstream / source["file"]).read_bytes()
        origin = Origin(
            document=source["document"],
            file=f"upstream/{source['file']}",
            sha256=hashlib.sha256(raw).hexdigest(),
        )
        try:
            records = parse_compendium(raw.decode("utf-8"))
        except UnicodeDecodeError as exc:
            msg = f"not UTF-8 text ({exc})"
            raise ParseError(msg, source=origin.file) from None
        except ParseError as exc:
            raise exc.at(origin.file) from None
        groups.append((origin, records))
        entries.append(
            SourceEntry.model_validate({**source, "file": origin.file, "sha256": origin.sha256})
        )
    resources = sorted(assemble(groups, corrections=corrections), key=lambda r: r.id)
    return _render(tuple(resources), entries, version)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _render(resources: tuple[Resource, ...], sources: list[SourceEntry], version: str) -> Build:
    """Every data file, and the manifest that vouches for them."""
    document = CatalogueDocument(
        name=DATASET_NAME, version=version, as_of=as_of(version), records=resources
    )
    files = {
        RECORDS_FILE: dumps(document.model_dump(mode="json")).encode("utf-8"),
        CSV_FILE: dump_csv(resources).encode("utf-8"),
        SCHEMA_FILE: dumps(json_schema()).encode("utf-8"),
    }

    def manifest_of(names: Sequence[str]) -> Manifest:
        return Manifest(
            name=DATASET_NAME,
            version=version,
            as_of=as_of(version),
            schema_version=SCHEMA_VERSION,
            record_count=len(resources),
            files=tuple(
                FileEntry(path=name, bytes=len(files[name]), sha256=_sha256(files[name]))
                for name in names
            ),
            sources=tuple(sources),
        )

    package = datapackage(
        name=DATASET_NAME,
        version=version,
        as_of=as_of(version),
        sources=[f"{s.document} ({s.publisher}); upstream text {s.file}" for s in sources],
        csv_file=CSV_FILE,
        csv_bytes=len(files[CSV_FILE]),
        csv_sha256=_sha256(files[CSV_FILE]),
    )
    files[DATAPACKAGE_FILE] = dumps(package).encode("utf-8")
    manifest = manifest_of([RECORDS_FILE, CSV_FILE, SCHEMA_FILE, DATAPACKAGE_FILE])
    files[MANIFEST_FILE] = dumps(manifest.model_dump(mode="json")).encode("utf-8")
    return Build(resources, files)


def stale_files(result: Build, data: Path) -> list[str]:
    """The names of files in ``data`` that differ from the build's, or are missing."""
    return [
        name
        for name, content in result.files.items()
        if not (data / name).is_file() or (data / name).read_bytes() != content
    ]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the build; with ``--check``, only compare. Returns the exit status."""
    parser = argparse.ArgumentParser(
        prog="python -m migrantres.build",
        description="Regenerate src/migrantres/data/ from upstream/ (run from the repository).",
    )
    parser.add_argument(
        "--root", type=Path, default=Path(), help="the repository's root (default: .)"
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 if the shipped data differs from a fresh build",
    )
    args = parser.parse_args(argv)
    upstream = args.root / "upstream"
    data = args.root / "src" / "migrantres" / "data"
    try:
        result = build(upstream)
    except (MigrantresError, OSError) as exc:
        sys.stderr.write(f"build failed: {exc}\n")
        return 2
    stale = stale_files(result, data)
    if args.check:
        for name in stale:
            sys.stderr.write(f"stale: {data / name} differs from a fresh build\n")
        return 1 if stale else 0
    for name in stale:
        (data / name).write_bytes(result.files[name])
        sys.stderr.write(f"wrote {data / name}\n")
    sys.stderr.write(f"{len(result.resources)} records, version {__version__}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
