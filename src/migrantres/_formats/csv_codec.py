"""Records in and out of CSV, exactly: one row per resource under a header of field names.

RFC 4180 quoting. Fields with structure are encoded in one cell each:

* ``organizations``: ``Name (ACRONYM); Other Name``;
* ``availability``: ``[en,fr] https://… | [ru] https://…``, so each URL keeps its
  languages (``[]`` when the source names none);
* ``provenance``: compact JSON;
* ``launch_date``: ISO text; an empty cell is no date.

In names and URLs, a backslash escapes the separators ``; ( ) |`` and itself. A cell
a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``, a tab
or a carriage return) is written with a leading apostrophe, as OWASP advises, and so
is a cell that starts with an apostrophe; reading removes exactly one.
"""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING, Final

from pydantic import ValidationError
from pydantic_core import from_json

from migrantres._formats.reading import (
    MAX_DEPTH,
    Parsed,
    collector_paused,
    decode,
    record_problems,
    too_deep,
)
from migrantres._records.identity import unique
from migrantres._records.models import Resource
from migrantres.exceptions import LoadError, Problem

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

__all__ = ["CSV_COLUMNS", "dump_csv", "parse_csv"]

CSV_COLUMNS: Final = tuple(Resource.model_fields)
_FORMULA_STARTS: Final = ("=", "+", "-", "@", "\t", "\r", "'")
_ORG_SEPARATOR: Final = ";"
_ENTRY_SEPARATOR: Final = "|"


def _escape(text: str, specials: str) -> str:
    for char in "\\" + specials:
        text = text.replace(char, "\\" + char)
    return text


def _split(text: str, separator: str) -> list[str]:
    """Split at separators not escaped by a backslash; escapes are kept."""
    parts, current, escaped = [], [], False
    for char in text:
        if escaped:
            current.append(char)
            escaped = False
        elif char == "\\":
            current.append(char)
            escaped = True
        elif char == separator:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


def _unescape(text: str) -> str:
    out, escaped = [], False
    for char in text:
        if escaped or char != "\\":
            out.append(char)
            escaped = False
        else:
            escaped = True
    return "".join(out)


def _organizations_cell(resource: Resource) -> str:
    return "; ".join(
        _escape(org.name, ";()") + (f" ({_escape(org.acronym, ';()')})" if org.acronym else "")
        for org in resource.organizations
    )


def _availability_cell(resource: Resource) -> str:
    return " | ".join(
        f"[{','.join(entry.languages)}] {_escape(entry.url, '|')}"
        for entry in resource.availability
    )


def _neutralise(cell: str) -> str:
    """Keep a spreadsheet from running the cell as a formula."""
    return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell


