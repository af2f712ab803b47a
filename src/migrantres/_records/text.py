"""What text a record may hold: one line, paragraphs, URLs and language tags.

Text is kept in Unicode Normalization Form C (NFC): validation normalises every text
field, so canonically equivalent spellings ("é" as one code point or as "e" and a
combining accent) are one value, whichever reader the record came through.

Which characters text may hold is one rule, :data:`LINE_PATTERN`, written with Unicode
general categories and run by pydantic-core's regular expressions. Accepted:

* letters, marks, numbers, punctuation and symbols (categories L, M, N, P and S), and
  space separators (Zs) inside a line, never at either end;
* of the invisible format characters (Cf), only those ordinary writing needs: the
  joining controls ZERO WIDTH NON-JOINER (U+200C) and ZERO WIDTH JOINER (U+200D) of
  Persian, Indic scripts and emoji sequences; the directional marks LEFT-TO-RIGHT
  MARK (U+200E), RIGHT-TO-LEFT MARK (U+200F) and ARABIC LETTER MARK (U+061C) of
  right-to-left text; and tag characters (U+E0020 to U+E007F) inside an emoji tag
  sequence (U+1F3F4, tags, CANCEL TAG: the flags of England, Scotland and Wales).

Refused: control characters (Cc: tabs and line breaks, other than the blank line
between paragraphs), every other format character (soft hyphens, bidirectional
embeddings, overrides and isolates, byte-order marks, word joiners), private-use
characters (Co), surrogates (Cs), code points unassigned in the Unicode version of the
pattern engine (Cn), and the line and paragraph separators (Zl, Zp).

The pattern is checked by pydantic-core, which is fast. Only when it fails does Python
find the character it rejected, by asking the same engine with the same pattern's
pieces, so the error names the character the pattern really refused.
"""

from __future__ import annotations

import functools
import unicodedata
from typing import TYPE_CHECKING, Annotated, Any, Final
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    StringConstraints,
    ValidationError,
    ValidatorFunctionWrapHandler,
    WithJsonSchema,
    WrapValidator,
)
from pydantic_core import SchemaValidator, core_schema

if TYPE_CHECKING:
    from collections.abc import Callable

    from pydantic import GetCoreSchemaHandler

__all__ = [
    "ID_PATTERN",
    "LINE_PATTERN",
    "PARAGRAPHS_PATTERN",
    "SHA256_PATTERN",
    "URL_PATTERN",
    "LanguageTag",
    "Line",
    "Paragraphs",
    "Text",
    "Url",
    "canonical_tag",
    "nfc",
    "rejected_character",
]

ID_PATTERN: Final = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
SHA256_PATTERN: Final = r"^[0-9a-f]{64}$"
_PARAGRAPH_BREAK: Final = "\n\n"


def nfc(text: str) -> str:
    """Text in Unicode Normalization Form C; text already in NFC is returned as it is.

    >>> nfc("Co\u0302te d'Ivoire") == "C\u00f4te d'Ivoire"
    True
    """
    return unicodedata.normalize("NFC", text)


# -- the one rule: which characters text may hold --------------------------------------

#: The format characters (Cf) ordinary writing needs: ZWNJ, ZWJ, LRM, RLM and ALM.
_WRITING_FORMATS: Final = r"\x{200C}-\x{200F}\x{061C}"
#: An emoji tag sequence: WAVING BLACK FLAG, tag characters, CANCEL TAG.
_TAG_SEQUENCE: Final = r"\x{1F3F4}[\x{E0020}-\x{E007E}]+\x{E007F}"
#: The start of a tag sequence not yet ended, for finding where a text goes wrong.
_TAG_SEQUENCE_START: Final = r"\x{1F3F4}[\x{E0020}-\x{E007E}]*"
# The accepted characters are named, not their complement: a negated class that holds
# both U+D7FF and U+E000 (unassigned and private-use, either side of the surrogates)
# lets exactly those two through in the regex engine pydantic-core uses.
_VISIBLE: Final = rf"\p{{L}}\p{{M}}\p{{N}}\p{{P}}\p{{S}}{_WRITING_FORMATS}"
_CHAR: Final = rf"(?:[{_VISIBLE}\p{{Zs}}]|{_TAG_SEQUENCE})"
_EDGE: Final = rf"(?:[{_VISIBLE}]|{_TAG_SEQUENCE})"
_ONE_LINE: Final = rf"{_EDGE}(?:{_CHAR}*{_EDGE})?"
#: One line: not blank, no surrounding whitespace, only accepted characters.
LINE_PATTERN: Final = rf"^{_ONE_LINE}$"
#: Lines as paragraphs, separated by exactly one blank line.
PARAGRAPHS_PATTERN: Final = rf"^{_ONE_LINE}(?:\n\n{_ONE_LINE})*$"

