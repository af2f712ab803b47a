"""Parse compendium text, as extracted from the PDF, into records.

The compendium lists resources as labelled fields ("Name of Resource", "Type",
"Country / jurisdiction", "Organization", "Initiative launch date" or "Date of
publishing", "Description", "Availability"), a tab between label and value, under a
section heading such as "International Organization for Migration (IOM)".

Text extracted from the PDF is damaged, and the parser repairs what a rule can repair:

* labels broken by stray spaces or missing their slash ("Cou ntry / juris dicti on",
  "Co unt ry juri sdi cti on") are matched with spaces and slashes ignored;
* labels written with look-alike letters of another script (Cyrillic "Туре") are read as
  the Latin label (:data:`~migrantres.RepairKind.LOOKALIKE_LABEL`);
* a line holding only a stray fragment of a label and no value ("се") is skipped
  (:data:`~migrantres.RepairKind.LABEL_FRAGMENT`);
* a title right under the section heading, with no label, starts a record
  (:data:`~migrantres.RepairKind.UNLABELLED_TITLE`);
* a label cut short and run into its value ("Na me of Res Supply Chains") is read as
  that label (:data:`~migrantres.RepairKind.DAMAGED_LABEL`);
* a URL broken by a space at a path separator is joined again
  (:data:`~migrantres.RepairKind.REJOINED_URL`).

Every repair is recorded in the record's provenance. Nothing is dropped silently: a line
the parser cannot place raises :class:`~migrantres.ParseError` with its line number.
What no rule can repair (a title the extraction destroyed) is fixed by a reviewed
correction; see :mod:`migrantres.build`.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Final, NamedTuple

from migrantres._languages import to_bcp47
from migrantres._models import Repair, RepairKind
from migrantres.exceptions import InvalidDateError, InvalidLanguageError, ParseError

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

__all__ = [
    "FIELDS",
    "ParsedField",
    "ParsedRecord",
    "Section",
    "fold_lookalikes",
    "parse_compendium",
]

#: The parser's names for the compendium's fields, in the order the compendium gives them.
FIELDS: Final = (
    "title",
    "type",
    "jurisdiction",
    "organization",
    "date",
    "description",
    "availability",
)
_REQUIRED: Final = ("title", "type", "jurisdiction", "organization", "description")

#: Labels, compacted (see :func:`_compact`), and the field each names.
_LABELS: Final[Mapping[str, str]] = MappingProxyType(
    {
        "nameofresource": "title",
        "type": "type",
        "countryjurisdiction": "jurisdiction",
        "organization": "organization",
        "organisation": "organization",
        "organizations": "organization",
        "organisations": "organization",
        "initiativelaunchdate": "date",
        "dateofpublishing": "date",
        "description": "description",
        "availability": "availability",
    }
)
#: The compacted label of each date kind.
_DATE_LABELS: Final[Mapping[str, str]] = MappingProxyType(
    {"initiativelaunchdate": "launch", "dateofpublishing": "publication"}
)
#: A label cut short must keep at least this many letters to be recognised.
_MIN_DAMAGED_LABEL: Final = 4
#: How similar a misspelt label must be to a real one, and how much more than to others.
_LABEL_SIMILARITY: Final = 0.85
_LABEL_MARGIN: Final = 0.15

# Cyrillic and Greek letters that look like Latin ones. Only labels are folded: values
# keep their letters, since a title may well be written in Cyrillic.
_LOOKALIKES: Final[Mapping[int, str]] = MappingProxyType(
    str.maketrans(
        "АВЕЅІЈКМНОРСТХУаеіјорсуххѕԁԛԝҮΑΒΕΖΗΙΚΜΝΟΡΤΥΧαοντ",
        "ABESIJKMHOPCTXYaeijopcyxxsdqwYABEZHIKMNOPTYXaovt",
    )
)

_SECTION_HEADING: Final = re.compile(r"(?P<name>[^\t()]+?)\s*\((?P<acronym>[A-Z][A-Za-z&.\-]{1,15})\)")
_INLINE_ACRONYM: Final = re.compile(r"(?P<name>.+?)\s*\((?P<acronym>[A-Z][A-Za-z&.\-]{1,15})\)")
_ORG_SEPARATOR: Final = re.compile(r"\s*;\s*|\s*,\s*(?:and\s+)?|\s+and\s+")
_AVAILABILITY_HEADER: Final = re.compile(
    r"(?:^|(?<=\s))(?P<codes>[A-Za-z]{2,3}(?:\s*,\s*[A-Za-z]{2,3})*)\s*:(?=\s|$)"
)
_URL_START: Final = re.compile(r"https?://", re.IGNORECASE)
_URL_CHARS: Final = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+")
# A PDF line break inside a URL falls after one of these; a space after anything else
# is a real gap, and the text after it is not part of the URL.
_URL_BREAK_AFTER: Final = ("/", "-", "_", "=", "&", "?", "#", "%")


def fold_lookalikes(text: str) -> str:
    """Replace Cyrillic and Greek look-alike letters with the Latin letters they mimic.

    >>> fold_lookalikes("Туре") == "Type"
    True
    """
    return text.translate(_LOOKALIKES)


def _compact(label: str) -> str:
    """A label with look-alikes folded, spaces and slashes removed, and case folded."""
    return re.sub(r"[\s/]+", "", fold_lookalikes(label)).casefold()


def _clean(text: str) -> str:
    """Collapse runs of whitespace, which the PDF extraction scatters, to one space."""
    return " ".join(text.split())


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
        return _clean(" ".join(text for _, text in self.lines))

    @property
    def paragraphs(self) -> tuple[str, ...]:
        """The value's lines as paragraphs, whitespace collapsed, empty ones left out."""
        return tuple(p for p in (_clean(text) for _, text in self.lines) if p)


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
        self.fields[name] = ParsedField(name, label, line, ((line, value),) if value.strip() else ())
        self.current = name
        self.last_line = line

    def extend(self, line: int, value: str) -> None:
        assert self.current is not None  # noqa: S101 - the caller checks
        old = self.fields[self.current]
        self.fields[self.current] = ParsedField(
            old.name, old.label, old.line, (*old.lines, (line, value))
        )
        self.last_line = line

    def finish(self) -> ParsedRecord:
        for name in _REQUIRED:
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


