"""Records in and out of JSON and JSON Lines, exactly and deterministically.

What comes back in round-trips with nothing lost: every field, the precision of dates,
the source's label spellings, provenance and record order. Reading reports every
problem at once, each with its line or record and field.

JSON
    ``{"schema_version": 1, "version": ..., "records": [...]}``, two-space indents,
    UTF-8 text unescaped: the catalogue file format, which the bundled
    ``resources.json`` uses too. A bare array of records is read as well.
JSON Lines
    One record per line, compact; no header, so no dataset version.
Plain records
    JSON-ready dicts, as :meth:`~migrantres.Catalogue.to_records` gives them.
"""

from __future__ import annotations

import dataclasses
import functools
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Annotated, Any, Final, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, TypeAdapter, ValidationError
from pydantic_core import to_json

from migrantres._formats.reading import (
    Parsed,
    collector_paused,
    decode,
    json_or_none,
    record_problems,
    too_deep,
    value_of,
)
from migrantres._records.compact import FieldSets, shared_as_built
from migrantres._records.identity import unique
from migrantres._records.models import Resource
from migrantres.exceptions import LoadError, Problem

__all__ = [
    "SCHEMA_VERSION",
    "CatalogueDocument",
    "dump_json",
    "dump_jsonl",
    "dump_records",
    "parse_json",
    "parse_jsonl",
    "parse_records",
]

#: The version of the file format; a reader refuses files from a newer one.
SCHEMA_VERSION: Final = 1

_BYTE_ORDER_MARKS: Final = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


#: A record read from a file: its sets of field names shared as soon as it is built,
#: when the read passes a :class:`~migrantres._records.compact.FieldSets` as context.
_Record = Annotated[Resource, AfterValidator(shared_as_built)]


