"""Records in and out of JSON, JSON Lines and CSV, exactly and deterministically.

Every format that can come back in round-trips with nothing lost: every field, the
precision of dates, the source's label spellings, provenance and record order. Reading
reports every problem at once, each with its line or record and field.

JSON
    ``{"schema_version": 1, "version": ..., "records": [...]}``, two-space indents,
    UTF-8 text unescaped. A bare array of records is read too.
JSON Lines
    One record per line, compact; no header, so no dataset version.
CSV
    One row per resource, a header of field names, RFC 4180 quoting. Fields with
    structure are encoded in one cell each:

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
import functools
import gc
import io
import json
import threading
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Final, NamedTuple, ParamSpec, TypeVar

from pydantic import TypeAdapter, ValidationError
from pydantic_core import to_json

from migrantres._format import SCHEMA_VERSION, CatalogueDocument
from migrantres._models import Resource
from migrantres.exceptions import LoadError, Problem

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence

_P = ParamSpec("_P")
_R = TypeVar("_R")

__all__ = [
    "CSV_COLUMNS",
    "Parsed",
    "dump_csv",
    "dump_json",
    "dump_jsonl",
    "dump_records",
    "parse_csv",
    "parse_json",
    "parse_jsonl",
    "parse_records",
]

#: The CSV columns, in order: every field of a record.
CSV_COLUMNS: Final = tuple(Resource.model_fields)
_FORMULA_STARTS: Final = ("=", "+", "-", "@", "\t", "\r", "'")
_ORG_SEPARATOR: Final = ";"
_ENTRY_SEPARATOR: Final = "|"


class _CollectorPause:
    """Pause Python's cyclic garbage collector while records are built, then restore it.

    Building 100,000 records allocates millions of objects, and every few hundred
    allocations the collector walks them all: it more than doubles the time of a load.
    Records hold no reference cycles, so nothing they allocate needs the collector.
    The pause lasts only while a file is parsed; the collector's earlier state comes
    back afterwards (it stays off if it was off), and nested or concurrent loads in
    several threads restore it once, when the last one ends.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._depth = 0
        self._was_enabled = False

    def __enter__(self) -> None:
        with self._lock:
            if self._depth == 0:
                self._was_enabled = gc.isenabled()
                gc.disable()
            self._depth += 1

    def __exit__(self, *_: object) -> None:
        with self._lock:
            self._depth -= 1
            if self._depth == 0 and self._was_enabled:
                gc.enable()


_PAUSE: Final = _CollectorPause()


