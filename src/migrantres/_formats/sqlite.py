"""Records in and out of SQLite, in tables that Datasette and sqlite-utils open as they are.

The tables are normalised, with primary and foreign keys:

* ``resources``: one row per resource, ``id`` its primary key and ``position`` its
  place in the catalogue; ``launch_date`` is ISO text and ``launch_year``,
  ``launch_month``, ``launch_day`` its parts (null where it has none);
  ``organizations`` is the organizations' names and acronyms as one text, for
  full-text search; ``provenance`` is JSON;
* ``organizations``: each distinct name and acronym once;
* ``resource_organizations``: which organizations are behind which resource, in order;
* ``availability``: each resource's URLs, in order, and ``availability_languages``
  their languages, in order;
* ``catalogue_metadata``: the file format's version, the dataset's version and the
  source documents, as keys and values;
* ``resources_fts``: the full-text index of the titles, organizations and descriptions
  (see :mod:`migrantres._formats.sqlite_search`);
* ``resources_view``: a view with one row per resource and its lists joined as JSON
  arrays (``organizations``, ``languages``, ``urls``), which Datasette can search
  and facet.

The file is written in one transaction into a temporary file, which replaces the
target only once complete; Datasette's metadata (title, licence, source, and the
view's search) is written beside it as ``<name>.metadata.json``.
"""

from __future__ import annotations

import json
import sqlite3
from typing import TYPE_CHECKING, Any, Final

from migrantres._formats.files import replaced, target_path
from migrantres._formats.schema import DATA_LICENSE, sources
from migrantres._formats.sqlite_search import FULL_TEXT_TABLE, create_index, search_texts
from migrantres._version import __version__

if TYPE_CHECKING:
    import os
    from collections.abc import Mapping, Sequence
    from pathlib import Path

    from migrantres._records.models import Resource

__all__ = ["SQLITE_FORMAT_VERSION", "TABLES", "datasette_metadata", "metadata_path", "write_sqlite"]

#: The version of the table layout, in ``catalogue_metadata``.
SQLITE_FORMAT_VERSION: Final = 1

_SCHEMA: Final = """
CREATE TABLE catalogue_metadata (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE resources (
    id TEXT PRIMARY KEY,
    position INTEGER NOT NULL UNIQUE,
    title TEXT NOT NULL,
    type TEXT NOT NULL,
    type_label TEXT NOT NULL,
    jurisdiction TEXT NOT NULL,
    organizations TEXT NOT NULL,
    launch_date TEXT,
    launch_year INTEGER,
    launch_month INTEGER,
    launch_day INTEGER,
    date_kind TEXT NOT NULL,
    description TEXT NOT NULL,
    provenance TEXT
);
CREATE TABLE organizations (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    acronym TEXT
);
CREATE UNIQUE INDEX organizations_name_acronym ON organizations (name, ifnull(acronym, ''));
CREATE TABLE resource_organizations (
    resource_id TEXT NOT NULL REFERENCES resources (id),
    position INTEGER NOT NULL,
    organization_id INTEGER NOT NULL REFERENCES organizations (id),
    PRIMARY KEY (resource_id, position)
);
CREATE INDEX resource_organizations_organization ON resource_organizations (organization_id);
CREATE TABLE availability (
    resource_id TEXT NOT NULL REFERENCES resources (id),
    position INTEGER NOT NULL,
    url TEXT NOT NULL,
    PRIMARY KEY (resource_id, position)
);
CREATE TABLE availability_languages (
    resource_id TEXT NOT NULL,
    availability_position INTEGER NOT NULL,
    position INTEGER NOT NULL,
    language TEXT NOT NULL,
    PRIMARY KEY (resource_id, availability_position, position),
    FOREIGN KEY (resource_id, availability_position) REFERENCES availability (resource_id, position)
);
CREATE INDEX availability_languages_language ON availability_languages (language);
"""

# Lists come out of the subqueries in their stored order, which json_group_array keeps.
_VIEW: Final = """
CREATE VIEW resources_view AS
SELECT
    r.rowid AS search_rowid,
    r.id,
    r.title,
    r.type,
    r.type_label,
    r.jurisdiction,
    (SELECT json_group_array(name) FROM (
        SELECT o.name FROM resource_organizations AS ro
        JOIN organizations AS o ON o.id = ro.organization_id
        WHERE ro.resource_id = r.id ORDER BY ro.position)) AS organizations,
    r.launch_date,
    r.launch_year,
    r.date_kind,
    (SELECT json_group_array(language) FROM (
        SELECT language FROM availability_languages
        WHERE resource_id = r.id GROUP BY language
        ORDER BY min(availability_position * 4294967296 + position))) AS languages,
    (SELECT json_group_array(url) FROM (
        SELECT url FROM availability WHERE resource_id = r.id ORDER BY position)) AS urls,
    r.description
FROM resources AS r
ORDER BY r.position
"""

#: The tables a catalogue file has, and what each holds (for Datasette's metadata).
TABLES: Final = {
    "resources": "One row per resource; lists are in the tables that refer to it.",
    "organizations": "Each organization once, by name and acronym.",
    "resource_organizations": "The organizations behind each resource, in order.",
    "availability": "Where each resource can be read, in order.",
    "availability_languages": "The languages of each availability entry, in order.",
    "catalogue_metadata": "The file format's version, the dataset's version and sources.",
    "resources_view": "One row per resource, its lists as JSON arrays; searchable.",
}


