"""Records in and out of Apache Arrow tables and Parquet files; pyarrow is optional.

One row per resource; nested values stay nested, so DuckDB, Polars and Spark can
unnest them. The columns, in order (see :func:`arrow_schema`):

* ``id``, ``title``, ``type_label``, ``jurisdiction``, ``description``: ``string``;
* ``type`` and ``date_kind``: ``dictionary<int8, string>`` whose dictionary is the
  vocabulary's values in the vocabulary's order, whatever the records;
* ``organizations``: ``list<struct<name: string, acronym: string>>``;
* ``launch_date``: ``string``, ISO 8601 at the date's precision (``2018-03``), and
  ``launch_year`` (``int16``), ``launch_month`` and ``launch_day`` (``int8``): the
  parts the date has, null where it has none;
* ``availability``: ``list<struct<languages: list<string>, url: string>>``, and the
  derived ``languages``: ``list<string>``;
* ``provenance``: a ``struct`` of the :class:`~migrantres.Provenance` fields, with its
  lists as lists of structs; null for records made by hand.

The schema's metadata holds the file format's version, the dataset's version and the
source documents. Reading accepts the columns in any order and any type that holds
the same values; the derived columns, when present, must agree with what they derive
from. Parquet is written with zstd compression: the same table gives the same bytes
with the same pyarrow version.
"""

from __future__ import annotations

import functools
import json
from typing import TYPE_CHECKING, Any, Final

from migrantres._formats.files import replaced, target_path
from migrantres._formats.json_codec import parse_records
from migrantres._formats.reading import DATE_PARTS, Parsed, collector_paused, date_part_problems
from migrantres._formats.schema import sources
from migrantres._records.models import Resource
from migrantres._records.vocab import DateKind, ResourceType
from migrantres.exceptions import LoadError, MissingDependencyError, Problem

if TYPE_CHECKING:
    import os
    from collections.abc import Sequence

    import pyarrow as pa

__all__ = [
    "ARROW_FORMAT_VERSION",
    "COLUMNS",
    "arrow_schema",
    "parse_arrow",
    "parse_parquet",
    "to_arrow",
    "write_parquet",
]

#: The version of the table layout, in the schema's metadata.
ARROW_FORMAT_VERSION: Final = 1
#: Schema metadata keys.
FORMAT_KEY: Final = b"migrantres.format_version"
VERSION_KEY: Final = b"migrantres.version"
SOURCES_KEY: Final = b"migrantres.sources"

#: The columns of a table, in order.
COLUMNS: Final = (
    "id",
    "title",
    "type",
    "type_label",
    "jurisdiction",
    "organizations",
    "launch_date",
    *DATE_PARTS,
    "date_kind",
    "description",
    "availability",
    "languages",
    "provenance",
)
_REQUIRED: Final = tuple(name for name, info in Resource.model_fields.items() if info.is_required())
_TYPES: Final = tuple(member.value for member in ResourceType)
_DATE_KINDS: Final = tuple(member.value for member in DateKind)


def _require(feature: str) -> None:
    """Check that pyarrow can be imported; each function imports it where it is used.

    pyarrow is optional and takes a while to import, so nothing imports it before a
    feature needs it.
    """
    try:
        import pyarrow  # noqa: F401, ICN001, PLC0415 - the check itself
    except ImportError:
        raise MissingDependencyError("pyarrow", "arrow", feature) from None


# -- the schema -------------------------------------------------------------------------