# What each refused character is, tried in this order: every category _CHAR leaves out.
_REFUSED_KINDS: Final = (
    (r"\p{Cc}", "a control character"),
    (r"[\p{Zl}\p{Zp}]", "a line or paragraph separator"),
    (r"\p{Co}", "a private-use character"),
    (r"\p{Cn}", "a code point unassigned in Unicode"),
    (r"[\x{E0020}-\x{E007F}]", "a tag character outside an emoji tag sequence"),
    (r"\p{Cf}", "an invisible format character"),
)


@functools.cache
def _validator(pattern: str) -> SchemaValidator:
    return SchemaValidator(core_schema.str_schema(pattern=pattern, strict=True))


def _matches(pattern: str, text: str) -> bool:
    """Whether pydantic-core's engine matches ``pattern`` in ``text``."""
    try:
        _validator(pattern).validate_python(text)
    except ValidationError:
        return False
    return True


def _is_surrogate(char: str) -> bool:
    return 0xD800 <= ord(char) <= 0xDFFF  # noqa: PLR2004 - the surrogate block


def rejected_character(text: str) -> tuple[int, str] | None:
    r"""The position of the first character the rule refuses in ``text``, and what it is.

    ``None`` when every character is accepted. The position is found by bisection on
    the longest prefix that the same pattern engine accepts as the start of valid text.

    >>> rejected_character("Tab\there")
    (3, 'a control character')
    >>> rejected_character("\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645") is None
    True
    """
    # A surrogate is not a character at all, and no engine sees it: the text before the
    # first one is searched, and the surrogate is named only if nothing before it is.
    surrogate = next((i for i, char in enumerate(text) if _is_surrogate(char)), None)
    found = _first_refused(text if surrogate is None else text[:surrogate])
    if found is None and surrogate is not None:
        return surrogate, "a surrogate"
    return found


def _first_refused(text: str) -> tuple[int, str] | None:
    """:func:`rejected_character` for text with no surrogate."""
    if _matches(rf"^{_CHAR}*$", text):
        return None
    valid_start = rf"^{_CHAR}*(?:{_TAG_SEQUENCE_START})?$"
    low, high = 0, len(text)  # text[:low] starts valid text; text[:high + 1] does not
    while low < high:
        middle = (low + high + 1) // 2
        if _matches(valid_start, text[:middle]):
            low = middle
        else:
            high = middle - 1
    if low == len(text) or _matches(rf"^{_CHAR}$", text[low]):
        # What fails is an emoji tag sequence left open before this point.
        return low - 1, "a tag character outside a complete emoji tag sequence"
    char = text[low]
    kind = next((what for piece, what in _REFUSED_KINDS if _matches(rf"^{piece}$", char)), "")
    return low, kind or "a character text may not hold"


def _describe(text: str, position: int, kind: str) -> str:
    char = text[position]
    return f"found {char!r} (U+{ord(char):04X}, {kind}) at position {position}"


def _explained(
    check: Callable[[str], str], *, normalise: bool = True
) -> Callable[[object, ValidatorFunctionWrapHandler], str]:
    """Run pydantic-core's check, then (with ``normalise``) make the text NFC.

    If the check fails, ``check`` says why: it raises a ``ValueError`` with the reason.
    """

    def validate(value: object, handler: ValidatorFunctionWrapHandler) -> str:
        try:
            result: str = handler(value)
        except ValidationError:
            if isinstance(value, str):
                check(value)
            raise
        return unicodedata.normalize("NFC", result) if normalise else result

    return validate


def _check_line(value: str) -> str:
    """Say what keeps ``value`` from being one line of text, by the rule's own pieces."""
    if _matches(r"^\s*$", value):
        msg = "must not be empty or blank"
        raise ValueError(msg)
    if _matches(r"^\s|\s$", value):
        msg = "must not start or end with whitespace"
        raise ValueError(msg)
    found = rejected_character(value)
    if found is not None:
        msg = f"must be one line of text; {_describe(value, *found)}"
        raise ValueError(msg)
    return value


def _check_paragraphs(value: str) -> str:
    """Say what keeps ``value`` from being paragraphs separated by one blank line."""
    if _matches(r"^\s*$", value):
        msg = "must not be empty or blank"
        raise ValueError(msg)
    for number, paragraph in enumerate(value.split(_PARAGRAPH_BREAK), start=1):
        try:
            _check_line(paragraph)
        except ValueError as exc:
            msg = f"paragraph {number} {exc} (paragraphs are separated by one blank line)"
            raise ValueError(msg) from None
    return value


