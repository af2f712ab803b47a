"""The line reader: compendium text, line by line, into parsed records of labelled fields.

Values stay text here; :mod:`migrantres.ingest._values` interprets them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Final

from migrantres._records.models import Repair, RepairKind
from migrantres.exceptions import ParseError
from migrantres.ingest._labels import (
    LABELS,
    REQUIRED,
    clean,
    closest_label,
    compact,
    fold_lookalikes,
    is_label_fragment,
    match_label_prefix,
)

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

__all__ = ["ParsedField", "ParsedRecord", "Section", "parse_compendium", "repair", "section_of"]

_SECTION_HEADING: Final = re.compile(
    r"(?P<name>[^\t()]+?)\s*\((?P<acronym>[A-Z][A-Za-z&.\-]{1,15})\)"
)


@dataclass(frozen=True, slots=True)
class Section:
    """A section of the compendium: one organization's resources."""

    #: The heading as written, e.g. "International Organization for Migration (IOM)".
    heading: str
    #: The organization the heading names.
    name: str
    #: The acronym the heading gives, if any.
    acronym: str | None
    #: 1-based line of the heading.
    line: int


@dataclass(frozen=True, slots=True)
class ParsedField:
    """A field's text as read from the source, line by line."""

    #: The parser's name for the field, one of :data:`FIELDS`.
    name: str
    #: The label as the source writes it ("" when the label is missing).
    label: str
    #: 1-based line of the label.
    line: int
    #: (line number, text) of each line of the value, in order; blank lines left out.
    lines: tuple[tuple[int, str], ...]
    #: Each of those lines whole, label and all, as the source gives it.
    source_lines: tuple[str, ...] = ()

    @property
    def first_line(self) -> int:
        """1-based line where the field starts."""
        return self.line

    @property
    def last_line(self) -> int:
        """1-based line where the field's value ends."""
        return self.lines[-1][0] if self.lines else self.line

    @property
    def text(self) -> str:
        """The value on one line, whitespace collapsed."""
        return clean(" ".join(text for _, text in self.lines))

    @property
    def paragraphs(self) -> tuple[str, ...]:
        """The value's lines as paragraphs, whitespace collapsed, empty ones left out."""
        return tuple(p for p in (clean(text) for _, text in self.lines) if p)


@dataclass(frozen=True, slots=True)
class ParsedRecord:
    """One resource's fields as read from the source, before values are interpreted."""

    #: The section the record sits in.
    section: Section
    #: The fields found, by the parser's field name.
    fields: Mapping[str, ParsedField]
    #: Rule-based repairs made while reading the record.
    repairs: tuple[Repair, ...]
    #: 1-based first and last non-blank lines of the record.
    first_line: int
    last_line: int

    def field(self, name: str) -> ParsedField | None:
        """The field called ``name``, or ``None`` when the source does not give it."""
        return self.fields.get(name)


@dataclass(slots=True)
class _Draft:
    """A record while its lines are being read."""

    section: Section
    first_line: int
    fields: dict[str, ParsedField] = field(default_factory=dict)
    repairs: list[Repair] = field(default_factory=list)
    current: str | None = None
    last_line: int = 0

    def start(self, name: str, label: str, line: int, value: str, raw: str) -> None:
        if name in self.fields:
            first = self.fields[name].first_line
            msg = f"a second {name!r} label in one record (the first is on line {first})"
            raise ParseError(msg, line=line, text=raw)
        has_value = bool(value.strip())
        self.fields[name] = ParsedField(
            name, label, line, ((line, value),) if has_value else (), (raw,) if has_value else ()
        )
        self.current = name
        self.last_line = line

    def extend(self, line: int, value: str, raw: str) -> None:
        assert self.current is not None  # noqa: S101 - the caller checks
        old = self.fields[self.current]
        self.fields[self.current] = ParsedField(
            old.name, old.label, old.line, (*old.lines, (line, value)), (*old.source_lines, raw)
        )
        self.last_line = line

    def repair(self, kind: RepairKind, field: str | None, line: int, raw: str, detail: str) -> None:
        """Note a rule-based repair made while reading this record."""
        self.repairs.append(repair(kind, field, line, raw, detail))

    def finish(self) -> ParsedRecord:
        for name in REQUIRED:
            parsed = self.fields.get(name)
            if parsed is None or not parsed.lines:
                msg = f"the record starting here has no {name!r}"
                raise ParseError(msg, line=self.first_line)
        return ParsedRecord(
            section=self.section,
            fields=MappingProxyType(dict(self.fields)),
            repairs=tuple(self.repairs),
            first_line=self.first_line,
            last_line=self.last_line,
        )


