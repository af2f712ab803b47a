"""Machine-readable descriptions of the data: a JSON Schema and a Data Package.

* :func:`json_schema`: the JSON Schema (Draft 2020-12) of one record, generated from
  the models, so it cannot drift from them.
* :func:`datapackage`: a Frictionless Data Package (v2) descriptor for the bundled
  CSV, with a Table Schema of its columns.

The build writes both into ``src/migrantres/data/``; they are never edited by hand.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final

from migrantres._records.dates import ISO_PATTERN
from migrantres._records.models import Resource
from migrantres._records.text import ID_PATTERN
from migrantres._records.vocab import DateKind, ResourceType

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

__all__ = [
    "DATA_LICENSE",
    "SCHEMA_ID",
    "datapackage",
    "json_schema",
    "sources",
    "table_schema",
]

JSON_SCHEMA_DIALECT: Final = "https://json-schema.org/draft/2020-12/schema"
#: The schema's identifier: a URN, since the schema is published with the package.
SCHEMA_ID: Final = "urn:migrantres:schema:resource:1"
DATAPACKAGE_PROFILE: Final = "https://datapackage.org/profiles/2.0/datapackage.json"


#: The licence of the records migrantres builds from its upstream texts, as a Data
#: Package licence: the compilation's, which leaves the quoted source's own terms.
DATA_LICENSE: Final = MappingProxyType(
    {
        "name": "MIT",
        "path": "https://opensource.org/license/mit",
        "title": (
            "MIT License, for this compilation; the descriptions quote the source "
            "document, whose own terms apply to them"
        ),
    }
)


def sources(resources: Iterable[Resource]) -> tuple[str, ...]:
    """The documents the records' provenance names, each once, in order of first mention.

    Empty when no record has a provenance (records made by hand).
    """
    documents = (r.provenance.document for r in resources if r.provenance is not None)
    return tuple(dict.fromkeys(documents))


def json_schema() -> dict[str, Any]:
    """The JSON Schema (Draft 2020-12) of a record as :meth:`Catalogue.to_records` gives it.

    It describes records as the package writes them, with every field present. Files
    you load may leave out fields that have defaults (``type_label``, ``launch_date``,
    ``availability``...), which the schema lists as required.

    >>> schema = json_schema()
    >>> schema["$schema"], schema["title"]
    ('https://json-schema.org/draft/2020-12/schema', 'Resource')
    """
    schema = Resource.model_json_schema(mode="serialization")
    return {"$schema": JSON_SCHEMA_DIALECT, "$id": SCHEMA_ID, **schema}


def _field(name: str, description: str, **extra: Any) -> dict[str, Any]:  # noqa: ANN401
    return {"name": name, "type": "string", "description": description, **extra}


def table_schema() -> dict[str, Any]:
    """The Table Schema of the CSV that :meth:`Catalogue.to_csv` writes."""
    fields = Resource.model_fields

    def doc(name: str) -> str:
        return fields[name].description or ""

    return {
        "fields": [
            _field(
                "id",
                doc("id"),
                constraints={"required": True, "unique": True, "pattern": ID_PATTERN.strip("^$")},
            ),
            _field("title", doc("title"), constraints={"required": True}),
            _field(
                "type",
                doc("type"),
                constraints={"required": True, "enum": [t.value for t in ResourceType]},
            ),
            _field("type_label", doc("type_label"), constraints={"required": True}),
            _field("jurisdiction", doc("jurisdiction"), constraints={"required": True}),
            _field(
                "organizations",
                doc("organizations") + " Encoded as 'Name (ACRONYM); Other Name'.",
                constraints={"required": True},
            ),
            _field(
                "launch_date",
                doc("launch_date") + " ISO 8601 at year, month or day precision.",
                constraints={"pattern": ISO_PATTERN.strip("^$")},
            ),
            _field(
                "date_kind",
                doc("date_kind"),
                constraints={"required": True, "enum": [k.value for k in DateKind]},
            ),
            _field("description", doc("description"), constraints={"required": True}),
            _field(
                "availability",
                doc("availability") + " Encoded as '[en,fr] URL | [ru] URL'.",
            ),
            {
                "name": "provenance",
                "type": "object",
                "description": doc("provenance") + " A JSON object.",
            },
        ],
        "primaryKey": ["id"],
    }


def datapackage(  # noqa: PLR0913 - the descriptor's parts, each named
    *,
    name: str,
    version: str,
    as_of: str,
    sources: Sequence[str],
    csv_file: str,
    csv_bytes: int,
    csv_sha256: str,
) -> dict[str, Any]:
    """The Data Package descriptor of the bundled CSV.

    ``as_of`` is the ISO date of the dataset's last review; ``sources`` are the titles
    of the upstream texts.
    """
    return {
        "$schema": DATAPACKAGE_PROFILE,
        "name": name,
        "title": "Resources on migrant-worker exploitation, trafficking and forced labour",
        "description": (
            "Public resources on migrant-worker exploitation, human trafficking, forced labour "
            "and ethical supply chains, with their provenance. Built by migrantres from the "
            "upstream texts listed under sources."
        ),
        "version": version,
        "created": f"{as_of}T00:00:00Z",
        "licenses": [dict(DATA_LICENSE)],
        "sources": [{"title": title} for title in sources],
        "resources": [
            {
                "name": "resources",
                "type": "table",
                "path": csv_file,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "bytes": csv_bytes,
                "hash": f"sha256:{csv_sha256}",
                "schema": table_schema(),
            }
        ],
    }