@functools.cache
def _fields() -> tuple[pa.Field[Any], ...]:
    _require("the Arrow schema")
    import pyarrow as pa  # noqa: PLC0415 - optional, see _require

    def text(name: str, *, nullable: bool = False) -> pa.Field[Any]:
        return pa.field(name, pa.string(), nullable=nullable)

    def line(name: str) -> pa.Field[Any]:
        return pa.field(name, pa.int64(), nullable=False)

    def listed(name: str, item: pa.DataType, *, nullable: bool = False) -> pa.Field[Any]:
        # "element" is the item's name in Parquet's nested layout, so a table read back
        # from Parquet has exactly this schema.
        return pa.field(
            name, pa.list_(pa.field("element", item, nullable=False)), nullable=nullable
        )

    def struct(*fields: pa.Field[Any]) -> pa.StructType:
        return pa.struct(fields)

    vocabulary = pa.dictionary(pa.int8(), pa.string())
    described = Resource.model_fields
    provenance = struct(
        text("document"),
        text("file"),
        text("sha256"),
        text("section"),
        line("first_line"),
        line("last_line"),
        listed("locations", struct(text("field"), line("first_line"), line("last_line"))),
        listed(
            "repairs",
            struct(
                text("kind"),
                text("field", nullable=True),
                line("line"),
                text("source_text"),
                text("detail"),
            ),
        ),
        listed(
            "corrections",
            struct(
                text("field"),
                text("source_value"),
                text("value"),
                text("reason"),
                text("evidence"),
            ),
        ),
    )
    organization = struct(text("name"), text("acronym", nullable=True))
    availability = struct(listed("languages", pa.string()), text("url"))
    fields = {
        "id": text("id"),
        "title": text("title"),
        "type": pa.field("type", vocabulary, nullable=False),
        "type_label": text("type_label"),
        "jurisdiction": text("jurisdiction"),
        "organizations": listed("organizations", organization),
        "launch_date": text("launch_date", nullable=True),
        "launch_year": pa.field("launch_year", pa.int16()),
        "launch_month": pa.field("launch_month", pa.int8()),
        "launch_day": pa.field("launch_day", pa.int8()),
        "date_kind": pa.field("date_kind", vocabulary, nullable=False),
        "description": text("description"),
        "availability": listed("availability", availability),
        "languages": listed("languages", pa.string()),
        "provenance": pa.field("provenance", provenance),
    }
    derived = {
        "launch_year": "The year of launch_date.",
        "launch_month": "The month of launch_date, null when it gives none.",
        "launch_day": "The day of launch_date, null when it gives none.",
        "languages": Resource.model_computed_fields["languages"].description or "",
    }
    return tuple(
        fields[name].with_metadata(
            {"description": derived.get(name) or described[name].description or ""}
        )
        for name in COLUMNS
    )


def arrow_schema(version: str | None, documents: Sequence[str] = ()) -> pa.Schema:
    """The schema of a table of records, with the dataset's version and source documents.

    Raises:
        MissingDependencyError: pyarrow is not installed.
    """
    _require("the Arrow schema")
    import pyarrow as pa  # noqa: PLC0415 - optional, see _require

    metadata: dict[bytes | str, bytes | str] = {FORMAT_KEY: str(ARROW_FORMAT_VERSION).encode()}
    if version is not None:
        metadata[VERSION_KEY] = version.encode()
    metadata[SOURCES_KEY] = json.dumps(list(documents), ensure_ascii=False).encode()
    return pa.schema(_fields(), metadata=metadata)


# -- writing ----------------------------------------------------------------------------


def _vocabulary(values: Sequence[str], members: Sequence[str]) -> pa.DictionaryArray[Any, Any]:
    """A dictionary column whose dictionary is ``members``, in their order."""
    import pyarrow as pa  # noqa: PLC0415 - optional, see _require

    position = {member: index for index, member in enumerate(members)}
    indices = pa.array([position[v] for v in values], pa.int8())
    return pa.DictionaryArray.from_arrays(indices, pa.array(members, pa.string()))


def to_arrow(resources: Sequence[Resource], version: str | None) -> pa.Table:
    """A table of the records, one row each, in order.

    Raises:
        MissingDependencyError: pyarrow is not installed.
    """
    _require("to_arrow()")
    import pyarrow as pa  # noqa: PLC0415 - optional, see _require

    schema = arrow_schema(version, sources(resources))
    dates = [r.launch_date for r in resources]
    columns: dict[str, Any] = {
        "id": [r.id for r in resources],
        "title": [r.title for r in resources],
        "type": _vocabulary([r.type.value for r in resources], _TYPES),
        "type_label": [r.type_label for r in resources],
        "jurisdiction": [r.jurisdiction for r in resources],
        "organizations": [
            [{"name": o.name, "acronym": o.acronym} for o in r.organizations] for r in resources
        ],
        "launch_date": [None if d is None else d.isoformat() for d in dates],
        "launch_year": [None if d is None else d.year for d in dates],
        "launch_month": [None if d is None else d.month for d in dates],
        "launch_day": [None if d is None else d.day for d in dates],
        "date_kind": _vocabulary([r.date_kind.value for r in resources], _DATE_KINDS),
        "description": [r.description for r in resources],
        "availability": [
            [{"languages": list(a.languages), "url": a.url} for a in r.availability]
            for r in resources
        ],
        "languages": [list(r.languages) for r in resources],
        "provenance": [
            None if r.provenance is None else r.provenance.model_dump(mode="json")
            for r in resources
        ],
    }
    arrays = [
        values if isinstance(values, pa.Array) else pa.array(values, field.type)
        for field, values in zip(schema, columns.values(), strict=True)
    ]
    return pa.Table.from_arrays(arrays, schema=schema)