class _LabelMatch(NamedTuple):
    key: str  # the label's compact form
    label: str  # the label as written in the line
    rest: str  # the text after it
    complete: bool  # False for a label cut short


def _match_label_prefix(line: str) -> _LabelMatch | None:
    """Match a label at the start of a line that has no tab.

    Letters are matched one by one against each label's compact form, skipping spaces
    and slashes in the line, and the match must end at a word boundary. A label matched
    in full is complete; one cut short counts only with at least four letters that
    name a single field.
    """
    folded = fold_lookalikes(line).casefold()
    best: _LabelMatch | None = None
    for key in _LABELS:
        matched, position, end = 0, 0, 0
        while position < len(folded) and matched < len(key):
            char = folded[position]
            position += 1
            if char.isspace() or char == "/":
                continue
            if char != key[matched]:
                break
            matched += 1
            end = position
        at_boundary = end == len(folded) or folded[end].isspace()
        if not at_boundary or matched < _MIN_DAMAGED_LABEL:
            continue
        found = _LabelMatch(key, line[:end].strip(), line[end:].strip(), matched == len(key))
        if not found.complete and any(
            other.startswith(key[:matched]) and _LABELS[other] != _LABELS[key] for other in _LABELS
        ):
            continue  # the fragment does not say which label it was
        if best is None or (found.complete, len(found.label)) > (best.complete, len(best.label)):
            best = found
    return best


