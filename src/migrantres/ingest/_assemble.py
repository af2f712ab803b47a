"""Turn parsed compendium records into validated resources, with their provenance."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

from pydantic import ValidationError

from migrantres._records.dates import PartialDate
from migrantres._records.models import Provenance, Resource, SourceLocation
from migrantres._records.vocab import ResourceType
from migrantres.exceptions import CorrectionError, InvalidDateError, ParseError
from migrantres.ingest._corrections import apply_corrections
from migrantres.ingest._values import (
    date_error,
    date_kind,
    parse_availability,
    split_organizations,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

    from migrantres.ingest._corrections import CorrectionSpec
    from migrantres.ingest._reader import ParsedRecord

__all__ = ["Origin", "assemble"]

#: The parser's field names and the record fields they fill.
_FIELD_NAMES: Final = {
    "title": "title",
    "type": "type_label",
    "jurisdiction": "jurisdiction",
    "organization": "organizations",
    "date": "launch_date",
    "description": "description",
    "availability": "availability",
}


def _values(record: ParsedRecord) -> tuple[dict[str, Any], list[Any]]:
    """Interpret a parsed record's text: the record's values and the parser's repairs."""
    fields = record.fields
    type_label = fields["type"].text
    kind = ResourceType.from_label(type_label)
    if kind is None:
        known = ", ".join(repr(s) for t in ResourceType for s in t.spellings)
        msg = f"unknown type {type_label!r}; known types: {known}"
        raise ParseError(msg, line=fields["type"].first_line, text=fields["type"].lines[0][1])
    values: dict[str, Any] = {
        "title": fields["title"].text,
        "type": kind.value,
        "type_label": type_label,
        "jurisdiction": fields["jurisdiction"].text,
        # Split into names only once corrections have applied to the text as written.
        "organizations": fields["organization"].text,
        "description": "\n\n".join(fields["description"].paragraphs),
    }
    date = record.field("date")
    if date is not None:
        values["date_kind"] = date_kind(date)
        if date.text:
            try:
                values["launch_date"] = PartialDate.parse(date.text).isoformat()
            except InvalidDateError as exc:
                raise date_error(date, exc) from None
    repairs = list(record.repairs)
    availability = record.field("availability")
    if availability is not None:
        entries, url_repairs = parse_availability(availability)
        values["availability"] = [{"languages": e.languages, "url": e.url} for e in entries]
        repairs.extend(url_repairs)
    return values, sorted(repairs, key=lambda r: r.line)


def _invalid(record: ParsedRecord, exc: ValidationError) -> ParseError:
    """A :class:`ParseError` at the line of the first field that failed validation."""
    error = exc.errors()[0]
    name = str(error["loc"][0]) if error["loc"] else ""
    parser_name = next((k for k, v in _FIELD_NAMES.items() if v == name), None)
    parsed = record.field(parser_name) if parser_name else None
    line = parsed.first_line if parsed else record.first_line
    where = ".".join(str(part) for part in error["loc"])
    return ParseError(f"invalid {where}: {error['msg']}", line=line)


@dataclass(frozen=True, slots=True)
class Origin:
    """The upstream text a group of records was parsed from."""

    #: The document the text comes from.
    document: str
    #: Path of the text in the repository.
    file: str
    #: SHA-256 of the text's bytes.
    sha256: str


def assemble(
    groups: Sequence[tuple[Origin, Sequence[ParsedRecord]]],
    *,
    corrections: Sequence[CorrectionSpec] = (),
) -> tuple[Resource, ...]:
    """Build resources from parsed records, applying every correction exactly once.

    ``groups`` pairs each upstream text with the records parsed from it; a correction
    must match exactly one record across all of them.

    Raises:
        ParseError: a value that is not valid for its field (with the field's line), or
            two records with the same id.
        CorrectionError: a correction that matches no record, matches several, or
            names the wrong record.
    """
    resources: list[Resource] = []
    used: list[int] = []
    seen: dict[str, str] = {}
    for origin, records in groups:
        for record in records:
            try:
                resource = _resource(record, origin, corrections, used)
            except ParseError as exc:
                raise (exc if exc.source else exc.at(origin.file)) from None
            if resource.id in seen:
                msg = (
                    f"the record here has the same id {resource.id!r} as the one at "
                    f"{seen[resource.id]}; add an 'id' correction to tell them apart"
                )
                raise ParseError(msg, line=record.first_line, source=origin.file)
            seen[resource.id] = f"{origin.file} line {record.first_line}"
            resources.append(resource)
    for number, spec in enumerate(corrections):
        count = used.count(number)
        if count != 1:
            found = "no record" if count == 0 else f"{count} records"
            msg = (
                f"the correction of {spec.field!r} from {spec.source_value!r} to {spec.value!r} "
                f"(record {spec.id!r}) matched {found}; a correction must match exactly one"
            )
            raise CorrectionError(msg)
    return tuple(resources)


def _resource(
    record: ParsedRecord, origin: Origin, corrections: Sequence[CorrectionSpec], used: list[int]
) -> Resource:
    values, repairs = _values(record)
    applied = apply_corrections(values, corrections, used)
    try:
        names = split_organizations(values["organizations"], record.section)
    except ParseError as exc:
        organization = record.fields["organization"]
        raise ParseError(
            exc.detail, line=organization.first_line, text=organization.source_lines[0]
        ) from None
    values["organizations"] = [{"name": name, "acronym": acronym} for name, acronym in names]
    values["provenance"] = Provenance(
        document=origin.document,
        file=origin.file,
        sha256=origin.sha256,
        section=record.section.heading,
        first_line=record.first_line,
        last_line=record.last_line,
        locations=tuple(
            SourceLocation(
                field=_FIELD_NAMES[name], first_line=parsed.first_line, last_line=parsed.last_line
            )
            for name, parsed in record.fields.items()
        ),
        repairs=tuple(repairs),
        corrections=tuple(applied),
    )
    try:
        return Resource.model_validate(values)
    except ValidationError as exc:
        raise _invalid(record, exc) from None