def _collector_paused(parse: Callable[_P, _R]) -> Callable[_P, _R]:
    """Run a parser with the garbage collector paused (see :class:`_CollectorPause`)."""

    @functools.wraps(parse)
    def run(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        with _PAUSE:
            return parse(*args, **kwargs)

    return run


class Parsed(NamedTuple):
    """Records read from text, and the dataset version its header gives, if any."""

    records: tuple[Resource, ...]
    version: str | None


@functools.cache
def _document_adapter() -> TypeAdapter[CatalogueDocument]:
    return TypeAdapter(CatalogueDocument)


@functools.cache
def _records_adapter() -> TypeAdapter[tuple[Resource, ...]]:
    return TypeAdapter(tuple[Resource, ...])


# -- out ------------------------------------------------------------------------------


def dump_records(resources: Iterable[Resource]) -> list[dict[str, Any]]:
    """Plain, JSON-ready dicts, one per resource, keys in field order."""
    return [resource.model_dump(mode="json") for resource in resources]


def dump_json(resources: Iterable[Resource], version: str | None) -> str:
    """The catalogue as a JSON document with a header.

    pydantic-core writes it, several times faster than :func:`json.dumps` with an
    indent (which falls back to pure Python); the bytes are the same as
    ``json.dumps(document, ensure_ascii=False, indent=2)``, which the tests check.
    """
    document = {"schema_version": SCHEMA_VERSION, "version": version, "records": tuple(resources)}
    return to_json(document, indent=2).decode("utf-8") + "\n"


def dump_jsonl(resources: Iterable[Resource]) -> str:
    """One compact JSON record per line (as ``json.dumps`` with no spaces would write it)."""
    return "".join(resource.model_dump_json() + "\n" for resource in resources)


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


# -- in -------------------------------------------------------------------------------


def decode(raw: bytes | str, source: str) -> str:
    """Text from bytes that must be UTF-8 (a byte-order mark is allowed)."""
    if isinstance(raw, str):
        return raw
    if not isinstance(raw, bytes | bytearray | memoryview):
        msg = f"expected str or bytes, not {type(raw).__name__}"
        raise TypeError(msg)
    raw = bytes(raw)
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise LoadError(source, [Problem("the file is UTF-16 text; save it as UTF-8")])
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        byte = exc.object[exc.start]
        raise LoadError(
            source, [Problem(f"the file is not UTF-8 text (byte {exc.start}: {byte:#04x})")]
        ) from None


def _value(error: Mapping[str, Any]) -> object:
    """The offending input, unless it is a whole record (too long to show)."""
    value = error.get("input")
    return None if isinstance(value, dict | list) else value


def _record_problems(
    errors: Iterable[Mapping[str, Any]],
    *,
    index: int | None = None,
    record_id: str | None = None,
    line: int | None = None,
    ids: Mapping[int, str] | None = None,
) -> list[Problem]:
    """Problems from pydantic errors; without ``index``, the location's first part is it."""
    problems = []
    for error in errors:
        loc: Sequence[int | str] = error["loc"]
        position = index
        if position is None and loc and isinstance(loc[0], int):
            position, loc = loc[0], loc[1:]
        problems.append(
            Problem(
                str(error["msg"]),
                index=position,
                id=record_id or ((ids or {}).get(position) if position is not None else None),
                field=".".join(str(part) for part in loc) or None,
                value=_value(error),
                line=line,
            )
        )
    return problems


def _json_ids(text: str, *, in_document: bool) -> dict[int, str]:
    """The ids of the records in JSON text, by position, to name records in errors."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        return {}
    records = data.get("records") if in_document and isinstance(data, dict) else data
    if not isinstance(records, list):
        return {}
    return {
        i: r["id"]
        for i, r in enumerate(records)
        if isinstance(r, dict) and isinstance(r.get("id"), str)
    }


def unique(
    records: tuple[Resource, ...], source: str, lines: Sequence[int] | None = None
) -> dict[str, int]:
    """Each id's position; a :class:`LoadError` lists every id used more than once."""
    first: dict[str, int] = {}
    problems = []
    for index, record in enumerate(records):
        seen = first.setdefault(record.id, index)
        if seen != index:
            problems.append(
                Problem(
                    f"duplicate id; record {seen} has the same id",
                    index=index,
                    id=record.id,
                    field="id",
                    value=record.id,
                    line=lines[index] if lines else None,
                )
            )
    if problems:
        raise LoadError(source, problems)
    return first


@_collector_paused
def parse_json(raw: bytes | str, source: str = "<json>") -> Parsed:
    """Records from a JSON document with ``records``, or from a JSON array of records."""
    text = decode(raw, source)
    start = text.lstrip()[:1]
    if not start:
        raise LoadError(
            source,
            [Problem("the file is empty; expected a JSON object with 'records' or a JSON array")],
        )
    in_document = start != "["
    try:
        if in_document:
            document = _document_adapter().validate_json(text)
            parsed = Parsed(document.records, document.version)
        else:
            parsed = Parsed(_records_adapter().validate_json(text), None)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        if errors and errors[0]["type"] == "json_invalid":
            try:
                json.loads(text)
            except json.JSONDecodeError as decode_error:
                problem = Problem(f"invalid JSON: {decode_error.msg}", line=decode_error.lineno)
            else:
                problem = Problem(f"invalid JSON: {errors[0]['msg']}")
            raise LoadError(source, [problem]) from None
        ids = _json_ids(text, in_document=in_document)
        problems = []
        for error in errors:
            loc = error["loc"]
            if in_document and (not loc or loc[0] != "records"):
                field = ".".join(map(str, loc)) or None
                problems.append(Problem(error["msg"], field=field, value=_value(error)))
            else:
                trimmed = {**error, "loc": loc[1:] if in_document else loc}
                problems.extend(_record_problems([trimmed], ids=ids))
        raise LoadError(source, problems) from None
    unique(parsed.records, source)
    return parsed


@_collector_paused
def parse_records(records: object, source: str = "<records>") -> Parsed:
    """Records from plain dicts (or Resource objects), as :func:`dump_records` gives them."""
    if isinstance(records, str | bytes | dict) or not isinstance(records, Iterable):
        msg = f"expected an iterable of records (dicts), not {type(records).__name__}"
        raise TypeError(msg)
    items = list(records)
    try:
        parsed = _records_adapter().validate_python(items)
    except ValidationError as exc:
        ids = {
            i: r["id"]
            for i, r in enumerate(items)
            if isinstance(r, dict) and isinstance(r.get("id"), str)
        }
        raise LoadError(source, _record_problems(exc.errors(include_url=False), ids=ids)) from None
    unique(parsed, source)
    return Parsed(parsed, None)


@_collector_paused
def parse_jsonl(raw: bytes | str, source: str = "<jsonl>") -> Parsed:
    """Records from JSON Lines: one JSON object per line; blank lines are skipped."""
    text = decode(raw, source)
    records: list[Resource] = []
    lines: list[int] = []
    problems: list[Problem] = []
    index = 0
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            records.append(Resource.model_validate_json(line))
            lines.append(number)
        except ValidationError as exc:
            errors = exc.errors(include_url=False)
            if errors[0]["type"] == "json_invalid":
                problems.append(
                    Problem(f"invalid JSON: {errors[0]['msg']}", index=index, line=number)
                )
            else:
                record_id = _json_ids(f"[{line}]", in_document=False).get(0)
                problems.extend(
                    _record_problems(errors, index=index, record_id=record_id, line=number)
                )
        index += 1
    if problems:
        raise LoadError(source, problems)
    unique(tuple(records), source, lines)
    return Parsed(tuple(records), None)


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
        try:
            record["provenance"] = json.loads(cells["provenance"])
        except json.JSONDecodeError as exc:
            msg = f"provenance: invalid JSON ({exc.msg})"
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
        return _record_problems(errors, index=index, record_id=record_id, line=line)
    except ValueError as exc:
        return [Problem(str(exc), index=index, id=record_id, line=line)]


@_collector_paused
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