def _closest_label(head: str) -> str | None:
    """The label ``head`` names despite a lost or stray letter ("D e cr ip ti on").

    A label counts when its compact form is at least 85% similar to exactly one field's
    labels and clearly closer to it than to any other field's.
    """
    compact = _compact(head)
    scores: dict[str, float] = {}
    for key, name in _LABELS.items():
        ratio = difflib.SequenceMatcher(None, compact, key).ratio()
        scores[name] = max(scores.get(name, 0.0), ratio)
    ranked = sorted(scores.items(), key=lambda item: item[1], reverse=True)
    best_name, best = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
    if best >= _LABEL_SIMILARITY and best - runner_up >= _LABEL_MARGIN:
        return next(key for key, name in _LABELS.items() if name == best_name)
    return None


def _is_label_fragment(head: str) -> bool:
    """Whether ``head`` is only a short piece of some label, such as a stray "се"."""
    compact = _compact(head)
    return len(compact) >= 2 and compact.isalpha() and any(compact in key for key in _LABELS)


def _lines(text: str) -> Iterator[tuple[int, str]]:
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        msg = "NUL character in text"
        raise ParseError(msg, line=line)
    text = text.removeprefix("\ufeff")
    for number, line in enumerate(text.splitlines(), start=1):
        yield number, line.rstrip("\r\n")


def parse_compendium(text: str) -> tuple[ParsedRecord, ...]:
    """Read compendium text into records, repairing extraction damage by rule.

    Raises:
        ParseError: a line that cannot be placed, a repeated or missing label, or text
            with no section heading. The error carries the 1-based ``line``.

    >>> text = (
    ...     "International Organization for Migration (IOM)\\n"
    ...     "Name of Resource\\tA Guide\\nType\\tGuidance\\nCountry / jurisdiction\\tGlobal\\n"
    ...     "Organization\\tInternational Organization for Migration\\n"
    ...     "Description\\tA guide.\\n"
    ... )
    >>> [record.field("title").text for record in parse_compendium(text)]
    ['A Guide']
    """
    if not isinstance(text, str):
        msg = f"expected compendium text as str, not {type(text).__name__}"
        raise TypeError(msg)
    records: list[ParsedRecord] = []
    section: Section | None = None
    draft: _Draft | None = None
    expect_title = False

    def begin(line: int) -> _Draft:
        nonlocal draft
        if draft is not None:
            records.append(draft.finish())
        assert section is not None  # noqa: S101 - a title is only read inside a section
        draft = _Draft(section=section, first_line=line)
        return draft

    for number, raw in _lines(text):
        if not raw.strip():
            continue
        head, tab, rest = raw.partition("\t")
        if tab and not head.strip():
            # A tab-indented line continues the field above it (a new paragraph of a
            # description, the rest of an availability list).
            if draft is None or draft.current is None:
                msg = "an indented line with no field above it"
                raise ParseError(msg, line=number, text=raw)
            draft.extend(number, rest)
            continue
        if tab:
            key = _compact(head)
            misspelt = key not in _LABELS and (key := _closest_label(head) or key) in _LABELS
            name = _LABELS.get(key)
            if name is None:
                if _is_label_fragment(head) and not rest.strip():
                    if draft is None:
                        msg = "a stray label fragment before any record"
                        raise ParseError(msg, line=number, text=raw)
                    draft.repairs.append(
                        Repair(
                            kind=RepairKind.LABEL_FRAGMENT,
                            field=None,
                            line=number,
                            source_text=raw,
                            detail=f"skipped a line holding only the label fragment {head.strip()!r}",
                        )
                    )
                    continue
                msg = f"unknown label {head.strip()!r}; expected one of the compendium's labels"
                raise ParseError(msg, line=number, text=raw)
            if name == "title":
                expect_title = False
                target = begin(number)
            elif draft is None:
                msg = f"a {name!r} label before any 'Name of Resource'"
                raise ParseError(msg, line=number, text=raw)
            else:
                target = draft
            target.start(name, head.strip(), number, rest, raw)
            if misspelt:
                target.repairs.append(
                    Repair(
                        kind=RepairKind.DAMAGED_LABEL,
                        field=name,
                        line=number,
                        source_text=raw,
                        detail=f"read the misspelt label {head.strip()!r} as the {name!r} label",
                    )
                )
            if fold_lookalikes(head) != head:
                target.repairs.append(
                    Repair(
                        kind=RepairKind.LOOKALIKE_LABEL,
                        field=name,
                        line=number,
                        source_text=raw,
                        detail=f"read the label {head.strip()!r}, written with look-alike "
                        f"letters of another script, as {fold_lookalikes(head).strip()!r}",
                    )
                )
            continue

        # A line with no tab: a section heading, an unlabelled title, or a label run
        # into its value.
        stripped = raw.strip()
        heading = _SECTION_HEADING.fullmatch(stripped)
        starts_section = section is None or (
            heading is not None and draft is not None and _match_label_prefix(raw) is None
        )
        if starts_section:
            # The first line of the text is always a heading; later ones must give an
            # acronym, "Name (ACRONYM)", to be told apart from a title.
            if draft is not None:
                records.append(draft.finish())
                draft = None
            section = Section(
                heading=stripped,
                name=_clean(heading["name"]) if heading else stripped,
                acronym=heading["acronym"] if heading else None,
                line=number,
            )
            expect_title = True
            continue
        assert section is not None  # noqa: S101 - set by the branch above
        if expect_title:
            expect_title = False
            target = begin(number)
            target.start("title", "", number, stripped, raw)
            target.repairs.append(
                Repair(
                    kind=RepairKind.UNLABELLED_TITLE,
                    field="title",
                    line=number,
                    source_text=raw,
                    detail="read the line under the section heading, which has no label, as the title",
                )
            )
            continue
        prefix = _match_label_prefix(raw)
        if prefix is None or not prefix.rest:
            msg = "a line with no label that is not a section heading or a title"
            raise ParseError(msg, line=number, text=raw)
        name = _LABELS[prefix.key]
        if name == "title":
            target = begin(number)
        elif draft is None:
            msg = f"a {name!r} label before any 'Name of Resource'"
            raise ParseError(msg, line=number, text=raw)
        else:
            target = draft
        label, value = prefix.label, prefix.rest
        target.start(name, label, number, value, raw)
        if not prefix.complete:
            target.repairs.append(
                Repair(
                    kind=RepairKind.DAMAGED_LABEL,
                    field=name,
                    line=number,
                    source_text=raw,
                    detail=f"read {label!r}, a label cut short, as the {name!r} label "
                    f"and {value!r} as its value",
                )
            )

    if draft is not None:
        records.append(draft.finish())
    if section is None:
        msg = "no section heading, such as 'International Organization for Migration (IOM)'"
        raise ParseError(msg, line=1)
    return tuple(records)


