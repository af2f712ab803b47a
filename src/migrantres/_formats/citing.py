"""What the citation formats share: types, checks, one-line values and babel's language names.

Each format module (:mod:`~migrantres._formats.csl_json`, :mod:`~migrantres._formats.bibtex`,
:mod:`~migrantres._formats.ris`) takes its resource types from :func:`kinds`, refuses what
cannot be exported with :func:`checked`, and, where a format holds one value per line,
joins lines with :func:`one_line`. BibTeX and BibLaTeX name languages as babel does
(:func:`babel_name`, :func:`langid`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final, NamedTuple, assert_never

from migrantres._records.identity import check_resources
from migrantres._records.models import Resource
from migrantres._records.vocab import ResourceType

__all__ = ["Kinds", "babel_name", "checked", "kinds", "langid", "one_line"]


class Kinds(NamedTuple):
    """A resource type's counterpart in each format."""

    csl: str
    bibtex: str
    biblatex: str
    ris: str


_REPORT: Final = Kinds(csl="report", bibtex="techreport", biblatex="report", ris="RPRT")
_DOCUMENT: Final = Kinds(csl="document", bibtex="misc", biblatex="misc", ris="GEN")
_WEBPAGE: Final = Kinds(csl="webpage", bibtex="misc", biblatex="online", ris="ELEC")


def kinds(kind: ResourceType) -> Kinds:
    """The type in each format; mypy checks that every resource type has one."""
    match kind:
        case (
            ResourceType.REPORT
            | ResourceType.GUIDANCE
            | ResourceType.GUIDANCE_IMPLEMENTATION
            | ResourceType.GUIDANCE_DRAFTING
        ):
            return _REPORT
        case ResourceType.PRACTICAL_TOOL | ResourceType.POLITICAL_COMMITMENTS:
            return _DOCUMENT
        case ResourceType.PLATFORM:
            return _WEBPAGE
        case _:  # pragma: no cover - unreachable while the match is exhaustive
            assert_never(kind)


def checked(resources: Sequence[Resource]) -> Sequence[Resource]:
    """Refuse what cannot be exported: non-resources and repeated ids.

    Ids must be unique: they are the CSL item ids, BibTeX keys and RIS ids that cite
    the records, and a repeated key makes a BibTeX file invalid.

    Raises:
        TypeError: ``resources`` is a single resource, a set, a string or another
            non-sequence, or one of its items is not a :class:`~migrantres.Resource`.
        LoadError: two resources share an id.
    """
    if isinstance(resources, Resource):
        msg = "expected a sequence of Resource, not a single Resource; pass [resource]"
        raise TypeError(msg)
    # A set or a generator is refused: a set's order changes from run to run, and the
    # output must not.
    if isinstance(resources, str | bytes) or not isinstance(resources, Sequence):
        msg = f"expected a sequence of Resource, not a {type(resources).__name__}"
        raise TypeError(msg)
    check_resources(tuple(resources))  # each item a Resource, each id once (LoadError if not)
    return resources


# Every character that ends a line for str.splitlines(), or for a line-based reader.
_LINE_BREAKS: Final = re.compile("[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]+")


def one_line(text: str) -> str:
    """Join lines and paragraphs with one space, for formats that hold a value per line."""
    return _LINE_BREAKS.sub(" ", text)


# babel's name of each language (``name.babel`` in babel's locale files), by BCP 47 tag:
# a language with a region first, then the language alone. Where babel gives a language
# two names, the one pandoc and biblatex also know is used (slovene, serbian).
_BABEL: Final = {
    "en-GB": "british",
    "en-US": "american",
    "pt-BR": "brazilian",
    "af": "afrikaans",
    "am": "amharic",
    "ar": "arabic",
    "bg": "bulgarian",
    "bn": "bengali",
    "ca": "catalan",
    "cs": "czech",
    "cy": "welsh",
    "da": "danish",
    "de": "german",
    "el": "greek",
    "en": "english",
    "es": "spanish",
    "et": "estonian",
    "eu": "basque",
    "fa": "persian",
    "fi": "finnish",
    "fr": "french",
    "ga": "irish",
    "gl": "galician",
    "he": "hebrew",
    "hi": "hindi",
    "hr": "croatian",
    "hu": "hungarian",
    "hy": "armenian",
    "id": "indonesian",
    "is": "icelandic",
    "it": "italian",
    "ja": "japanese",
    "ka": "georgian",
    "kk": "kazakh",
    "ko": "korean",
    "lt": "lithuanian",
    "lv": "latvian",
    "mn": "mongolian",
    "ms": "malay",
    "nb": "norwegianbokmal",
    "nl": "dutch",
    "nn": "nynorsk",
    "no": "norsk",
    "pl": "polish",
    "pt": "portuguese",
    "ro": "romanian",
    "ru": "russian",
    "sk": "slovak",
    "sl": "slovene",
    "sq": "albanian",
    "sr": "serbian",
    "sv": "swedish",
    "sw": "swahili",
    "ta": "tamil",
    "th": "thai",
    "tr": "turkish",
    "uk": "ukrainian",
    "ur": "urdu",
    "uz": "uzbek",
    "vi": "vietnamese",
    "zh": "chinese",
}
# The babel names that pandoc does not turn back into their language when it reads
# ``langid`` (it keeps the name itself, which is no language tag, or maps "norsk" to
# Bokmål): a ``langid`` holding one would give pandoc a wrong language.
_NOT_READ_BY_PANDOC: Final = frozenset(
    {
        "amharic",
        "bengali",
        "welsh",
        "persian",
        "irish",
        "galician",
        "hindi",
        "armenian",
        "indonesian",
        "georgian",
        "kazakh",
        "korean",
        "malay",
        "norwegianbokmal",
        "norsk",
        "albanian",
        "swahili",
        "tamil",
        "urdu",
        "uzbek",
        "chinese",
    }
)


def babel_name(tag: str) -> str | None:
    """Babel's name for a BCP 47 tag's language, or ``None`` when this table has none.

    The tag's language and region are looked up first (``en-GB`` is "british"), then its
    language alone (``zh-Hant`` is "chinese").

    >>> babel_name("en"), babel_name("pt-BR"), babel_name("zh-Hans"), babel_name("yo")
    ('english', 'brazilian', 'chinese', None)
    """
    subtags = tag.split("-")
    if len(subtags) > 1 and (name := _BABEL.get(f"{subtags[0]}-{subtags[-1]}")):
        return name
    return _BABEL.get(subtags[0])


def langid(languages: Sequence[str]) -> str | None:
    """The ``langid`` of a resource: babel's name of its first language, if pandoc reads it.

    ``langid`` holds one language, the one biblatex hyphenates the entry in and the one
    pandoc gives the item (``english`` becomes ``en-US``). Only the first language is a
    candidate: a later one may not be the language of the title. ``None`` when the
    resource names no language, or when its first language has no babel name that
    pandoc reads back as that language (Chinese: pandoc would keep "chinese" as the tag).

    >>> langid(("en", "fr")), langid(("fr",)), langid(("zh", "en")), langid(())
    ('english', 'french', None, None)
    """
    if not languages:
        return None
    name = babel_name(languages[0])
    return None if name is None or name in _NOT_READ_BY_PANDOC else name
