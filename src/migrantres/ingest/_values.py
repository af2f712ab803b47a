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
_ORG_SEPARATOR: Final = re.compile(r"\s*;\s*|\s*,\s*(?:and\s+)?|\s+and\s+")
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
            return clean(inline["name"]), inline["acronym"]
        return known.get(part.casefold(), (part, None))

    result: list[tuple[str, str | None]] = []
    for group in (clean(g) for g in text.split(";")):
        if not group:
            continue
        parts = [clean(p) for p in _ORG_SEPARATOR.split(group)]
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