# -- values ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AvailabilityEntry:
    """One "CODES: URL" entry of an availability field."""

    #: BCP 47 tags of the codes before the URL.
    languages: tuple[str, ...]
    #: The URL, with any break the extraction made joined again.
    url: str


def parse_availability(
    parsed: ParsedField,
) -> tuple[tuple[AvailabilityEntry, ...], tuple[Repair, ...]]:
    """Read "ENG, FRA: url RUS: url" into entries; join URLs broken at a path separator."""
    # The value's lines joined by single spaces, with the line each character came from.
    text = ""
    origin: list[tuple[int, int, str]] = []  # (offset where a line starts, number, source)
    for number, source in parsed.lines:
        words = source.split()
        if not words:
            continue
        text += " " if text else ""
        origin.append((len(text), number, source))
        text += " ".join(words)

    def line_at(offset: int) -> tuple[int, str]:
        _, number, source = next(o for o in reversed(origin) if o[0] <= offset)
        return number, source

    headers = list(_AVAILABILITY_HEADER.finditer(text))
    # Each chunk: the codes before it (None when the text starts with a URL), its start,
    # and the span of its body.
    chunks: list[tuple[str | None, int, int, int]] = []
    if not headers or headers[0].start() > 0:
        chunks.append((None, 0, 0, headers[0].start() if headers else len(text)))
    for i, header in enumerate(headers):
        end = headers[i + 1].start() if i + 1 < len(headers) else len(text)
        chunks.append((header["codes"], header.start(), header.end(), end))

    entries: list[AvailabilityEntry] = []
    repairs: list[Repair] = []
    for codes, start, body_start, body_end in chunks:
        words = [(m.start() + body_start, m.group()) for m in re.finditer(r"\S+", text[body_start:body_end])]
        if codes is None and not words:
            continue
        line, source = line_at(start)
        languages: tuple[str, ...] = ()
        if codes is not None:
            try:
                languages = tuple(to_bcp47(code.strip()) for code in codes.split(","))
            except InvalidLanguageError as exc:
                raise ParseError(str(exc), line=line, text=source) from None
        if not words or not _URL_START.match(words[0][1]):
            found = words[0][1] if words else "nothing"
            msg = f"expected a URL after {codes + ':' if codes else 'the label'}, found {found!r}"
            raise ParseError(msg, line=line, text=source)
        urls = [words[0][1]]
        for offset, word in words[1:]:
            if _URL_START.match(word):
                urls.append(word)  # a further URL, with no codes of its own
                continue
            word_line, word_source = line_at(offset)
            if not (urls[-1].endswith(_URL_BREAK_AFTER) and _URL_CHARS.fullmatch(word)):
                msg = f"text {word!r} after the URL {urls[-1]!r} cannot be placed"
                raise ParseError(msg, line=word_line, text=word_source)
            repairs.append(
                Repair(
                    kind=RepairKind.REJOINED_URL,
                    field="availability",
                    line=word_line,
                    source_text=word_source,
                    detail=f"joined {word!r} to the URL it was split from by a space",
                )
            )
            urls[-1] += word
        entries.append(AvailabilityEntry(languages, urls[0]))
        entries.extend(AvailabilityEntry((), url) for url in urls[1:])
    return tuple(entries), tuple(repairs)


