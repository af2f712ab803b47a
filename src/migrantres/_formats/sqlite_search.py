"""The full-text index of a SQLite catalogue file, in the package's one full-text layout.

The index is an FTS5 table named ``resources_fts`` over the ``title``,
``organizations`` and ``description`` columns of ``resources``, declared with
``content="resources"``: the layout sqlite-utils' ``enable_fts`` writes, which Datasette
detects for its ``_search`` parameter. Its tokenizer, and the text each row holds, are
those of :mod:`migrantres._records.fulltext`, the layout the package's own search uses:
so a catalogue read back from the file searches this index instead of building one, and
Datasette's search splits words (in every script) as the package's does. The file
records the layout's version; a reader of another version builds its own index.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from migrantres._records.fulltext import (
    COLUMNS,
    LAYOUT_VERSION,
    StoredIndex,
    create_table,
    document_texts,
)

if TYPE_CHECKING:
    import sqlite3
    from collections.abc import Mapping, Sequence

    from migrantres._records.models import Resource

__all__ = [
    "CONTENT_TABLE",
    "FULL_TEXT_TABLE",
    "LAYOUT_KEY",
    "create_index",
    "search_texts",
    "stored_index",
]

#: The FTS5 table, and the table whose rows it indexes (sharing their rowids).
FULL_TEXT_TABLE: Final = "resources_fts"
CONTENT_TABLE: Final = "resources"
#: The key of ``catalogue_metadata`` that holds the full-text layout's version.
LAYOUT_KEY: Final = "fulltext_layout"


def search_texts(resource: Resource) -> dict[str, str]:
    """The text of each indexed column of the content table, as a person reads it.

    Organizations are their names with the acronym in brackets, joined by ``"; "``:
    ``International Organization for Migration (IOM); H&M Group``. The index itself
    holds the prepared text of :func:`~migrantres._records.fulltext.document_texts`.
    """
    organizations = "; ".join(
        org.name + (f" ({org.acronym})" if org.acronym else "") for org in resource.organizations
    )
    return {
        "title": resource.title,
        "organizations": organizations,
        "description": resource.description,
    }


def create_index(connection: sqlite3.Connection, resources: Sequence[Resource]) -> None:
    """Create the index and fill it, one row per resource at its content row's rowid.

    The rows are inserted one by one rather than rebuilt from the content table: the
    index holds the prepared text, which the content table does not.
    """
    create_table(
        connection, FULL_TEXT_TABLE, content=CONTENT_TABLE, feature="the SQLite export's search"
    )
    rowids = dict(connection.execute(f"SELECT position, rowid FROM {CONTENT_TABLE}"))  # noqa: S608 - a constant name
    connection.executemany(
        f'INSERT INTO "{FULL_TEXT_TABLE}" (rowid, {", ".join(COLUMNS)}) VALUES (?, ?, ?, ?)',  # noqa: S608 - constant names
        [(rowids[position], *document_texts(r)) for position, r in enumerate(resources)],
    )
    connection.execute(
        "INSERT INTO catalogue_metadata VALUES (?, ?)", (LAYOUT_KEY, str(LAYOUT_VERSION))
    )


def stored_index(
    connection: sqlite3.Connection, metadata: Mapping[str, str], count: int
) -> StoredIndex | None:
    """The file's index, for the search engine to reuse, when it is of this layout.

    ``None`` (the engine then builds its own) when the file records another layout's
    version, or when the index does not hold exactly one row per resource, as after an
    edit by another program.
    """
    if metadata.get(LAYOUT_KEY) != str(LAYOUT_VERSION):
        return None
    positions = dict(connection.execute(f"SELECT rowid, position FROM {CONTENT_TABLE}"))  # noqa: S608 - a constant name
    indexed = {row for (row,) in connection.execute(f'SELECT id FROM "{FULL_TEXT_TABLE}_docsize"')}  # noqa: S608 - a constant name
    if len(positions) != count or indexed != set(positions):
        return None
    return StoredIndex(connection, FULL_TEXT_TABLE, positions)