def _lines(text: str) -> Iterator[tuple[int, str]]:
    """Number the lines as an editor does: split at newlines only, CR and a BOM removed."""
    if "\x00" in text:
        msg = "NUL character in text"
        raise ParseError(msg, line=text.count("\n", 0, text.index("\x00")) + 1)
    for number, line in enumerate(text.removeprefix("\ufeff").split("\n"), start=1):
        yield number, line.removesuffix("\r")


def repair(kind: RepairKind, field: str | None, line: int, raw: str, detail: str) -> Repair:
    return Repair(kind=kind, field=field, line=line, source_text=raw, detail=detail)


class _Reader:
    """Reads compendium lines one at a time into records."""

    def __init__(self, fallback: Section | None = None) -> None:
        self.records: list[ParsedRecord] = []
        self.section: Section | None = None
        # The section of records that come before any heading, when one was given.
        self.fallback = fallback
        self.draft: _Draft | None = None
        self.expect_title = False

    def finish(self) -> tuple[ParsedRecord, ...]:
        if self.draft is not None:
            self.records.append(self.draft.finish())
            self.draft = None
        if self.section is None and self.fallback is None:
            msg = "no section heading, such as 'International Organization for Migration (IOM)'"
            raise ParseError(msg, line=1)
        return tuple(self.records)

    def read(self, number: int, raw: str) -> None:
        if not raw.strip():
            return
        head, tab, rest = raw.partition("\t")
        if not tab:
            self._untabbed(number, raw)
        elif head.strip():
            self._labelled(number, raw, head, rest)
        else:
            # A tab-indented line continues the field above it (a new paragraph of a
            # description, the rest of an availability list).
            if self.draft is None or self.draft.current is None:
                msg = "an indented line with no field above it"
                raise ParseError(msg, line=number, text=raw)
            self.draft.extend(number, rest, raw)

    def _target(self, name: str, number: int, raw: str) -> _Draft:
        """The draft a field goes into: a new one for a title."""
        if self.section is None and self.draft is None:
            self.section = self.fallback
        if self.section is None:
            msg = f"a {name!r} label before the first section heading"
            raise ParseError(msg, line=number, text=raw)
        if name == "title":
            self.expect_title = False
            if self.draft is not None:
                self.records.append(self.draft.finish())
            self.draft = _Draft(section=self.section, first_line=number)
        elif self.draft is None:
            msg = f"a {name!r} label before any 'Name of Resource'"
            raise ParseError(msg, line=number, text=raw)
        return self.draft

    def _labelled(self, number: int, raw: str, head: str, rest: str) -> None:
        """A "label<TAB>value" line."""
        label = head.strip()
        key = compact(head)
        misspelt = key not in LABELS and (key := closest_label(head) or key) in LABELS
        name = LABELS.get(key)
        if name is None:
            if not (is_label_fragment(head) and not rest.strip() and self.draft is not None):
                msg = f"unknown label {label!r}; expected one of the compendium's labels"
                raise ParseError(msg, line=number, text=raw)
            self.draft.repair(
                RepairKind.LABEL_FRAGMENT,
                None,
                number,
                raw,
                f"skipped a line holding only the label fragment {label!r}",
            )
            return
        target = self._target(name, number, raw)
        target.start(name, label, number, rest, raw)
        if misspelt:
            target.repair(
                RepairKind.DAMAGED_LABEL,
                name,
                number,
                raw,
                f"read the misspelt label {label!r} as the {name!r} label",
            )
        if fold_lookalikes(head) != head:
            target.repair(
                RepairKind.LOOKALIKE_LABEL,
                name,
                number,
                raw,
                f"read the label {label!r}, written with look-alike letters of another "
                f"script, as {fold_lookalikes(label)!r}",
            )

    def _untabbed(self, number: int, raw: str) -> None:
        """A line with no tab: a heading, an unlabelled title, or a label run into its value."""
        stripped = raw.strip()
        heading = _SECTION_HEADING.fullmatch(stripped)
        if self.section is None or (
            heading is not None and self.draft is not None and match_label_prefix(raw) is None
        ):
            # The first line of the text is always a heading; later ones must give an
            # acronym, "Name (ACRONYM)", to be told apart from a title.
            if self.draft is not None:
                self.records.append(self.draft.finish())
                self.draft = None
            self.section = section_of(stripped, number)
            self.expect_title = True
            return
        if self.expect_title:
            target = self._target("title", number, raw)
            target.start("title", "", number, stripped, raw)
            target.repair(
                RepairKind.UNLABELLED_TITLE,
                "title",
                number,
                raw,
                "read the line under the section heading, which has no label, as the title",
            )
            return
        prefix = match_label_prefix(raw)
        if prefix is None or not prefix.rest:
            msg = "a line with no label that is not a section heading or a title"
            raise ParseError(msg, line=number, text=raw)
        name = LABELS[prefix.key]
        target = self._target(name, number, raw)
        target.start(name, prefix.label, number, prefix.rest, raw)
        if not prefix.complete:
            target.repair(
                RepairKind.DAMAGED_LABEL,
                name,
                number,
                raw,
                f"read {prefix.label!r}, a label cut short, as the {name!r} label "
                f"and {prefix.rest!r} as its value",
            )


