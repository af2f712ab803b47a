"""The records of the catalogue: frozen, strictly validated pydantic models.

Every model is immutable (``frozen=True``) and refuses unknown keys (``extra="forbid"``).
Validation normalises text to Unicode NFC and language codes to canonical BCP 47 tags
(RFC 5646), and rejects, rather than repairs, anything else that is wrong: stray
whitespace, control characters, URLs that are not http(s), dates that do not exist.
"""

import enum
from typing import Any, Self

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    computed_field,
    field_validator,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

from migrantres._records.dates import PartialDate
from migrantres._records.text import (
    ID_PATTERN,
    SHA256_PATTERN,
    LanguageTag,
    Line,
    Paragraphs,
    Text,
    Url,
    canonical_tag,
)
from migrantres._records.vocab import DateKind, ResourceType
from migrantres.exceptions import InvalidLanguageError

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

# defer_build: a model's validator is built on first validation, not at import, so
# importing the package stays cheap and the verified bundled data never needs one. So
# too, annotations here are objects: pydantic would evaluate text at import (no __future__).
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
    source_value: Text = Field(
        description="The value as the source text gives it, before the correction.",
        examples=["Supply Chains"],
    )
    value: Text = Field(description="The corrected value, as the record now holds it.")
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
    source_text: Text = Field(description="The line as the source text gives it.")
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
        pattern=SHA256_PATTERN, description="SHA-256 of that file, in lower-case hex."
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


_LANGUAGES_DOC = (
    "Every language the resource is available in, as BCP 47 tags, in order of first "
    "mention. Derived from `availability`: written in every dump, and read back only "
    "if it is exactly what `availability` gives."
)


def _languages_in_input(schema: dict[str, Any]) -> None:
    """List the derived ``languages`` as an optional, read-only input, so dumps validate."""
    schema["properties"].setdefault(
        "languages",
        {
            "description": _LANGUAGES_DOC,
            "items": {"type": "string"},
            "readOnly": True,
            "title": "Languages",
            "type": "array",
        },
    )


class Resource(BaseModel):
    """One resource of the catalogue: a report, guidance, tool, commitment or platform.

    >>> import migrantres
    >>> resource = migrantres.load()["migrant-workers-fair-recruitment-treatment-guidelines"]
    >>> resource.launch_date, resource.languages
    (PartialDate('2019-12-10'), ('en',))
    """

    model_config = ConfigDict(**_FROZEN, json_schema_extra=_languages_in_input)

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
    def _prepare(cls, data: Any) -> Any:  # noqa: ANN401 - pydantic hands raw input
        """Default the type label from the type; check, then drop, the derived languages."""
        if not isinstance(data, dict):
            return data
        if "type_label" not in data and "type" in data:
            try:
                label = ResourceType(data["type"]).label
            except (ValueError, TypeError):
                # The type's own error says what is wrong; a missing label is not news.
                label = str(data["type"])
            data = {**data, "type_label": label}
        if "languages" in data:
            data = dict(data)
            _check_languages(data.pop("languages"), data.get("availability", ()))
        return data

    @model_validator(mode="after")
    def _label_names_type(self) -> Self:
        if ResourceType.from_label(self.type_label) is not self.type:
            msg = (
                f"type_label {self.type_label!r} is not a spelling of type {self.type.value!r}; "
                f"known spellings: {', '.join(map(repr, self.type.spellings))}"
            )
            raise ValueError(msg)
        return self

    @computed_field(description=_LANGUAGES_DOC, examples=[["en", "fr"]])  # type: ignore[prop-decorator]
    @property
    def languages(self) -> tuple[str, ...]:
        """Every language the resource is available in, in order of first mention."""
        return tuple(dict.fromkeys(tag for entry in self.availability for tag in entry.languages))

    def _view(self, form: str) -> str:
        """The notebook view, ``"html"`` or ``"markdown"``, of the values the record labels."""
        from migrantres._records import display  # noqa: PLC0415 - only notebooks need it

        organizations = "; ".join(
            org.name + (f" ({org.acronym})" if org.acronym else "") for org in self.organizations
        )
        date = "" if self.launch_date is None else str(self.launch_date)
        links = tuple((display.link_label(a.languages), a.url) for a in self.availability)
        fields = (
            ("id", self.id),
            ("title", self.title),
            ("type", f"{self.type.value} ({self.type_label})"),
            ("jurisdiction", self.jurisdiction),
            ("organizations", organizations),
            (f"{self.date_kind.value} date", date),
            ("languages", ", ".join(self.languages)),
        )
        view = display.RecordView(self.title, fields, self.description.split("\n\n"), links)
        return display.record_html(view) if form == "html" else display.record_markdown(view)

    def _repr_html_(self) -> str:
        """The notebook view: the fields, description and links, escaped."""
        return self._view("html")

    def _repr_markdown_(self) -> str:
        """The notebook view in Markdown."""
        return self._view("markdown")

    def __repr__(self) -> str:
        """Return a short form: id, type and date."""
        date = None if self.launch_date is None else str(self.launch_date)
        return f"Resource(id={self.id!r}, type={self.type.value!r}, launch_date={date!r})"


def _given_tags(availability: object) -> list[object] | None:
    """The language tags of raw availability entries, each once; ``None`` if unreadable."""
    if isinstance(availability, str | bytes) or not isinstance(availability, list | tuple):
        return None
    tags: dict[object, None] = {}
    for entry in availability:
        if isinstance(entry, Availability):
            languages: object = entry.languages
        elif isinstance(entry, dict):
            languages = entry.get("languages", ())
        else:
            return None
        if isinstance(languages, str | bytes) or not isinstance(languages, list | tuple):
            return None
        try:
            tags.update(dict.fromkeys(languages))
        except TypeError:  # an unhashable tag: availability's own check reports it
            return None
    return list(tags)


def _canonical(tags: list[object] | tuple[object, ...]) -> list[str] | None:
    """The tags as canonical BCP 47 tags, in order; ``None`` if one is not a tag."""
    canonical = []
    for tag in tags:
        if not isinstance(tag, str):
            return None
        try:
            canonical.append(canonical_tag(tag))
        except InvalidLanguageError:
            return None
    return canonical


def _check_languages(given: object, availability: object) -> None:
    """Refuse ``languages`` given with a record unless it is what availability gives.

    A dump's own tags are compared as they are; other spellings ("ENG", "fra") are
    made canonical first. If availability cannot be read, its own validation reports
    why, and there is nothing to compare with.

    Raises:
        ValidationError: the tags differ, located at ``languages``.
    """
    raw = _given_tags(availability)
    if raw is None:
        return
    listed = given if isinstance(given, list | tuple) else None
    if listed is not None and list(listed) == raw:  # a dump's own tags
        return
    canonical = _canonical(raw)
    if canonical is None:
        return
    derived = list(dict.fromkeys(canonical))
    if listed is not None and _canonical(listed) == derived:
        return
    error = PydanticCustomError(
        "derived_mismatch",
        "{given} is not {derived}, the languages of availability; languages is "
        "derived from availability: leave it out, or give exactly that",
        {"given": repr(given), "derived": repr(derived)},
    )
    details = InitErrorDetails(type=error, loc=("languages",), input=given)
    raise ValidationError.from_exception_data("Resource", [details])
