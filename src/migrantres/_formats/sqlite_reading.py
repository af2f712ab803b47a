"""Records from a SQLite catalogue file, as :mod:`migrantres._formats.sqlite` writes it.

The database is read from its bytes, in memory. Every record is validated as the
other readers validate theirs, and the file's own consistency is checked: foreign
keys, and the columns derived from others (the date's parts and the organizations'
search text) must agree with what they derive from.
"""

from __future__ import annotations

import json
import sqlite3
from typing import TYPE_CHECKING, Any, Final

from migrantres._formats.json_codec import parse_records
from migrantres._formats.reading import DATE_PARTS, Parsed, date_part_problems
from migrantres._formats.sqlite import SQLITE_FORMAT_VERSION, TABLES
from migrantres._formats.sqlite_search import search_texts, stored_index
from migrantres.exceptions import LoadError, Problem

if TYPE_CHECKING:
    from collections.abc import Sequence

    from migrantres._records.models import Resource

__all__ = ["parse_sqlite"]

_HEADER: Final = b"SQLite format 3\x00"
_RECORD_COLUMNS: Final = (
    "id",
    "title",
    "type",
    "type_label",
    "jurisdiction",
    "launch_date",
    *DATE_PARTS,
    "date_kind",
    "description",
)


def parse_sqlite(raw: bytes, source: str = "<sqlite>") -> Parsed:
    """Records from the bytes of a SQLite catalogue file.

    Raises:
        LoadError: the bytes are not a SQLite database, lack the catalogue's tables, or
            hold invalid or inconsistent records; every problem is listed.
    """
    if bytes(raw[: len(_HEADER)]) != _HEADER:
        message = "not a SQLite database (a SQLite file starts with 'SQLite format 3')"
        raise LoadError(source, [Problem(message)])
    # The database is read from a copy in memory, which the search engine may keep
    # searching from any thread (it serialises its own use), so the copy stays open
    # when the catalogue takes its index.
    connection = sqlite3.connect(":memory:", check_same_thread=False)
    try:
        connection.deserialize(bytes(raw))
        parsed = _read(connection, source)
    except sqlite3.Error as exc:
        connection.close()
        raise LoadError(source, [Problem(f"invalid SQLite catalogue: {exc}")]) from None
    except BaseException:
        connection.close()
        raise
    if parsed.fulltext is None:
        connection.close()
    return parsed


def _read(connection: sqlite3.Connection, source: str) -> Parsed:
    present = {name for (name,) in connection.execute("SELECT name FROM sqlite_master")}
    needed = [name for name in TABLES if not name.endswith("_view")]
    missing = [name for name in needed if name not in present]
    if missing:
        message = f"missing tables: {', '.join(missing)}; expected: {', '.join(needed)}"
        raise LoadError(source, [Problem(message)])
    metadata = dict(connection.execute("SELECT key, value FROM catalogue_metadata"))
    written = metadata.get("format_version")
    if written != str(SQLITE_FORMAT_VERSION):
        message = (
            f"catalogue format version {written!r}; this version of migrantres reads "
            f"version {SQLITE_FORMAT_VERSION!r}"
        )
        raise LoadError(source, [Problem(message)])
    problems = _foreign_key_problems(connection)
    rows, texts, problems = _records(connection, problems)
    derived = [{name: row.pop(name) for name in DATE_PARTS} for row in rows]
    problems += date_part_problems(rows, derived)
    records: tuple[Resource, ...] = ()
    try:
        records = parse_records(rows, source).records
    except LoadError as exc:
        problems += exc.problems
    else:
        problems += _search_text_problems(records, texts)
    if problems:
        raise LoadError(source, sorted(problems, key=lambda p: -1 if p.index is None else p.index))
    fulltext = stored_index(connection, metadata, len(records))
    return Parsed(records, metadata.get("version"), fulltext)


def _foreign_key_problems(connection: sqlite3.Connection) -> list[Problem]:
    return [
        Problem(f"row {rowid} of {table} refers to a row of {parent} that does not exist")
        for table, rowid, parent, _ in connection.execute("PRAGMA foreign_key_check")
    ]


def _records(
    connection: sqlite3.Connection, problems: list[Problem]
) -> tuple[list[dict[str, Any]], list[object], list[Problem]]:
    """Each resource's plain data, its stored search text, and the problems so far."""
    columns = ", ".join(_RECORD_COLUMNS)
    query = f"SELECT {columns}, organizations, provenance FROM resources ORDER BY position"  # noqa: S608 - column names from this module
    organizations: dict[object, list[dict[str, object]]] = {}
    for resource_id, name, acronym in connection.execute(
        "SELECT ro.resource_id, o.name, o.acronym FROM resource_organizations AS ro "
        "JOIN organizations AS o ON o.id = ro.organization_id "
        "ORDER BY ro.resource_id, ro.position"
    ):
        organizations.setdefault(resource_id, []).append({"name": name, "acronym": acronym})
    languages: dict[tuple[object, object], list[object]] = {}
    for resource_id, entry, tag in connection.execute(
        "SELECT resource_id, availability_position, language FROM availability_languages "
        "ORDER BY resource_id, availability_position, position"
    ):
        languages.setdefault((resource_id, entry), []).append(tag)
    availability: dict[object, list[dict[str, object]]] = {}
    for resource_id, entry, url in connection.execute(
        "SELECT resource_id, position, url FROM availability ORDER BY resource_id, position"
    ):
        availability.setdefault(resource_id, []).append(
            {"languages": languages.get((resource_id, entry), []), "url": url}
        )
    rows, texts = [], []
    for index, (*values, text, provenance) in enumerate(connection.execute(query)):
        row: dict[str, Any] = dict(zip(_RECORD_COLUMNS, values, strict=True))
        row["organizations"] = organizations.get(row["id"], [])
        row["availability"] = availability.get(row["id"], [])
        row["provenance"] = _provenance(provenance, index, row, problems)
        rows.append(row)
        texts.append(text)
    return rows, texts, problems


def _provenance(text: object, index: int, row: dict[str, Any], problems: list[Problem]) -> Any:  # noqa: ANN401 - plain JSON data
    if text is None or not isinstance(text, str):
        return text
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        record_id = row["id"] if isinstance(row["id"], str) else None
        problems.append(
            Problem(f"invalid JSON: {exc.msg}", index=index, id=record_id, field="provenance")
        )
        return None


def _search_text_problems(records: Sequence[Resource], texts: Sequence[object]) -> list[Problem]:
    """The stored search text of the organizations must be what the records give."""
    problems = []
    for index, (record, text) in enumerate(zip(records, texts, strict=True)):
        expected = search_texts(record)["organizations"]
        if text != expected:
            problems.append(
                Problem(
                    f"the search text of the organizations is {text!r}, not {expected!r} as "
                    "the organizations table gives",
                    index=index,
                    id=record.id,
                    field="organizations",
                )
            )
    return problems