class CatalogueDocument(BaseModel):
    """A catalogue file: a header and the records."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    schema_version: Literal[1] = Field(
        default=SCHEMA_VERSION, description="Version of the file format."
    )
    name: str | None = Field(default=None, description="Name of the dataset.")
    version: str | None = Field(default=None, description="Version of the dataset.")
    as_of: str | None = Field(
        default=None, description="Date of the dataset's last review, ISO 8601."
    )
    records: tuple[_Record, ...] = Field(description="The records, in catalogue order.")


@functools.cache
def _document_adapter() -> TypeAdapter[CatalogueDocument]:
    return TypeAdapter(CatalogueDocument)


@functools.cache
def _records_adapter() -> TypeAdapter[tuple[Resource, ...]]:
    return TypeAdapter(tuple[_Record, ...])


def _left_out(*, provenance: bool) -> set[str] | None:
    """The fields a dump leaves out: provenance, for the slim form APIs serve."""
    return None if provenance else {"provenance"}


def dump_records(resources: Iterable[Resource], *, provenance: bool = True) -> list[dict[str, Any]]:
    """Plain, JSON-ready dicts, one per resource, keys in field order, then ``languages``."""
    exclude = _left_out(provenance=provenance)
    return [resource.model_dump(mode="json", exclude=exclude) for resource in resources]


def dump_json(
    resources: Iterable[Resource], version: str | None, *, provenance: bool = True
) -> str:
    """The catalogue as a JSON document with a header.

    pydantic-core writes it, several times faster than :func:`json.dumps` with an
    indent (which falls back to pure Python); the bytes are the same as
    ``json.dumps(document, ensure_ascii=False, indent=2)``, which the tests check.
    """
    document = {"schema_version": SCHEMA_VERSION, "version": version, "records": tuple(resources)}
    exclude = None if provenance else {"records": {"__all__": {"provenance"}}}
    return to_json(document, indent=2, exclude=exclude).decode("utf-8") + "\n"


def dump_jsonl(resources: Iterable[Resource], *, provenance: bool = True) -> str:
    """One compact JSON record per line (as ``json.dumps`` with no spaces would write it)."""
    exclude = _left_out(provenance=provenance)
    return "".join(resource.model_dump_json(exclude=exclude) + "\n" for resource in resources)


def _json_ids(text: str, *, in_document: bool) -> dict[int, str]:
    """The ids of the records in JSON text, by position, to name records in errors."""
    data = json_or_none(text)
    records = data.get("records") if in_document and isinstance(data, dict) else data
    if not isinstance(records, list):
        return {}
    return {
        i: r["id"]
        for i, r in enumerate(records)
        if isinstance(r, dict) and isinstance(r.get("id"), str)
    }


@collector_paused
def parse_json(raw: bytes | str, source: str = "<json>") -> Parsed:
    """Records from a JSON document with ``records``, or from a JSON array of records."""
    # Bytes go to pydantic-core as they are (it checks that they are UTF-8): decoding
    # them first would hold a second copy of the file. Text is decoded for messages.
    plain = isinstance(raw, bytes) and not raw.startswith(_BYTE_ORDER_MARKS)
    data = raw if plain else decode(raw, source)
    start = data.lstrip()[:1]
    if not start:
        raise LoadError(
            source,
            [Problem("the file is empty; expected a JSON object with 'records' or a JSON array")],
        )
    in_document = start not in {"[", b"["}
    try:
        if in_document:
            document = _document_adapter().validate_json(data, context=FieldSets())
            parsed = Parsed(document.records, document.version)
        else:
            parsed = Parsed(_records_adapter().validate_json(data, context=FieldSets()), None)
    except ValidationError as exc:
        text = decode(raw, source)  # a file that is not UTF-8 is reported as such
        errors = exc.errors(include_url=False)
        if errors and errors[0]["type"] == "json_invalid":
            raise LoadError(source, [_syntax_problem(text, errors[0], in_document)]) from None
        if not in_document and _is_csl_json(text):
            raise LoadError(source, [Problem(_CSL_JSON)]) from None
        ids = _json_ids(text, in_document=in_document)
        problems = _document_problems(errors) if in_document else []
        for error in errors:
            loc = error["loc"]
            if in_document and len(loc) < 2:  # noqa: PLR2004 - the document, or its records
                continue
            if in_document and loc[0] != "records":
                field = ".".join(map(str, loc))
                problems.append(Problem(error["msg"], field=field, value=value_of(error)))
            else:
                trimmed = {**error, "loc": loc[1:] if in_document else loc}
                problems.extend(record_problems([trimmed], ids=ids))
        raise LoadError(source, problems) from None
    unique(parsed.records, source)
    return parsed


_SHAPE: Final = "a JSON object with 'records' (a list of records), or a JSON array of records"
_CSL_JSON: Final = (
    "this is CSL-JSON, citations as --format csl-json writes them, not a catalogue: "
    "citations do not read back; load a file written by to_json (--format json)"
)
# Keys of CSL-JSON items that no record has.
_CSL_KEYS: Final = frozenset({"issued", "author", "container-title", "URL", "citation-key"})


def _is_csl_json(text: str) -> bool:
    """Whether a JSON array that failed as records is CSL-JSON: items with CSL's keys."""
    try:
        items = json.loads(text)
    except (ValueError, RecursionError):
        return False
    return (
        isinstance(items, list)
        and bool(items)
        and all(
            isinstance(i, dict) and _CSL_KEYS & i.keys() and "jurisdiction" not in i for i in items
        )
    )


