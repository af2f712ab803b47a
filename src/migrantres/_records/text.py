"""What text a record may hold: one line, paragraphs, URLs and language tags.

Each kind of text is an annotated ``str`` that pydantic validates. The rules are checked
twice over: by a pattern that pydantic-core runs, which is fast, and, only when the
pattern fails, by a Python function that says exactly what is wrong (after the fact:
see :mod:`migrantres._records.explain` and :data:`EXPLANATIONS`).
"""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING, Annotated, Final
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    StringConstraints,
    WithJsonSchema,
)

from migrantres._records.languages import to_bcp47

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = [
    "EXPLANATIONS",
    "ID_PATTERN",
    "LINE_PATTERN",
    "PARAGRAPHS_PATTERN",
    "SHA256_PATTERN",
    "URL_PATTERN",
    "LanguageTag",
    "Line",
    "Paragraphs",
    "Url",
    "is_control",
]

ID_PATTERN: Final = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
SHA256_PATTERN: Final = r"^[0-9a-f]{64}$"
_PARAGRAPH_BREAK: Final = "\n\n"


def is_control(char: str) -> bool:
    """Control, format, surrogate, private-use or unassigned, but not the joiner emoji use."""
    return unicodedata.category(char) in {"Cc", "Cf", "Cs", "Co", "Cn"} and char != "\u200d"


# Characters no text may hold: control, private-use, unassigned, line and paragraph
# separators, and format characters other than the zero-width joiner.
_BAD = r"\p{Cc}\p{Co}\p{Cn}\x{2028}\x{2029}[\p{Cf}--\x{200D}]"
_EDGE = rf"[^\s{_BAD}]"
_INNER = rf"[^{_BAD}]"
_ONE_LINE = rf"{_EDGE}(?:{_INNER}*{_EDGE})?"
#: One line: not blank, no surrounding whitespace, no control characters.
LINE_PATTERN: Final = rf"^{_ONE_LINE}$"
#: Lines as paragraphs, separated by exactly one blank line.
PARAGRAPHS_PATTERN: Final = rf"^{_ONE_LINE}(?:\n\n{_ONE_LINE})*$"
# URLs: no whitespace, control character or character RFC 3986 excludes, a host, and a
# port of at most 65535 if any (the rules _check_url applies with urllib).
_URL_BAD = r'\s<>"{}|\\^`\p{Cc}\p{Cf}\p{Co}\p{Cn}'
_PORT = r"(?:[0-9]{1,4}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5])"
#: An http(s) URL with a host, as :func:`_check_url` accepts it.
URL_PATTERN: Final = (
    rf"^(?i:https?)://(?:[^/?#@{_URL_BAD}]*@)?"
    rf"(?:\[[0-9A-Fa-f:.]+\]|[^/?#:@\[\]{_URL_BAD}]+)"
    rf"(?::{_PORT}?)?(?:[/?#][^{_URL_BAD}]*)?$"
)


def _check_line(value: str) -> str:
    """Accept one line of text: not blank, no surrounding or doubled-up control characters."""
    if not value.strip():
        msg = "must not be empty or blank"
        raise ValueError(msg)
    if value != value.strip():
        msg = "must not start or end with whitespace"
        raise ValueError(msg)
    bad = next((c for c in value if is_control(c) or c in "\n\r\t\u2028\u2029"), None)
    if bad is not None:
        msg = f"must be one line of printable text; found {bad!r}"
        raise ValueError(msg)
    return value


def _check_paragraphs(value: str) -> str:
    """Accept paragraphs of text separated by one blank line (two newlines)."""
    if not value.strip():
        msg = "must not be empty or blank"
        raise ValueError(msg)
    for number, paragraph in enumerate(value.split(_PARAGRAPH_BREAK), start=1):
        try:
            _check_line(paragraph)
        except ValueError as exc:
            msg = f"paragraph {number} {exc} (paragraphs are separated by one blank line)"
            raise ValueError(msg) from None
    return value


#: One line of text, as a title, a name or a label.
Line = Annotated[
    str,
    StringConstraints(pattern=LINE_PATTERN),
    WithJsonSchema({"type": "string", "minLength": 1}),
]
#: Paragraphs of text separated by a blank line.
Paragraphs = Annotated[
    str,
    StringConstraints(pattern=PARAGRAPHS_PATTERN),
    WithJsonSchema({"type": "string", "minLength": 1}),
]


#: Characters RFC 3986 does not allow anywhere in a URI; they must be percent-encoded.
_NOT_IN_URLS: Final = frozenset('<>"{}|\\^`')


def _check_url(value: str) -> str:
    r"""Accept an absolute http(s) URL with a host, kept exactly as written.

    Whitespace, control characters and the characters RFC 3986 excludes
    (``< > " { } | \ ^`` and the backtick) are refused rather than encoded: a record's
    URL is the publisher's, and changing it would be inventing one.
    """
    if any(c.isspace() or is_control(c) for c in value):
        msg = "a URL must not contain whitespace or control characters"
        raise ValueError(msg)
    excluded = sorted({c for c in value if c in _NOT_IN_URLS})
    if excluded:
        msg = (
            f"a URL must not contain {' '.join(excluded)} (RFC 3986); "
            "write them percent-encoded, e.g. %7C for |"
        )
        raise ValueError(msg)
    return _check_url_parts(value)


def _check_url_parts(value: str) -> str:
    """Accept a URL whose scheme is http(s), with a host and a well-formed port."""
    try:
        parts = urlsplit(value)
        port = parts.port  # raises ValueError for a malformed port
    except ValueError as exc:
        msg = f"not a valid URL ({exc})"
        raise ValueError(msg) from None
    if parts.scheme not in {"http", "https"}:
        msg = f"only http and https URLs are accepted, not {parts.scheme or 'a relative'!r} URLs"
        raise ValueError(msg)
    if not parts.hostname:
        msg = "a URL needs a host"
        raise ValueError(msg)
    del port
    return value


Url = Annotated[
    str,
    StringConstraints(pattern=URL_PATTERN),
    WithJsonSchema({"type": "string", "format": "uri", "pattern": "^https?://[^\\s]+$"}),
]

#: The check that explains why a value does not match each pattern.
EXPLANATIONS: Final[dict[str, Callable[[str], str]]] = {
    LINE_PATTERN: _check_line,
    PARAGRAPHS_PATTERN: _check_paragraphs,
    URL_PATTERN: _check_url,
}


def _language_tag(value: str) -> str:
    """A canonical BCP 47 tag for an ISO 639 code or a tag in any case."""
    return to_bcp47(value)


LanguageTag = Annotated[
    str,
    AfterValidator(_language_tag),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": "^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$",
            "description": "A BCP 47 language tag in canonical form, e.g. 'en' or 'pt-BR'.",
        }
    ),
]