def date_kind(parsed: ParsedField) -> str:
    """'launch' or 'publication', after the label the date was found under."""
    return _DATE_LABELS.get(_compact(parsed.label), "launch")


def split_organizations(text: str, section: Section) -> tuple[tuple[str, str | None], ...]:
    """Split an organization field into (name, acronym) pairs.

    Lists are split at ";" always, and at "," and "and" only when a part is the section's
    own organization, since many names contain "and" ("Ministry of Labour and Social
    Protection"). The section heading supplies that organization's acronym.

    >>> iom = Section("International Organization for Migration (IOM)",
    ...               "International Organization for Migration", "IOM", 1)
    >>> split_organizations("H&M Group and International Organization for Migration", iom)
    (('H&M Group', None), ('International Organization for Migration', 'IOM'))
    """
    known = {section.name.casefold(): (section.name, section.acronym)}
    if section.acronym:
        known[section.acronym.casefold()] = (section.name, section.acronym)

    def resolve(part: str) -> tuple[str, str | None]:
        inline = _INLINE_ACRONYM.fullmatch(part)
        if inline:
            return _clean(inline["name"]), inline["acronym"]
        return known.get(part.casefold(), (part, None))

    result: list[tuple[str, str | None]] = []
    for group in (_clean(g) for g in text.split(";")):
        if not group:
            continue
        parts = [_clean(p) for p in _ORG_SEPARATOR.split(group)]
        names_known = any(
            p.casefold() in known
            or ((m := _INLINE_ACRONYM.fullmatch(p)) is not None and m["name"].casefold() in known)
            for p in parts
        )
        if len(parts) > 1 and all(parts) and names_known:
            result.extend(resolve(p) for p in parts)
        else:
            result.append(resolve(group))
    return tuple(result)


def date_error(parsed: ParsedField, exc: InvalidDateError) -> ParseError:
    """A :class:`ParseError` for a date field the parser could not read."""
    return ParseError(str(exc), line=parsed.first_line, text=parsed.lines[0][1])
