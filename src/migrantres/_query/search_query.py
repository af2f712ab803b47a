"""The search query language: parsed here, and written as a safe FTS5 expression.

The language (the queries guide documents it with examples):

* ``recruitment fees``: every word must match (AND), anywhere in the title, the
  organizations or the description; ``AND`` between two words says the same.
* ``"forced labour"``: a phrase, its words together and in order. Straight or
  typographic quotes: ``"..."``, ``“...”``, ``„...“``, ``«...»``, ``»...«`` (any of
  ``" “ ” „ « »`` opens a phrase and any closes it). A phrase with no closing quote
  runs to the end of the query.
* ``trafficking -health`` or ``trafficking NOT health``: leave out what matches.
* ``labour OR work``: either; ``OR`` binds its two neighbours, so ``fees migrant OR
  worker`` is ``fees`` and (``migrant`` or ``worker``).
* ``recruit*``: words that start with ``recruit``.
* ``title:slavery``, ``organizations:IOM``, ``description:"due diligence"``: one field.

``AND``, ``OR`` and ``NOT`` are operators in capitals only. A word is split into words
where FTS5's tokenizer splits it (``multi-country`` is the phrase ``multi country``);
a part with no letter or digit (``&``, a lone ``-`` or ``*``) is punctuation and is
ignored. A lone operator (``OR`` with nothing on one side, ``NOT`` or ``title:`` with
nothing after it), an alternative that is excluded (``a OR -b``), a query that only
excludes, a word after two dashes (``--format``, an option of a command line typed
into a query), and a field prefix close to a field's name but misspelt (``titel:``)
or cut short (``desc:``, ``org:``) raise :class:`~migrantres.InvalidValueError`
naming the bad part and the field meant.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from typing import Final

from migrantres._records.fulltext import COLUMNS, fts5_string, is_word_character, prepare_query
from migrantres.exceptions import InvalidValueError

__all__ = ["QUOTES", "Query", "Term", "parse_query"]

#: The characters that open and close a phrase.
QUOTES: Final = frozenset('"“”„«»')
_OPERATORS: Final = frozenset({"AND", "OR", "NOT"})
_CONTROL: Final = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


@dataclass(frozen=True, slots=True)
class Term:
    """A word or phrase of a query, as FTS5 will match it."""

    #: The text as the user wrote it, for messages.
    written: str
    #: The prepared text matched (see :func:`~migrantres._records.fulltext.prepare_query`).
    text: str
    #: The field searched, or ``None`` for all three.
    field: str | None = None
    #: Whether the last word is a prefix.
    prefix: bool = False

    def to_fts5(self) -> str:
        """The FTS5 expression: the text quoted, a ``*`` and a column filter as needed."""
        phrase = fts5_string(self.text) + (" *" if self.prefix else "")
        return phrase if self.field is None else f"{self.field} : {phrase}"


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed query: groups of alternatives that must all match, and exclusions."""

    #: Each group must match; a group matches when any of its terms does.
    required: tuple[tuple[Term, ...], ...]
    #: No result matches any of these.
    excluded: tuple[Term, ...] = ()

    def to_fts5(self) -> str:
        """The FTS5 expression of the query.

        >>> parse_query('labour OR').to_fts5()
        Traceback (most recent call last):
          ...
        migrantres.exceptions.InvalidValueError: ... ('OR' at the end has nothing after it); ...
        >>> parse_query('“forced labour” title:recruit* -health').to_fts5()
        '(("forced labour") AND (title : "recruit" *)) NOT ("health")'
        """
        groups = " AND ".join(
            "(" + " OR ".join(term.to_fts5() for term in group) + ")" for group in self.required
        )
        if not self.excluded:
            return groups
        return f"({groups})" + "".join(f" NOT ({term.to_fts5()})" for term in self.excluded)


@dataclass(slots=True)
class _Token:
    text: str
    start: int
    glued: bool  # no space between it and the token before
    quoted: bool = False


def _lex(text: str) -> list[_Token]:
    """Words (runs without spaces or quotes) and phrases (from a quote to the next)."""
    tokens: list[_Token] = []
    i, size, glued = 0, len(text), False
    while i < size:
        char = text[i]
        if char.isspace():
            i, glued = i + 1, False
            continue
        start = i
        if char in QUOTES:
            end = i + 1
            while end < size and text[end] not in QUOTES:
                end += 1
            phrase = text[i + 1 : end]
            i = end + 1
            if i < size and text[i] == "*":  # "a phrase"* : its last word is a prefix
                phrase += "*"
                i += 1
            tokens.append(_Token(phrase, start, glued, quoted=True))
        else:
            end = i
            while end < size and not text[end].isspace() and text[end] not in QUOTES:
                end += 1
            tokens.append(_Token(text[i:end], start, glued))
            i = end
        glued = True
    return tokens