def _document_problems(errors: Sequence[Mapping[str, Any]]) -> list[Problem]:
    """What is wrong with the document itself, rather than with one of its records.

    A document that is one record (its keys are a record's fields) is said to be one,
    in one problem, rather than as a missing ``records`` and a dozen unknown keys.
    """
    problems: list[Problem] = []
    unknown = [e["loc"][0] for e in errors if e["type"] == "extra_forbidden" and len(e["loc"]) == 1]
    for error in errors:
        loc = error["loc"]
        if not loc:  # not an object: null, a number, a string
            problems.append(Problem(f"{error['msg']}: expected {_SHAPE}", value=value_of(error)))
        elif loc == ("records",) and error["type"] == "missing":
            one_record = "id" in unknown and "title" in unknown
            hint = (
                "; it looks like one record: put it in a JSON array, [ {...} ]"
                if one_record
                else ""
            )
            problems.append(Problem(f"no 'records' in the object: expected {_SHAPE}{hint}"))
        elif loc == ("records",):
            problems.append(
                Problem(f"{error['msg']}: 'records' must be a list of records", field="records")
            )
        elif len(loc) == 1 and error["type"] == "extra_forbidden":
            if loc[0] == unknown[0]:  # one problem for them all
                keys = ", ".join(repr(k) for k in unknown)
                allowed = ", ".join(repr(k) for k in CatalogueDocument.model_fields)
                noun = "key" if len(unknown) == 1 else "keys"
                problems.append(
                    Problem(f"unknown {noun} {keys}; a catalogue document has {allowed}")
                )
        elif len(loc) == 1:
            problems.append(Problem(error["msg"], field=str(loc[0]), value=value_of(error)))
    return problems


def _syntax_problem(text: str, error: Mapping[str, Any], in_document: bool) -> Problem:  # noqa: FBT001
    """What is wrong with JSON that pydantic-core's parser refused."""
    deep = too_deep(text)
    if deep is not None:
        return deep.problem(2 if in_document else 1)
    try:
        json.loads(text)
    except json.JSONDecodeError as decode_error:
        return Problem(
            f"invalid JSON: {decode_error.msg}", line=decode_error.lineno, column=decode_error.colno
        )
    except RecursionError:  # deeper than Python's stack, if shallower than MAX_DEPTH
        pass
    return Problem(f"invalid JSON: {error['msg']}")


@collector_paused
def parse_records(records: object, source: str = "<records>") -> Parsed:
    """Records from plain dicts (or Resource objects), as :func:`dump_records` gives them."""
    if isinstance(records, str | bytes | dict) or not isinstance(records, Iterable):
        msg = f"expected an iterable of records (dicts), not {type(records).__name__}"
        raise TypeError(msg)
    items = list(records)
    try:
        parsed = _records_adapter().validate_python(items, context=FieldSets())
    except ValidationError as exc:
        ids = {
            i: r["id"]
            for i, r in enumerate(items)
            if isinstance(r, dict) and isinstance(r.get("id"), str)
        }
        errors = exc.errors(include_url=False)
        raise LoadError(source, record_problems(errors, ids=ids)) from None
    unique(parsed, source)
    return Parsed(parsed, None)


@collector_paused
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
            deep = too_deep(line) if errors[0]["type"] == "json_invalid" else None
            if deep is not None:
                problems.append(deep.problem(0, index=index))
                problems[-1] = dataclasses.replace(problems[-1], line=number)
            elif errors[0]["type"] == "json_invalid":
                problems.append(_line_syntax_problem(line, errors[0], index, number))
            else:
                record_id = _json_ids(f"[{line}]", in_document=False).get(0)
                problems.extend(
                    record_problems(errors, index=index, record_id=record_id, line=number)
                )
        index += 1
    if problems:
        raise LoadError(source, problems)
    unique(tuple(records), source, lines)
    return Parsed(tuple(records), None)


def _line_syntax_problem(line: str, error: Mapping[str, Any], index: int, number: int) -> Problem:
    """What is wrong with the JSON of one line of JSON Lines: at its line and column."""
    column: int | None = None
    try:
        json.loads(line)
    except json.JSONDecodeError as decode_error:
        message, column = decode_error.msg, decode_error.colno
    else:  # refused by pydantic-core alone
        message = str(error["msg"]).removeprefix("Invalid JSON: ")
    return Problem(f"invalid JSON: {message}", index=index, line=number, column=column)
