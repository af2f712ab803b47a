"""What a parsed field's text means: availability entries, organizations and date kinds."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from migrantres._records.languages import to_bcp47
from migrantres._records.models import Repair, RepairKind
from migrantres.exceptions import InvalidDateError, InvalidLanguageError, ParseError
from migrantres.ingest._labels import DATE_LABELS, clean, compact
from migrantres.ingest._reader import ParsedField, Section, repair

__all__ = [
    "AvailabilityEntry",
    "date_error",
    "date_kind",
    "parse_availability",
    "split_organizations",
]

_INLINE_ACRONYM: Final = re.compile(r"(?P<name>.+?)\s*\((?P<acronym>[A-Z][A-Za-z&.\-]{1,15})\)")
# The separators of a list of names within one ";"-separated group (captured, so that
# a name that holds them can be put together again).
_ORG_SEPARATOR: Final = re.compile(r"(\s*,\s*(?:and(?=\s|$)\s*)?|(?:^|\s+)and(?:\s+|$))")
_AVAILABILITY_HEADER: Final = re.compile(
    r"(?:^|(?<=\s))(?P<codes>[A-Za-z]{2,3}(?:\s*,\s*[A-Za-z]{2,3})*)\s*:(?=\s|$)"
)
_URL_START: Final = re.compile(r"https?://", re.IGNORECASE)
_URL_CHARS: Final = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+")
# A PDF line break inside a URL falls after one of these; a space after anything else
# is a real gap, and the text after it is not part of the URL.
_URL_BREAK_AFTER: Final = ("/", "-", "_", "=", "&", "?", "#", "%")


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
            repair(
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
    return DATE_LABELS.get(compact(parsed.label), "launch")


def split_organizations(text: str, section: Section) -> tuple[tuple[str, str | None], ...]:
    """Split an organization field into (name, acronym) pairs, only where that is certain.

    Names often hold commas and "and" ("Ministry of Labour, Invalids and Social
    Affairs"), so a list is split only at boundaries that are certain:

    * ";" always separates organizations;
    * the section's own organization (its name, its acronym, or both as
      "Name (ACRONYM)") is a whole name wherever it stands between separators (",",
      ", and", "and"), so the text on either side of it is a name of its own;
    * a name that closes with its acronym in parentheses ("... Affairs (MOLISA)") ends
      there, so "A (AA), B (BB) and C (CC)" is a list of three.

    Text between those boundaries stays one organization, commas, "and" and all. To
    split it, correct the ``organizations`` field (see :mod:`migrantres.build`) with the
    names separated by ";". The section heading supplies the acronym of the section's
    own organization.

    Raises:
        ParseError: the text holds an empty name (a separator at either end, or two in
            a row), which no rule can read; the message asks for a correction.

    >>> iom = Section("International Organization for Migration (IOM)",
    ...               "International Organization for Migration", "IOM", 1)
    >>> split_organizations("H&M Group and International Organization for Migration", iom)
    (('H&M Group', None), ('International Organization for Migration', 'IOM'))
    >>> split_organizations("Ministry of Labour, Invalids and Social Affairs and "
    ...                     "International Organization for Migration", iom)
    (('Ministry of Labour, Invalids and Social Affairs', None), \
('International Organization for Migration', 'IOM'))
    """
    own = {section.name.casefold()}
    if section.acronym:
        own.add(section.acronym.casefold())
    names: list[str] = []
    for group in text.split(";"):
        names.extend(_names_in(group, own, text))
    return tuple(_resolve(name, own, section) for name in names)


def _is_own(part: str, own: set[str]) -> bool:
    """Whether ``part`` names the section's own organization, with or without acronym."""
    inline = _INLINE_ACRONYM.fullmatch(part)
    return (inline["name"] if inline else part).casefold() in own


def _names_in(group: str, own: set[str], text: str) -> list[str]:
    """The names in one ";"-separated group, cut only at certain boundaries."""
    # Parts and the separators between them, in their order: [part, sep, part, ...].
    pieces = _ORG_SEPARATOR.split(clean(group))
    parts = [clean(p) for p in pieces[::2]]
    if not all(parts):
        msg = (
            f"an empty name in the organization list {text!r}; correct the "
            "'organizations' field, giving the names separated by ';'"
        )
        raise ParseError(msg)
    names: list[str] = []
    pending = ""  # the name being read, separators and all
    for index, part in enumerate(parts):
        if _is_own(part, own):
            names.extend([pending, part] if pending else [part])
            pending = ""
            continue
        pending += (pieces[2 * index - 1] if pending else "") + part
        if _INLINE_ACRONYM.fullmatch(part):  # a name closed by its acronym ends here
            names.append(pending)
            pending = ""
    if pending:
        names.append(pending)
    return [clean(name) for name in names]


def _resolve(name: str, own: set[str], section: Section) -> tuple[str, str | None]:
    """A name as (name, acronym); the section heading names its own organization."""
    inline = _INLINE_ACRONYM.fullmatch(name)
    if inline:
        short = clean(inline["name"])
        return (section.name if short.casefold() in own else short), inline["acronym"]
    if name.casefold() in own:
        return section.name, section.acronym
    return name, None


def date_error(parsed: ParsedField, exc: InvalidDateError) -> ParseError:
    """A :class:`ParseError` for a date field the parser could not read."""
    return ParseError(str(exc), line=parsed.first_line, text=parsed.lines[0][1])