class _Parser:
    """Turns the tokens of one query into a :class:`Query`, naming the bad part if any."""

    def __init__(self, query: str) -> None:
        self.query = query
        self.required: list[list[Term]] = []
        self.excluded: list[Term] = []
        self.pending: str | None = None  # an operator waiting for its right-hand side
        self.last_excluded = False

    def fail(self, part: str, expected: str) -> InvalidValueError:
        return InvalidValueError("search", self.query, expected, reason=part)

    def operator(self, word: str) -> None:
        if self.pending is not None:
            raise self.fail(f"{self.pending!r} followed by {word!r}", "a word or phrase after it")
        if word in {"AND", "OR"} and not self.required and not self.excluded:
            raise self.fail(
                f"{word!r} at the start has nothing before it",
                f"a word or phrase on each side of {word}",
            )
        if word == "OR" and self.last_excluded:
            raise self.fail(
                "an excluded word or phrase before 'OR'",
                "words or phrases to find on each side of OR, and exclusions apart",
            )
        self.pending = word

    def term(self, term: Term, *, negated: bool) -> None:
        pending, self.pending = self.pending, None
        negated = negated or pending == "NOT"
        if pending == "OR":
            if negated:
                raise self.fail(
                    f"an excluded alternative {term.written!r} after 'OR'",
                    "words or phrases to find on each side of OR, and exclusions apart",
                )
            self.required[-1].append(term)
        elif negated:
            self.excluded.append(term)
        else:
            self.required.append([term])
        self.last_excluded = negated

    def finish(self) -> Query:
        if self.pending is not None:
            expected = (
                "a word or phrase after NOT"
                if self.pending == "NOT"
                else f"a word or phrase on each side of {self.pending}"
            )
            raise self.fail(f"{self.pending!r} at the end has nothing after it", expected)
        if not self.required:
            if self.excluded:
                raise self.fail(
                    "every word or phrase in it is excluded",
                    "at least one word or phrase to find besides the exclusions",
                )
            raise self.fail("", "a query with at least one word")
        return Query(tuple(tuple(group) for group in self.required), tuple(self.excluded))


#: The shortest start of a field's name taken for a field prefix cut short: "org:".
_SHORTEST_PREFIX: Final = 3


def _field(word: str, parser: _Parser) -> tuple[str | None, str]:
    """A leading ``field:`` of ``word``, if it names a field, and the rest."""
    name, colon, rest = word.partition(":")
    if not colon or not name.isalpha():
        return None, word
    if name.lower() in COLUMNS:
        return name.lower(), rest
    # A misspelling (titel:), or a field's name cut short (desc:, org:)
    close = difflib.get_close_matches(name.lower(), COLUMNS, n=1, cutoff=0.75) or [
        c for c in COLUMNS if len(name) >= _SHORTEST_PREFIX and c.startswith(name.lower())
    ]
    if close:
        raise parser.fail(
            f"unknown field {name!r} in {word!r}; did you mean {close[0]!r}?",
            "a field prefix of title:, organizations: or description:",
        )
    return None, word


def _term(written: str, field: str | None) -> Term | None:
    """The term for a word or phrase, or ``None`` if it holds no word."""
    prefix = written.endswith("*")
    text = written.rstrip("*")
    if not any(is_word_character(c) for c in text):
        return None
    prepared, open_end = prepare_query(text)
    return Term(written, prepared, field, prefix or open_end)


def parse_query(query: str) -> Query:
    """Parse a search query (see the module's documentation for the language).

    The text is normalised to NFC first, as record text is.

    Raises:
        InvalidValueError: the query has no word to find, or a malformed part (a lone
            operator, an excluded alternative, a misspelt field prefix), named.

    >>> q = parse_query('„forced labour“ OR slavery -title:health recruit*')
    >>> [[t.text for t in group] for group in q.required], [t.text for t in q.excluded]
    ([['forced labour', 'slavery'], ['recruit']], ['health'])
    """
    parser = _Parser(query)
    # Control characters and lone surrogates are never in a record's text (but for the
    # break between paragraphs); a NUL would end FTS5's reading of the query, and a
    # surrogate cannot be sent to SQLite at all: they separate words.
    text = _CONTROL.sub(" ", unicodedata.normalize("NFC", query))
    tokens = _lex(text)
    index = 0
    while index < len(tokens):
        token = tokens[index]
        index += 1
        if not token.quoted and token.text in _OPERATORS:
            parser.operator(token.text)
            continue
        word, negated, field = token.text, False, None
        if not token.quoted:
            if word.startswith("-"):
                word, negated = word[1:], True
                if word.startswith("-") and any(c.isalnum() for c in word):
                    # "--format": an option of a command line, or a typo; never a word
                    raise parser.fail(
                        f"{token.text!r} starts with two dashes",
                        "a word, or -word to leave one out",
                    )
            field, word = _field(word, parser)
            if not word:
                # "-" or "title:" glued to the phrase that follows applies to it
                following = tokens[index] if index < len(tokens) else None
                if following is not None and following.quoted and following.glued:
                    word = following.text
                    index += 1
                elif field is None:
                    continue  # a lone "-" is punctuation
                else:
                    raise parser.fail(
                        f"{token.text!r} has nothing after it",
                        "a word or phrase right after a field prefix",
                    )
        term = _term(word, field)
        if term is not None:
            parser.term(term, negated=negated)
    return parser.finish()