def metadata_path(path: Path) -> Path:
    """Where Datasette's metadata for the database at ``path`` goes: ``<name>.metadata.json``."""
    return path.with_name(f"{path.stem}.metadata.json")


def _metadata_rows(resources: Sequence[Resource], version: str | None) -> list[tuple[str, str]]:
    rows = [
        ("format_version", str(SQLITE_FORMAT_VERSION)),
        ("sources", json.dumps(list(sources(resources)), ensure_ascii=False)),
        ("written_by", f"migrantres {__version__}"),
    ]
    if version is not None:
        rows.append(("version", version))
    return rows


def _insert(connection: sqlite3.Connection, resources: Sequence[Resource]) -> None:
    organization_ids: dict[tuple[str, str | None], int] = {}
    for position, resource in enumerate(resources):
        date = resource.launch_date
        texts = search_texts(resource)
        connection.execute(
            "INSERT INTO resources VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                resource.id,
                position,
                resource.title,
                resource.type.value,
                resource.type_label,
                resource.jurisdiction,
                texts["organizations"],
                None if date is None else date.isoformat(),
                None if date is None else date.year,
                None if date is None else date.month,
                None if date is None else date.day,
                resource.date_kind.value,
                resource.description,
                None if resource.provenance is None else resource.provenance.model_dump_json(),
            ),
        )
        for index, organization in enumerate(resource.organizations):
            key = (organization.name, organization.acronym)
            if key not in organization_ids:
                organization_ids[key] = len(organization_ids) + 1
                connection.execute(
                    "INSERT INTO organizations VALUES (?, ?, ?)", (organization_ids[key], *key)
                )
            connection.execute(
                "INSERT INTO resource_organizations VALUES (?, ?, ?)",
                (resource.id, index, organization_ids[key]),
            )
        for index, entry in enumerate(resource.availability):
            connection.execute(
                "INSERT INTO availability VALUES (?, ?, ?)", (resource.id, index, entry.url)
            )
            connection.executemany(
                "INSERT INTO availability_languages VALUES (?, ?, ?, ?)",
                [(resource.id, index, n, tag) for n, tag in enumerate(entry.languages)],
            )


def datasette_metadata(
    resources: Sequence[Resource], version: str | None, database: str
) -> dict[str, Any]:
    """Datasette's metadata for the database named ``database``: title, licence, source.

    The source is the documents the records' provenance names. The licence is that of
    the bundled dataset, written only when the catalogue is the bundled data or a
    selection of it (its version is the package's); for other records no licence is
    claimed.
    """
    documents = sources(resources)
    described = {
        "title": "migrantres catalogue" + ("" if version is None else f" {version}"),
        "description": (
            f"{len(resources)} {'resource' if len(resources) == 1 else 'resources'} on "
            "migrant-worker exploitation, human trafficking, "
            "forced labour and ethical supply chains, written by migrantres."
        ),
    }
    if documents:
        described["source"] = "; ".join(documents)
    if version == __version__:
        described["license"] = DATA_LICENSE["title"]
        described["license_url"] = DATA_LICENSE["path"]
    tables: dict[str, dict[str, Any]] = {name: {"description": d} for name, d in TABLES.items()}
    tables["resources"] |= {"label_column": "title", "facets": ["type", "launch_year"]}
    tables["organizations"]["label_column"] = "name"
    # Datasette finds the table's index itself; a view needs to be told.
    tables["resources_view"] |= {"fts_table": FULL_TEXT_TABLE, "fts_pk": "search_rowid"}
    return {**described, "databases": {database: {"tables": tables}}}


def write_sqlite(
    resources: Sequence[Resource],
    version: str | None,
    path: str | os.PathLike[str],
    metadata: Mapping[str, str] | None = None,
) -> None:
    """Write the records to a SQLite database at ``path``, and Datasette's metadata beside it.

    ``metadata`` adds to or replaces the top-level keys of Datasette's metadata
    (``title``, ``description``, ``license``, ``license_url``, ``source``,
    ``source_url``...).

    Raises:
        TypeError: ``path`` is not a str or path-like, or ``metadata`` not a mapping of str.
        OSError: a file cannot be written.
        MissingDependencyError: Python's SQLite was built without FTS5; CPython's own
            builds and the usual distributions have it. Nothing is written.
    """
    target = target_path(path)
    extra = dict(metadata or {})
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in extra.items()):
        msg = "metadata must map str keys to str values, such as {'license': 'CC-BY-4.0'}"
        raise TypeError(msg)
    described = datasette_metadata(resources, version, target.stem) | extra
    with replaced(target) as partial, replaced(metadata_path(target)) as partial_metadata:
        connection = sqlite3.connect(partial, isolation_level=None)
        try:
            connection.execute("PRAGMA foreign_keys = ON")
            # One transaction from the first table to the index (executescript would
            # commit a transaction begun before it, so the script begins it).
            connection.executescript("BEGIN;" + _SCHEMA)
            connection.executemany(
                "INSERT INTO catalogue_metadata VALUES (?, ?)", _metadata_rows(resources, version)
            )
            _insert(connection, resources)
            create_index(connection, resources)
            connection.execute(_VIEW)
            connection.execute("COMMIT")
        finally:
            connection.close()
        partial_metadata.write_text(
            json.dumps(described, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