def write_parquet(
    resources: Sequence[Resource], version: str | None, path: str | os.PathLike[str]
) -> None:
    """Write the records' table to a Parquet file, replacing it only once it is complete.

    Raises:
        MissingDependencyError: pyarrow is not installed.
        OSError: the file cannot be written.
    """
    target = target_path(path)
    _require("to_parquet()")
    table = to_arrow(resources, version)
    import pyarrow.parquet as pq  # noqa: PLC0415 - optional, see _require

    with replaced(target) as partial:
        pq.write_table(
            table,
            partial,
            compression="zstd",
            use_dictionary=True,
            write_statistics=True,
            store_schema=True,
        )


# -- reading ----------------------------------------------------------------------------


def parse_parquet(raw: bytes, source: str = "<parquet>") -> Parsed:
    """Records from the bytes of a Parquet file, as :func:`write_parquet` writes it.

    Raises:
        LoadError: the bytes are not Parquet, or hold invalid records.
        MissingDependencyError: pyarrow is not installed.
    """
    _require("reading Parquet")
    import pyarrow as pa  # noqa: PLC0415 - optional, see _require
    import pyarrow.parquet as pq  # noqa: PLC0415 - as above

    try:
        table = pq.read_table(pa.BufferReader(raw))
    except (pa.ArrowException, OSError, ValueError) as exc:
        raise LoadError(source, [Problem(f"invalid Parquet: {exc}")]) from None
    return parse_arrow(table, source)


@collector_paused
def parse_arrow(table: object, source: str = "<arrow>") -> Parsed:
    """Records from an Arrow table (or record batch) with the columns of :data:`COLUMNS`.

    Raises:
        TypeError: ``table`` is not a pyarrow Table or RecordBatch.
        LoadError: columns are missing or unknown, or records are invalid.
        MissingDependencyError: pyarrow is not installed.
    """
    _require("Catalogue.from_arrow()")
    import pyarrow as pa  # noqa: PLC0415 - optional, see _require

    if isinstance(table, pa.RecordBatch):
        table = pa.Table.from_batches([table])
    if not isinstance(table, pa.Table):
        msg = f"expected a pyarrow Table or RecordBatch, not {type(table).__name__}"
        raise TypeError(msg)
    _check_columns(table.column_names, source)
    metadata = table.schema.metadata or {}
    version = metadata.get(VERSION_KEY)
    try:
        # Column by column, then zipped: faster than Table.to_pylist, row by row.
        columns = {name: _values(table.column(name)) for name in table.column_names}
        rows: list[dict[str, Any]] = [
            dict(zip(columns, values, strict=True))
            for values in zip(*columns.values(), strict=True)
        ]
    except (pa.ArrowException, ValueError) as exc:
        raise LoadError(source, [Problem(f"invalid Arrow data: {exc}")]) from None
    derived: list[dict[str, Any]] = [
        {name: row.pop(name) for name in DATE_PARTS if name in row} for row in rows
    ]
    for row in rows:
        # A null in the derived list is a row that does not give it (a column cannot
        # leave a cell out); an empty list says there are no languages.
        if row.get("languages", ()) is None:
            del row["languages"]
    problems = date_part_problems(rows, derived)
    try:
        records = parse_records(rows, source).records
    except LoadError as exc:
        problems += exc.problems
    if problems:
        raise LoadError(source, sorted(problems, key=lambda p: p.index or 0))
    return Parsed(records, None if version is None else version.decode("utf-8", "replace"))


def _values(column: pa.ChunkedArray[Any]) -> list[Any]:
    """A column's values as Python objects; a dictionary column decoded first (faster)."""
    import pyarrow as pa  # noqa: PLC0415 - optional, see _require

    if pa.types.is_dictionary(column.type):
        column = column.cast(column.type.value_type)
    return column.to_pylist()


def _check_columns(names: Sequence[str], source: str) -> None:
    missing = [c for c in _REQUIRED if c not in names]
    unknown = [c for c in names if c not in COLUMNS]
    repeated = sorted({c for c in names if names.count(c) > 1})
    detail = "; ".join(
        part
        for part, items in (
            (f"missing columns: {', '.join(missing)}", missing),
            (f"unknown columns: {', '.join(map(repr, unknown))}", unknown),
            (f"repeated columns: {', '.join(map(repr, repeated))}", repeated),
        )
        if items
    )
    if detail:
        message = f"{detail}; expected: {', '.join(COLUMNS)} (from {', '.join(_REQUIRED)} up)"
        raise LoadError(source, [Problem(message)])
