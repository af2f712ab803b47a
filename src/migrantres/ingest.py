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
import hashlib
import re
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Final, NamedTuple

from migrantres._languages import to_bcp47
from migrantres._models import Repair, RepairKind
from migrantres.exceptions import InvalidDateError, InvalidLanguageError, ParseError

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

    from migrantres._models import Resource

__all__ = [
    "FIELDS",
    "ParsedField",
    "ParsedRecord",
    "Section",
    "fold_lookalikes",
    "parse_compendium",
    "parse_resources",
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
#: A stray piece of a label must have at least this many letters to be skipped.
_MIN_FRAGMENT: Final = 2
#: How similar a misspelt label must be to a real one, and how much more than to others.
_LABEL_SIMILARITY: Final = 0.85
_LABEL_MARGIN: Final = 0.15

# Cyrillic and Greek letters that look like Latin ones. Only labels are folded: values
# keep their letters, since a title may well be written in Cyrillic.
_LOOKALIKES: Final[Mapping[int, int]] = MappingProxyType(
    str.maketrans(
        "АВЕЅІЈКМНОРСТХУаеіјорсуххѕԁԛԝҮΑΒΕΖΗΙΚΜΝΟΡΤΥΧαοντ",
        "ABESIJKMHOPCTXYaeijopcyxxsdqwYABEZHIKMNOPTYXaovt",
    )
)

_SECTION_HEADING: Final = re.compile(
    r"(?P<name>[^\t()]+?)\s*\((?P<acronym>[A-Z][A-Za-z&.\-]{1,15})\)"
)
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
    return (
        len(compact) >= _MIN_FRAGMENT
        and compact.isalpha()
        and any(compact in key for key in _LABELS)
    )


def _lines(text: str) -> Iterator[tuple[int, str]]:
    """Number the lines as an editor does: split at newlines only, CR and a BOM removed."""
    if "\x00" in text:
        msg = "NUL character in text"
        raise ParseError(msg, line=text.count("\n", 0, text.index("\x00")) + 1)
    for number, line in enumerate(text.removeprefix("\ufeff").split("\n"), start=1):
        yield number, line.removesuffix("\r")


def _repair(kind: RepairKind, field: str | None, line: int, raw: str, detail: str) -> Repair:
    return Repair(kind=kind, field=field, line=line, source_text=raw, detail=detail)


class _Reader:
    """Reads compendium lines one at a time into records."""

    def __init__(self) -> None:
        self.records: list[ParsedRecord] = []
        self.section: Section | None = None
        self.draft: _Draft | None = None
        self.expect_title = False

    def finish(self) -> tuple[ParsedRecord, ...]:
        if self.draft is not None:
            self.records.append(self.draft.finish())
            self.draft = None
        if self.section is None:
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
        key = _compact(head)
        misspelt = key not in _LABELS and (key := _closest_label(head) or key) in _LABELS
        name = _LABELS.get(key)
        if name is None:
            if not (_is_label_fragment(head) and not rest.strip() and self.draft is not None):
                msg = f"unknown label {label!r}; expected one of the compendium's labels"
                raise ParseError(msg, line=number, text=raw)
            self.draft.repairs.append(
                _repair(
                    RepairKind.LABEL_FRAGMENT,
                    None,
                    number,
                    raw,
                    f"skipped a line holding only the label fragment {label!r}",
                )
            )
            return
        target = self._target(name, number, raw)
        target.start(name, label, number, rest, raw)
        if misspelt:
            target.repairs.append(
                _repair(
                    RepairKind.DAMAGED_LABEL,
                    name,
                    number,
                    raw,
                    f"read the misspelt label {label!r} as the {name!r} label",
                )
            )
        if fold_lookalikes(head) != head:
            target.repairs.append(
                _repair(
                    RepairKind.LOOKALIKE_LABEL,
                    name,
                    number,
                    raw,
                    f"read the label {label!r}, written with look-alike letters of another "
                    f"script, as {fold_lookalikes(label)!r}",
                )
            )

    def _untabbed(self, number: int, raw: str) -> None:
        """A line with no tab: a heading, an unlabelled title, or a label run into its value."""
        stripped = raw.strip()
        heading = _SECTION_HEADING.fullmatch(stripped)
        if self.section is None or (
            heading is not None and self.draft is not None and _match_label_prefix(raw) is None
        ):
            # The first line of the text is always a heading; later ones must give an
            # acronym, "Name (ACRONYM)", to be told apart from a title.
            if self.draft is not None:
                self.records.append(self.draft.finish())
                self.draft = None
            self.section = Section(
                heading=stripped,
                name=_clean(heading["name"]) if heading else stripped,
                acronym=heading["acronym"] if heading else None,
                line=number,
            )
            self.expect_title = True
            return
        if self.expect_title:
            target = self._target("title", number, raw)
            target.start("title", "", number, stripped, raw)
            target.repairs.append(
                _repair(
                    RepairKind.UNLABELLED_TITLE,
                    "title",
                    number,
                    raw,
                    "read the line under the section heading, which has no label, as the title",
                )
            )
            return
        prefix = _match_label_prefix(raw)
        if prefix is None or not prefix.rest:
            msg = "a line with no label that is not a section heading or a title"
            raise ParseError(msg, line=number, text=raw)
        name = _LABELS[prefix.key]
        target = self._target(name, number, raw)
        target.start(name, prefix.label, number, prefix.rest, raw)
        if not prefix.complete:
            target.repairs.append(
                _repair(
                    RepairKind.DAMAGED_LABEL,
                    name,
                    number,
                    raw,
                    f"read {prefix.label!r}, a label cut short, as the {name!r} label "
                    f"and {prefix.rest!r} as its value",
                )
            )


def parse_compendium(text: str) -> tuple[ParsedRecord, ...]:
    r"""Read compendium text into records, repairing extraction damage by rule.

    Raises:
        ParseError: a line that cannot be placed, a repeated or missing label, or text
            with no section heading. The error carries the 1-based ``line``.

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
    reader = _Reader()
    for number, raw in _lines(text):
        reader.read(number, raw)
    return reader.finish()


def parse_resources(
    text: str, *, document: str = "compendium text", file: str = "<text>"
) -> tuple[Resource, ...]:
    """Read compendium text all the way to validated resources, with their provenance.

    The same as the build does for each upstream text, without corrections: a title the
    extraction destroyed stays as the text gives it. ``document`` and ``file`` name the
    source in each record's provenance.

    Raises:
        ParseError: anything in the text that cannot become a valid record, with its line.
    """
    from migrantres._assemble import Origin, assemble  # noqa: PLC0415 - it builds on this module

    sha256 = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    origin = Origin(document=document, file=file, sha256=sha256)
    return assemble([(origin, parse_compendium(text))])


# -- values ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AvailabilityEntry:
    """One "CODES: URL" entry of an availability field."""

    #: BCP 47 tags of the codes before the URL.
    languages: tuple[str, ...]
    #: The URL, with any break the extraction made joined again.
    url: str


class _Joined:
    """A field's lines joined by single spaces, remembering the line of each offset."""

    def __init__(self, parsed: ParsedField) -> None:
        self.text = ""
        self._starts: list[tuple[int, int, str]] = []  # (offset, line number, whole line)
        for (number, value), source in zip(parsed.lines, parsed.source_lines, strict=True):
            words = value.split()
            if words:
                self.text += " " if self.text else ""
                self._starts.append((len(self.text), number, source))
                self.text += " ".join(words)

    def line_at(self, offset: int) -> tuple[int, str]:
        """The number and text of the line the character at ``offset`` came from."""
        _, number, source = next(s for s in reversed(self._starts) if s[0] <= offset)
        return number, source

    def words(self, start: int, end: int) -> list[tuple[int, str]]:
        """The words between two offsets, each with its offset."""
        return [(m.start() + start, m.group()) for m in re.finditer(r"\S+", self.text[start:end])]


def _chunks(joined: _Joined) -> list[tuple[str | None, int, list[tuple[int, str]]]]:
    """Split availability text at each "CODES:": (codes, offset, words after them)."""
    text = joined.text
    headers = list(_AVAILABILITY_HEADER.finditer(text))
    bounds = [h.start() for h in headers] + [len(text)]
    chunks: list[tuple[str | None, int, list[tuple[int, str]]]] = []
    if bounds[0] > 0:  # URLs before any codes: their language is not given
        chunks.append((None, 0, joined.words(0, bounds[0])))
    chunks.extend(
        (header["codes"], header.start(), joined.words(header.end(), bounds[i + 1]))
        for i, header in enumerate(headers)
    )
    return chunks


def _urls(words: list[tuple[int, str]], joined: _Joined, repairs: list[Repair]) -> list[str]:
    """The URLs among ``words``, joining a URL broken by a space at a path separator."""
    urls = [words[0][1]]
    for offset, word in words[1:]:
        if _URL_START.match(word):
            urls.append(word)  # a further URL, with no codes of its own
            continue
        line, source = joined.line_at(offset)
        if not (urls[-1].endswith(_URL_BREAK_AFTER) and _URL_CHARS.fullmatch(word)):
            msg = f"text {word!r} after the URL {urls[-1]!r} cannot be placed"
            raise ParseError(msg, line=line, text=source)
        repairs.append(
            _repair(
                RepairKind.REJOINED_URL,
                "availability",
                line,
                source,
                f"joined {word!r} to the URL it was split from by a space",
            )
        )
        urls[-1] += word
    return urls


def parse_availability(
    parsed: ParsedField,
) -> tuple[tuple[AvailabilityEntry, ...], tuple[Repair, ...]]:
    """Read "ENG, FRA: url RUS: url" into entries; join URLs broken at a path separator."""
    joined = _Joined(parsed)
    entries: list[AvailabilityEntry] = []
    repairs: list[Repair] = []
    for codes, start, words in _chunks(joined):
        line, source = joined.line_at(start)
        if not words or not _URL_START.match(words[0][1]):
            found = words[0][1] if words else "nothing"
            msg = f"expected a URL after {codes + ':' if codes else 'the label'}, found {found!r}"
            raise ParseError(msg, line=line, text=source)
        try:
            languages = tuple(to_bcp47(code.strip()) for code in (codes or "").split(",") if code)
        except InvalidLanguageError as exc:
            raise ParseError(str(exc), line=line, text=source) from None
        first, *others = _urls(words, joined, repairs)
        entries.append(AvailabilityEntry(languages, first))
        entries.extend(AvailabilityEntry((), url) for url in others)
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