def dump_csv(resources: Iterable[Resource]) -> str:
    """One row per resource under a header of field names."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for r in resources:
        provenance = r.provenance
        writer.writerow(
            [
                _neutralise(cell)
                for cell in (
                    r.id,
                    r.title,
                    r.type.value,
                    r.type_label,
                    r.jurisdiction,
                    _organizations_cell(r),
                    "" if r.launch_date is None else r.launch_date.isoformat(),
                    r.date_kind.value,
                    r.description,
                    _availability_cell(r),
                    "" if provenance is None else provenance.model_dump_json(),
                )
            ]
        )
    return out.getvalue()


def _restore(cell: str) -> str:
    """Undo :func:`_neutralise`."""
    return cell.removeprefix("'")


def _organizations(cell: str) -> list[dict[str, str | None]]:
    organizations = []
    for part in _split(cell, _ORG_SEPARATOR):
        entry = part.strip()
        if not entry:
            continue
        acronym = None
        if entry.endswith(")") and not entry.endswith("\\)"):
            opening = [
                i for i, c in enumerate(entry) if c == "(" and (i == 0 or entry[i - 1] != "\\")
            ]
            if opening:
                acronym = _unescape(entry[opening[-1] + 1 : -1])
                entry = entry[: opening[-1]].rstrip()
        organizations.append({"name": _unescape(entry), "acronym": acronym})
    return organizations


def _availability(cell: str) -> list[dict[str, object]]:
    entries: list[dict[str, object]] = []
    for part in _split(cell, _ENTRY_SEPARATOR):
        entry = part.strip()
        if not entry:
            continue
        if not entry.startswith("[") or "] " not in entry:
            msg = f"expected '[languages] URL', found {entry[:40]!r}"
            raise ValueError(msg)
        languages, url = entry[1:].split("] ", 1)
        entries.append(
            {"languages": [t for t in languages.split(",") if t], "url": _unescape(url.strip())}
        )
    return entries


def _row_record(row: Mapping[str, str]) -> dict[str, object]:
    """A record's plain data from a CSV row; ``ValueError`` names a malformed cell."""
    cells = {column: _restore(row[column]) for column in CSV_COLUMNS}
    record: dict[str, object] = dict(cells)
    record["organizations"] = _organizations(cells["organizations"])
    try:
        record["availability"] = _availability(cells["availability"])
    except ValueError as exc:
        msg = f"availability: {exc}"
        raise ValueError(msg) from None
    record["launch_date"] = cells["launch_date"] or None
    if cells["provenance"]:
        try:  # pydantic-core's parser, as for JSON files: the same limit on depth
            record["provenance"] = from_json(cells["provenance"])
        except ValueError as exc:
            deep = too_deep(cells["provenance"])
            where = f".{deep.path[0]}" if deep is not None and deep.path else ""
            msg = (
                f"provenance{where}: JSON nested more than {MAX_DEPTH} levels deep"
                if deep is not None
                else f"provenance: invalid JSON ({exc})"
            )
            raise ValueError(msg) from None
    else:
        record["provenance"] = None
    return record


def _row_problems(row: Mapping[str, str | None], index: int, line: int) -> Resource | list[Problem]:
    """The record of a CSV row, or the problems that keep it from being one."""
    record_id = _restore(row.get("id") or "") or None
    if None in row or any(value is None for value in row.values()):
        message = "the row has a different number of cells from the header"
        return [Problem(message, index=index, id=record_id, line=line)]
    try:
        return Resource.model_validate(_row_record(row))  # type: ignore[arg-type]
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        return record_problems(errors, index=index, record_id=record_id, line=line)
    except ValueError as exc:
        return [Problem(str(exc), index=index, id=record_id, line=line)]


@collector_paused
def parse_csv(raw: bytes | str, source: str = "<csv>") -> Parsed:
    """Records from CSV as :func:`dump_csv` writes it."""
    text = decode(raw, source)
    reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
    try:
        header = reader.fieldnames
    except csv.Error as exc:
        raise LoadError(source, [Problem(f"invalid CSV: {exc}", line=reader.line_num)]) from None
    if not header:
        raise LoadError(
            source, [Problem("the file is empty; expected a header row of field names")]
        )
    missing = [c for c in CSV_COLUMNS if c not in header]
    unknown = [c for c in header if c not in CSV_COLUMNS]
    if missing or unknown:
        detail = "; ".join(
            part
            for part in (
                f"missing columns: {', '.join(missing)}" if missing else "",
                f"unknown columns: {', '.join(map(repr, unknown))}" if unknown else "",
            )
            if part
        )
        raise LoadError(source, [Problem(f"{detail}; expected: {', '.join(CSV_COLUMNS)}", line=1)])
    records: list[Resource] = []
    lines: list[int] = []
    problems: list[Problem] = []
    index = 0
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            problems.append(Problem(f"invalid CSV: {exc}", line=start))
            break
        found = _row_problems(row, index, start)
        if isinstance(found, Resource):
            records.append(found)
            lines.append(start)
        else:
            problems.extend(found)
        index += 1
    if problems:
        raise LoadError(source, problems)
    unique(tuple(records), source, lines)
    return Parsed(tuple(records), None)
