"""The full-text layout: how a catalogue's text is indexed in SQLite FTS5 and queried.

This module is the one contract between the search engine (:mod:`migrantres._query.search`),
which builds an index in memory, and any file that stores an index for it to reuse (the
SQLite export and its reader). Whoever writes or reads such an index follows it exactly:

1. **Table.** An FTS5 virtual table with the columns :data:`COLUMNS`, in that order:
   ``title``, ``organizations`` and ``description``. In a file for Datasette and
   sqlite-utils it is named ``<table>_fts`` and created with ``content="<table>"``
   (:func:`create_table_sql`; Datasette finds the index only by that declaration, in
   double quotes), so they detect it; the content table must then have columns of the
   same names. The search engine's own index is contentless (``content=""``).
2. **Tokenizer.** :data:`TOKENIZE`: ``unicode61`` with letters, digits, private-use
   characters and combining marks as word characters (``categories 'L* N* Co M*'``), so
   that vowel signs and viramas stay inside Devanagari, Thai or Arabic words; accents
   of the Latin, Greek and Cyrillic letters are removed (``remove_diacritics 2``).
3. **Indexed text.** Each row holds :func:`document_texts` of one resource: the title,
   the organizations (each one's name, then its acronym, separated by spaces) and the
   description, each passed through :func:`prepare` and followed by its
   :func:`plain_forms`, the forms in which programs that hand a query to FTS5 as typed
   (Datasette, sqlite-utils, ``MATCH`` by hand) see its words. FTS5 never reads the content
   table to match or rank, so the index holds the prepared text while the content
   table holds the text as it is; rebuilding the index from the content table (FTS5's
   ``'rebuild'`` command, ``sqlite-utils rebuild-fts``) would lose the preparation.
4. **Rowids** are any integers; whoever hands an index over says which rowid is which
   position in the catalogue (:class:`StoredIndex`).
5. **Ranking.** ``bm25(<table>, 3.0, 2.0, 1.0)``: the weights :data:`WEIGHTS` of the
   columns; FTS5's ``bm25`` is lower for a better match.
6. **Queries.** Every word or phrase is passed through :func:`prepare_query` and
   written as an FTS5 string (``"..."``, inner quotes doubled), followed by ``*`` when
   it asks for a prefix; user text never reaches FTS5 outside such a string.
7. **Version.** :data:`LAYOUT_VERSION` changes whenever any of the above changes. A
   file that stores an index records the version it was written with; a reader hands
   the index over only when the version is this one, and otherwise lets the engine
   build its own.

:func:`prepare` folds case and accents (as :func:`~migrantres._records.folding.fold`
does for Latin, Greek and Cyrillic text, but keeping the marks that are part of a
letter in other scripts; ASCII letters are left to the tokenizer, which folds their
case) and rewrites each run of a script written without spaces
between words (Han, Hiragana, Katakana, Hangul, Thai, Lao, Myanmar, Khmer) as the
overlapping pairs of its characters, as Lucene's CJK analyzer does, so that any word of
two characters or more is found inside the run:

>>> prepare("Étude: 强迫劳动问题")
'etude:  强迫 迫劳 劳动 动问 问题 题 '
>>> prepare_query("劳动问题"), prepare_query("劳")
(('劳动 动问 问题', False), ('劳', True))
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from migrantres.exceptions import MissingDependencyError

if TYPE_CHECKING:
    import sqlite3
    from collections.abc import Mapping

    from migrantres._records.models import Resource

__all__ = [
    "COLUMNS",
    "LAYOUT_VERSION",
    "MODULE",
    "PLAIN_PIECE",
    "TOKENIZE",
    "WEIGHTS",
    "StoredIndex",
    "create_table",
    "create_table_sql",
    "document_texts",
    "fts5_string",
    "is_word_character",
    "missing_fts5",
    "plain_forms",
    "prepare",
    "prepare_query",
]

#: The version of this layout; a stored index of another version is not reused.
LAYOUT_VERSION: Final = 2
#: The SQLite virtual table module.
MODULE: Final = "fts5"
#: The indexed columns, in order.
COLUMNS: Final = ("title", "organizations", "description")
#: The BM25 weight of each column: a word counts 3 times in a title, twice in an
#: organization's name or acronym, once in a description.
WEIGHTS: Final = (3.0, 2.0, 1.0)
#: The FTS5 tokenizer, as the value of the ``tokenize`` option.
TOKENIZE: Final = "unicode61 remove_diacritics 2 categories 'L* N* Co M*'"

# The combining marks that are accents, common to the Latin, Greek and Cyrillic letters
# (Combining Diacritical Marks and their Extended and Supplement blocks, the marks for
# symbols, the half marks). Marks of other scripts are parts of their letters.
_ACCENTS: Final = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")

_NON_ASCII: Final = re.compile(r"[^\x00-\x7f]+")

# Scripts written without spaces between words: Thai, Lao, Myanmar, Khmer, the
# iteration and closing marks and ideographic zero, Hiragana, Katakana (with its
# extension), CJK ideographs (extension A, the unified block, compatibility
# ideographs, and the supplementary planes), and Hangul syllables.
_UNSPACED: Final = re.compile(
    "[\u0e00-\u0e7f\u0e80-\u0eff\u1000-\u109f\u1780-\u17ff\u3005-\u3007\u303b"
    "\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
    "\U00020000-\U0003134f]+"
)


@functools.lru_cache(maxsize=65536)
def _fold_piece(piece: str) -> str:
    """A run of non-ASCII text with case folded and accents removed, composed (NFC)."""
    decomposed = unicodedata.normalize("NFKD", piece.casefold())
    return unicodedata.normalize("NFC", _ACCENTS.sub("", decomposed))


@functools.lru_cache(maxsize=65536)
def _prepare_piece(piece: str) -> str:
    """A run of non-ASCII text as it is indexed: folded, and unspaced runs as pairs."""
    folded = _fold_piece(piece)
    return folded if folded.isascii() else _UNSPACED.sub(_pairs, folded)


def fold_text(text: str) -> str:
    """Text with case folded and accents removed, then composed again (NFC).

    Only the runs of non-ASCII characters need Unicode's tables, and the same accented
    words come back again and again: each run is folded once and remembered.

    >>> fold_text("Sécurité STRASSE"), fold_text("Straße"), fold_text("मेला")
    ('securite strasse', 'strasse', 'मेला')
    """
    lowered = text.lower()  # casefolding what lower() left gives what casefold() gives
    return lowered if lowered.isascii() else _NON_ASCII.sub(_folded, lowered)


def _folded(match: re.Match[str]) -> str:
    return _fold_piece(match[0])


def _pairs(match: re.Match[str]) -> str:
    run = match[0]
    pairs = [run[i : i + 2] for i in range(len(run))]  # the last one is a single character
    return " " + " ".join(pairs) + " "


def prepare(text: str) -> str:
    """Text as it is indexed: folded, and unspaced runs as overlapping pairs.

    Each character of a run of Han, Kana, Hangul, Thai, Lao, Myanmar or Khmer becomes
    the pair it starts; the run's last character stands alone. ASCII text is left as it
    is: the tokenizer folds its case, as it does a query's.

    >>> prepare("Forced Labour"), prepare("Étude: แรงงาน")
    ('Forced Labour', 'etude:  แร รง งง งา าน น ')
    """
    return _prepared_and_forms(text)[0]


def is_word_character(character: str) -> bool:
    """Whether the tokenizer keeps ``character`` in a word: a letter, digit or mark."""
    category = unicodedata.category(character)
    return category[0] in "LNM" or category == "Co"


def prepare_query(text: str) -> tuple[str, bool]:
    """A query's word or phrase as it is matched, and whether its end is a prefix.

    The text is prepared as :func:`prepare` does and left to the tokenizer to split, as
    a document's text is. A run of an unspaced script at the end of the text may go on
    in a document: it is matched by its pairs only, and a run of one character by the
    pairs it may start (a prefix).

    >>> prepare_query("Multi-country Recruitment"), prepare_query("ILO:劳动")
    (('multi-country recruitment', False), ('ilo: 劳动', False))
    """
    folded = fold_text(text).strip()
    runs = list(_UNSPACED.finditer(folded)) if not folded.isascii() else []
    if not runs:
        return folded, False
    last = runs[-1]
    if any(is_word_character(c) for c in folded[last.end() :]):
        return _UNSPACED.sub(_pairs, folded).strip(), False
    head = _UNSPACED.sub(_pairs, folded[: last.start()]).strip()
    run = last[0]
    if len(run) == 1:
        return f"{head} {run}".lstrip(), True
    pairs = " ".join(run[i : i + 2] for i in range(len(run) - 1))
    return f"{head} {pairs}".lstrip(), False


def fts5_string(text: str) -> str:
    """``text`` as an FTS5 string: in double quotes, inner quotes doubled.

    >>> print(fts5_string('say "no" now'))
    "say ""no"" now"
    """
    return '"' + text.replace('"', '""') + '"'


#: The longest piece of a run of an unspaced script that :func:`plain_forms` gives.
PLAIN_PIECE: Final = 4


def plain_forms(text: str) -> str:
    """The forms in which a query handed to FTS5 as typed meets the words of ``text``.

    Datasette's ``?_search=``, sqlite-utils and ``MATCH`` by hand leave a query to the
    tokenizer alone: a run of Han, Kana, Hangul, Thai, Lao, Myanmar or Khmer is one
    token, and case is folded by Unicode's simple lowercase (``ß`` stays ``ß``, ``ﬁ``
    stays ``ﬁ``). So that such a query finds what the package's search finds, the
    indexed text is followed by every piece of one, three or four characters of each
    unspaced run (its pairs are in :func:`prepare`'s text already), and by each word
    whose full folding differs from the tokenizer's, in lowercase. A word of an
    unspaced script longer than :data:`PLAIN_PIECE` characters is found by them only as
    shorter words. The forms stand after the text, so that they never come between two
    words of a phrase.

    >>> plain_forms("Straße 劳动问题"), plain_forms("Forced Labour")
    ('straße 劳 动 问 题 劳动问 动问题 劳动问题', '')
    """
    return " ".join(_prepared_and_forms(text)[1])


def _prepared_and_forms(text: str) -> tuple[str, list[str]]:
    """:func:`prepare` of ``text`` and its :func:`plain_forms`, in one pass over its runs."""
    if text.isascii():
        return text, []
    forms: list[str] = []

    def piece(match: re.Match[str]) -> str:
        pieces, otherwise = _piece_forms(match[0])
        forms.extend(pieces)
        if otherwise:
            forms.append(_word_around(match).lower())
        return _prepare_piece(match[0])

    prepared = _NON_ASCII.sub(piece, text)
    return prepared, list(dict.fromkeys(forms))


@functools.lru_cache(maxsize=65536)
def _piece_forms(piece: str) -> tuple[tuple[str, ...], bool]:
    """A non-ASCII run's pieces of unspaced script; whether the tokenizer folds it apart.

    ``unicode61 remove_diacritics 2`` removes accents, as :func:`prepare` does, but
    neither folds case fully (``ß``) nor decomposes compatibility characters (``ﬁ``).
    """
    lowered = piece.lower()
    tokenizer = unicodedata.normalize(
        "NFC", _ACCENTS.sub("", unicodedata.normalize("NFD", lowered))
    )
    pieces = [
        run[i : i + size]
        for run in _UNSPACED.findall(lowered)
        for size in (1, *range(3, PLAIN_PIECE + 1))
        for i in range(len(run) - size + 1)
    ]
    return tuple(pieces), _fold_piece(piece) != tokenizer


def _word_around(match: re.Match[str]) -> str:
    """The whole word that holds a matched run of characters."""
    text, start, end = match.string, match.start(), match.end()
    while start > 0 and is_word_character(text[start - 1]):
        start -= 1
    while end < len(text) and is_word_character(text[end]):
        end += 1
    return text[start:end]


def _indexed(text: str) -> str:
    prepared, forms = _prepared_and_forms(text)
    return f"{prepared} {' '.join(forms)}" if forms else prepared


def document_texts(resource: Resource) -> tuple[str, str, str]:
    """The indexed text of each column of :data:`COLUMNS` for one resource."""
    organizations = " ".join(
        f"{org.name} {org.acronym}" if org.acronym else org.name for org in resource.organizations
    )
    return (_indexed(resource.title), _indexed(organizations), _indexed(resource.description))


def create_table_sql(table: str, *, content: str = "") -> str:
    r"""The ``CREATE VIRTUAL TABLE`` statement of a full-text table of this layout.

    ``content`` names the table whose rows it indexes (``''``: contentless). Table
    names are quoted as SQL identifiers.

    >>> print(create_table_sql("resources_fts", content="resources").replace(", ", ",\n  "))
    CREATE VIRTUAL TABLE "resources_fts" USING fts5(title,
      organizations,
      description,
      content="resources",
      tokenize="unicode61 remove_diacritics 2 categories 'L* N* Co M*'")
    """
    name = '"' + table.replace('"', '""') + '"'
    source = '"' + content.replace('"', '""') + '"'  # Datasette detects this spelling
    return (
        f"CREATE VIRTUAL TABLE {name} USING {MODULE}({', '.join(COLUMNS)}, "
        f'content={source}, tokenize="{TOKENIZE}")'
    )


_INSTALL: Final = (
    "a Python whose sqlite3 module has SQLite's FTS5 extension (SQLite 3.9 or later built "
    "with SQLITE_ENABLE_FTS5, as in the python.org, conda and most Linux distributions' "
    "builds)"
)


def missing_fts5(feature: str, detail: str) -> MissingDependencyError:
    """The error for a ``feature`` that needs FTS5 where this Python's SQLite lacks it."""
    error = MissingDependencyError(MODULE, "", feature, install=_INSTALL)
    error.add_note(detail)
    return error


def create_table(
    connection: sqlite3.Connection, table: str, *, content: str = "", feature: str
) -> None:
    """Run :func:`create_table_sql` on ``connection``.

    Raises:
        MissingDependencyError: this Python's SQLite has no FTS5, which ``feature``
            (such as ``"full-text search"``) needs.
        sqlite3.OperationalError: any other failure of the statement.
    """
    import sqlite3  # noqa: PLC0415 - only an index needs it

    try:
        connection.execute(create_table_sql(table, content=content))
    except sqlite3.OperationalError as exc:
        if "no such module" in str(exc):
            raise missing_fts5(feature, f"sqlite3 {sqlite3.sqlite_version}: {exc}") from exc
        raise


@dataclass(frozen=True, slots=True)
class StoredIndex:
    """A full-text index of this layout, already built, handed to the search engine.

    The connection must allow use from any thread (``check_same_thread=False``): the
    engine serialises its own use of it with a lock, and never writes to it.
    """

    #: An open connection to the database that holds the table.
    connection: sqlite3.Connection
    #: The FTS5 table's name.
    table: str
    #: Each rowid of the table, to the position of its resource in the catalogue.
    positions: Mapping[int, int]