#: One line of text, as a title, a name or a label; in NFC.
Line = Annotated[
    str,
    StringConstraints(pattern=LINE_PATTERN),
    WrapValidator(_explained(_check_line)),
    WithJsonSchema({"type": "string", "minLength": 1}),
]
#: Paragraphs of text separated by a blank line; in NFC.
Paragraphs = Annotated[
    str,
    StringConstraints(pattern=PARAGRAPHS_PATTERN),
    WrapValidator(_explained(_check_paragraphs)),
    WithJsonSchema({"type": "string", "minLength": 1}),
]
#: Any text, as a source gives it, in NFC.
Text = Annotated[str, AfterValidator(nfc)]


# URLs: visible characters only (no whitespace, control, format, private-use or unassigned
# character), none that RFC 3986 excludes, a host, and a port of at most 65535 if any (the
# rules _check_url applies with urllib). Named, not negated, as for text.
_URL_INVISIBLE = r"\s\p{Cc}\p{Cf}\p{Co}\p{Cn}"
_URL_VISIBLE = r"\p{L}\p{M}\p{N}\p{P}\p{S}"
_URL_EXCLUDED = r'<>"{}|\\^`'


def _url_chars(also_excluded: str = "") -> str:
    return rf"[[{_URL_VISIBLE}]--[{also_excluded}{_URL_EXCLUDED}]]"


_URL_USERINFO = _url_chars("/?#@")
_URL_HOST = _url_chars(r"/?#:@\[\]")
_URL_REST = _url_chars()
_PORT = r"(?:[0-9]{1,4}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5])"
#: An http(s) URL with a host, as :func:`_check_url` accepts it.
URL_PATTERN: Final = (
    rf"^(?i:https?)://(?:{_URL_USERINFO}*@)?"
    rf"(?:\[[0-9A-Fa-f:.]+\]|{_URL_HOST}+)"
    rf"(?::{_PORT}?)?(?:[/?#]{_URL_REST}*)?$"
)


#: Characters RFC 3986 does not allow anywhere in a URI; they must be percent-encoded.
_NOT_IN_URLS: Final = frozenset('<>"{}|\\^`')


def _check_url(value: str) -> str:
    r"""Accept an absolute http(s) URL with a host, kept exactly as written.

    Whitespace, control characters and the characters RFC 3986 excludes
    (``< > " { } | \ ^`` and the backtick) are refused rather than encoded: a record's
    URL is the publisher's, and changing it would be inventing one: so it is not
    normalised to NFC either (a server may tell the two spellings apart).
    """
    invisible = next(
        (
            i
            for i, c in enumerate(value)
            if _is_surrogate(c) or _matches(rf"^[{_URL_INVISIBLE}]$", c)
        ),
        None,
    )
    if invisible is not None:
        char = value[invisible]
        msg = (
            "a URL must not contain whitespace, control, format, private-use or unassigned "
            f"characters; found {char!r} (U+{ord(char):04X}) at position {invisible}"
        )
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
    WrapValidator(_explained(_check_url, normalise=False)),
    WithJsonSchema({"type": "string", "format": "uri", "pattern": "^https?://[^\\s]+$"}),
]


def canonical_tag(code: str) -> str:
    """The canonical BCP 47 tag of an ISO 639 code or a tag in any case.

    The language registry's module is imported by the first call, not at start.

    Raises:
        InvalidLanguageError: ``code`` is not a valid tag or code.
    """
    from migrantres._records.languages import to_bcp47  # noqa: PLC0415 - on first use

    return to_bcp47(code)


class _CanonicalTag:
    """Validate text as a language tag and make it a canonical BCP 47 tag.

    The same as ``AfterValidator(to_bcp47)``, except that the language registry's
    module is imported when a model's validator is built, on first validation, not
    when the models are defined: the verified bundled data never needs it.
    """

    def __get_pydantic_core_schema__(
        self,
        source: Any,  # noqa: ANN401 - pydantic's signature
        handler: GetCoreSchemaHandler,
    ) -> core_schema.CoreSchema:
        from migrantres._records.languages import to_bcp47  # noqa: PLC0415 - on first build

        return core_schema.no_info_after_validator_function(to_bcp47, handler(source))


LanguageTag = Annotated[
    str,
    _CanonicalTag(),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": "^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$",
            "description": "A BCP 47 language tag in canonical form, e.g. 'en' or 'pt-BR'.",
        }
    ),
]