def section_of(heading: str, line: int = 0) -> Section:
    """The section a heading names: "Name (ACRONYM)", or a name alone.

    >>> section_of("Example Workers' Trust (EWT)")
    Section(heading="Example Workers' Trust (EWT)", name="Example Workers' Trust", \
acronym='EWT', line=0)
    """
    stripped = heading.strip()
    match = _SECTION_HEADING.fullmatch(stripped)
    return Section(
        heading=stripped,
        name=clean(match["name"]) if match else stripped,
        acronym=match["acronym"] if match else None,
        line=line,
    )


def parse_compendium(text: str, *, section: str | None = None) -> tuple[ParsedRecord, ...]:
    r"""Read compendium text into records, repairing extraction damage by rule.

    The first line without a tab is the text's section heading, naming the organization
    whose resources follow ("International Organization for Migration (IOM)"). Text
    copied without its heading needs ``section``: the heading the records before any
    heading of the text's own belong to, written the same way (line 0 in their
    provenance's section, since the text does not give it).

    Raises:
        ParseError: a line that cannot be placed, a repeated or missing label, or text
            with no section heading and no ``section``. The error carries the 1-based
            ``line``.

    >>> text = (
    ...     "International Organization for Migration (IOM)\n"
    ...     "Name of Resource\tA Guide\nType\tGuidance\nCountry / jurisdiction\tGlobal\n"
    ...     "Organization\tInternational Organization for Migration\n"
    ...     "Description\tA guide.\n"
    ... )
    >>> [record.field("title").text for record in parse_compendium(text)]
    ['A Guide']
    """
    if not isinstance(text, str):
        msg = f"expected compendium text as str, not {type(text).__name__}"
        raise TypeError(msg)
    if section is not None and not isinstance(section, str):
        msg = f"section must be a str or None, not {type(section).__name__}"
        raise TypeError(msg)
    if section is not None and not clean(section):
        msg = "the section heading given is empty; expected e.g. 'Example Workers Trust (EWT)'"
        raise ParseError(msg)
    reader = _Reader(None if section is None else section_of(section))
    for number, raw in _lines(text):
        reader.read(number, raw)
    return reader.finish()
