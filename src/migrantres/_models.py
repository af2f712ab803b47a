"""The records of the catalogue: frozen, strictly validated pydantic models.

Every model is immutable (``frozen=True``) and refuses unknown keys (``extra="forbid"``).
Validation normalises codes (language codes become canonical BCP 47 tags) and rejects,
rather than repairs, anything else that is wrong: stray whitespace, control characters,
URLs that are not http(s), dates that do not exist.
"""

from __future__ import annotations

import enum
import unicodedata
from typing import TYPE_CHECKING, Annotated, Any, Final
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    ValidatorFunctionWrapHandler,
    WithJsonSchema,
    WrapValidator,
    field_validator,
    model_validator,
)

from migrantres._dates import PartialDate

if TYPE_CHECKING:
    from collections.abc import Callable
from migrantres._languages import to_bcp47
from migrantres._vocab import DateKind, ResourceType

__all__ = [
    "Availability",
    "Correction",
    "Organization",
    "Provenance",
    "Repair",
    "RepairKind",
    "Resource",
    "SourceLocation",
]

ID_PATTERN: Final = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_SHA256_PATTERN: Final = r"^[0-9a-f]{64}$"
_PARAGRAPH_BREAK: Final = "\n\n"


def _is_control(char: str) -> bool:
    """Control, format, surrogate, private-use or unassigned, but not the joiner emoji use."""
    return unicodedata.category(char) in {"Cc", "Cf", "Cs", "Co", "Cn"} and char != "\u200d"


# Text is checked twice over: by a pattern that pydantic-core runs, which is fast, and,
# only when the pattern fails, by a Python function that says exactly what is wrong.
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


def _explained(
    check: Callable[[str], str],
) -> Callable[[object, ValidatorFunctionWrapHandler], str]:
    """Run pydantic-core's check; if it fails, let ``check`` say what is wrong."""

    def validate(value: object, handler: ValidatorFunctionWrapHandler) -> str:
        try:
            result: str = handler(value)
        except ValidationError:
            if isinstance(value, str):
                check(value)  # raises ValueError with the reason
            raise
        return result

    return validate


def _check_line(value: str) -> str:
    """Accept one line of text: not blank, no surrounding or doubled-up control characters."""
    if not value.strip():
        msg = "must not be empty or blank"
        raise ValueError(msg)
    if value != value.strip():
        msg = "must not start or end with whitespace"
        raise ValueError(msg)
    bad = next((c for c in value if _is_control(c) or c in "\n\r\t\u2028\u2029"), None)
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
    WrapValidator(_explained(_check_line)),
    WithJsonSchema({"type": "string", "minLength": 1}),
]
#: Paragraphs of text separated by a blank line.
Paragraphs = Annotated[
    str,
    StringConstraints(pattern=PARAGRAPHS_PATTERN),
    WrapValidator(_explained(_check_paragraphs)),
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
    if any(c.isspace() or _is_control(c) for c in value):
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
    WrapValidator(_explained(_check_url)),
    WithJsonSchema({"type": "string", "format": "uri", "pattern": "^https?://[^\\s]+$"}),
]


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

# defer_build: a model's validator is built on first validation, not at import, so
# importing the package stays cheap and the verified bundled data never needs one.
_FROZEN = ConfigDict(frozen=True, extra="forbid", validate_default=True, defer_build=True)


class Organization(BaseModel):
    """An organization behind a resource."""

    model_config = _FROZEN

    name: Line = Field(
        description="The organization's full name as the source gives it.",
        examples=["International Organization for Migration"],
    )
    acronym: Line | None = Field(
        default=None,
        description=(
            "The organization's acronym, only where the source gives one "
            "(the compendium's section heading 'International Organization for Migration (IOM)')."
        ),
        examples=["IOM"],
    )


class Availability(BaseModel):
    """Where a resource can be read, and in which languages."""

    model_config = _FROZEN

    languages: tuple[LanguageTag, ...] = Field(
        default=(),
        description=(
            "Languages of the document at this URL, as canonical BCP 47 tags "
            "(the compendium's 'ENG' is 'en'). Empty when the source names none."
        ),
        examples=[["en", "fr"]],
    )
    url: Url = Field(
        description="Absolute http(s) URL of the document, exactly as published.",
        examples=[
            "https://publications.iom.int/system/files/pdf/migrants_and_their_vulnerability.pdf"
        ],
    )

    @field_validator("languages", mode="after")
    @classmethod
    def _each_once(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        seen: set[str] = set()
        for tag in value:
            if tag in seen:
                msg = f"language {tag!r} is listed twice"
                raise ValueError(msg)
            seen.add(tag)
        return value


class Correction(BaseModel):
    """A reviewed correction of a value the source text gets wrong."""

    model_config = _FROZEN

    field: Line = Field(description="The corrected field of the record.", examples=["title"])
    source_value: str = Field(
        description="The value as the source text gives it, before the correction.",
        examples=["Supply Chains"],
    )
    value: str = Field(description="The corrected value, as the record now holds it.")
    reason: Line = Field(description="Why the source's value is wrong.")
    evidence: Line = Field(description="What establishes the corrected value.")


class RepairKind(enum.StrEnum):
    """Kinds of damage in extracted text that the parser repairs by rule."""

    #: A title under the section heading, with no "Name of Resource" label.
    UNLABELLED_TITLE = "unlabelled-title"
    #: A label cut short and run into its value ("Na me of Res Supply Chains").
    DAMAGED_LABEL = "damaged-label"
    #: A label written with look-alike letters of another script (Cyrillic "Туре").
    LOOKALIKE_LABEL = "lookalike-label"
    #: A line holding only a stray fragment of a label ("се"), skipped.
    LABEL_FRAGMENT = "label-fragment"
    #: A URL broken by a space, joined again.
    REJOINED_URL = "rejoined-url"


class Repair(BaseModel):
    """A rule-based repair the parser made to damaged source text."""

    model_config = _FROZEN

    kind: RepairKind = Field(description="The kind of damage repaired.")
    field: Line | None = Field(description="The field the repair concerns, if any.")
    line: int = Field(ge=1, description="1-based line number in the source text.")
    source_text: str = Field(description="The line as the source text gives it.")
    detail: Line = Field(description="What the parser did.")


class SourceLocation(BaseModel):
    """The lines of the source text a field's value comes from."""

    model_config = _FROZEN

    field: Line = Field(description="The record's field.", examples=["description"])
    first_line: int = Field(ge=1, description="1-based first line of the value.")
    last_line: int = Field(ge=1, description="1-based last line of the value.")


class Provenance(BaseModel):
    """Where a record comes from, and every change made to its source text."""

    model_config = _FROZEN

    document: Line = Field(description="The source document.")
    file: Line = Field(
        description="The copy of the source text the record was built from, in the repository.",
        examples=["upstream/osce-compendium-iom.txt"],
    )
    sha256: str = Field(
        pattern=_SHA256_PATTERN, description="SHA-256 of that file, in lower-case hex."
    )
    section: Line = Field(
        description="The section of the document holding the record.",
        examples=["International Organization for Migration (IOM)"],
    )
    first_line: int = Field(ge=1, description="1-based first line of the record in the file.")
    last_line: int = Field(ge=1, description="1-based last line of the record in the file.")
    locations: tuple[SourceLocation, ...] = Field(
        default=(), description="For each field, the lines its value comes from."
    )
    repairs: tuple[Repair, ...] = Field(
        default=(), description="Rule-based repairs of damaged text, in line order."
    )
    corrections: tuple[Correction, ...] = Field(
        default=(), description="Reviewed corrections applied to the parsed record."
    )


class Resource(BaseModel):
    """One resource of the catalogue: a report, guidance, tool, commitment or platform.

    >>> import migrantres
    >>> resource = migrantres.load()["migrant-workers-fair-recruitment-treatment-guidelines"]
    >>> resource.launch_date, resource.languages
    (PartialDate('2019-12-10'), ('en',))
    """

    model_config = _FROZEN

    id: str = Field(
        pattern=ID_PATTERN,
        max_length=100,
        description=("Stable kebab-case identifier. Never changes once released, never reused."),
        examples=["migrants-vulnerability-human-trafficking-modern-slavery-forced-labour"],
    )
    title: Line = Field(description="The resource's title ('Name of Resource').")
    type: ResourceType = Field(description="The kind of resource, normalised ('Type').")
    type_label: Line = Field(
        description=(
            "The type exactly as the source spells it; defaults to the usual spelling of `type`."
        ),
        examples=["Report / Analysis"],
    )
    jurisdiction: Line = Field(
        description=(
            "Where the resource applies ('Country / jurisdiction'), as the source gives it."
        ),
        examples=["Global", "OSCE area"],
    )
    organizations: tuple[Organization, ...] = Field(
        min_length=1, description="The organizations behind the resource ('Organization')."
    )
    launch_date: PartialDate | None = Field(
        default=None,
        description=(
            "When the resource was launched or published, at the precision the source gives; "
            "empty when the source gives no date."
        ),
    )
    date_kind: DateKind = Field(
        default=DateKind.LAUNCH,
        description=(
            "What the date means: 'launch' for 'Initiative launch date', "
            "'publication' for 'Date of publishing'."
        ),
    )
    description: Paragraphs = Field(
        description="What the resource is, in paragraphs separated by a blank line ('Description')."
    )
    availability: tuple[Availability, ...] = Field(
        default=(),
        description="Where to read the resource and in which languages ('Availability').",
    )
    provenance: Provenance | None = Field(
        default=None,
        description="Where the record comes from; empty for records made by hand.",
    )

    @model_validator(mode="before")
    @classmethod
    def _default_type_label(cls, data: Any) -> Any:  # noqa: ANN401 - pydantic hands raw input
        if isinstance(data, dict) and "type_label" not in data and "type" in data:
            try:
                label = ResourceType(data["type"]).label
            except (ValueError, TypeError):
                # The type's own error says what is wrong; a missing label is not news.
                label = str(data["type"])
            return {**data, "type_label": label}
        return data

    @model_validator(mode="after")
    def _label_names_type(self) -> Resource:
        if ResourceType.from_label(self.type_label) is not self.type:
            msg = (
                f"type_label {self.type_label!r} is not a spelling of type {self.type.value!r}; "
                f"known spellings: {', '.join(map(repr, self.type.spellings))}"
            )
            raise ValueError(msg)
        return self

    @property
    def languages(self) -> tuple[str, ...]:
        """Every language the resource is available in, in order of first mention."""
        return tuple(dict.fromkeys(tag for entry in self.availability for tag in entry.languages))

    def _repr_html_(self) -> str:
        """The notebook view: the fields, description and links, escaped."""
        from migrantres._render import resource_html  # noqa: PLC0415 - notebooks only

        return resource_html(self)

    def _repr_markdown_(self) -> str:
        """The notebook view in Markdown."""
        from migrantres._render import resource_markdown  # noqa: PLC0415 - notebooks only

        return resource_markdown(self)

    def __repr__(self) -> str:
        """Return a short form: id, type and date."""
        date = None if self.launch_date is None else str(self.launch_date)
        return f"Resource(id={self.id!r}, type={self.type.value!r}, launch_date={date!r})"
