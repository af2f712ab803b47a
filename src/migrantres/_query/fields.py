"""The fields a query, a sort or a grouping can name, and how each one's values compare.

Multi-valued fields (``organizations``, ``languages``, ``urls``) match when any of
their values matches.

Two rules for case. On a **categorical** field (``type``, ``date_kind``,
``jurisdiction``, ``organizations``, ``languages``) case never matters: every lookup,
grouping and count compares values as Unicode's canonical caseless match does (The
Unicode Standard, D145), and the ``i`` lookups also ignore accents. On **free text**
(``id``, ``title``, ``type_label``, ``description``, ``urls``) case matters, except in
the ``i`` lookups, which ignore case and accents.
"""

from __future__ import annotations

import enum
import operator
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final, NamedTuple

from migrantres._records.folding import caseless, fold
from migrantres._records.vocab import DateKind, ResourceType
from migrantres.exceptions import UnknownFieldError

if TYPE_CHECKING:
    from collections.abc import Callable, Hashable, Mapping

    from migrantres._records.models import Resource

__all__ = [
    "COMPARE",
    "COMPARISONS",
    "DATE_TRANSFORMS",
    "FIELDS",
    "LOOKUPS",
    "TRANSFORM_OPS",
    "FieldSpec",
    "Kind",
    "field_spec",
]


class Kind(enum.Enum):
    """How a field's values are compared."""

    TEXT = "text"
    ENUM = "enum"
    DATE = "date"
    ORGANIZATIONS = "organizations"
    LANGUAGES = "languages"
    URLS = "urls"


COMPARISONS: Final = ("gt", "gte", "lt", "lte")
_TEXT_OPS: Final = ("exact", "iexact", "in", "contains", "icontains", "startswith")
DATE_TRANSFORMS: Final = ("year", "month")
TRANSFORM_OPS: Final = ("exact", "in", *COMPARISONS, "range")

#: The lookups each kind of field supports.
LOOKUPS: Final[Mapping[Kind, tuple[str, ...]]] = MappingProxyType(
    {
        Kind.TEXT: (*_TEXT_OPS, *COMPARISONS, "isnull"),
        Kind.ENUM: (*_TEXT_OPS, "isnull"),
        Kind.DATE: ("exact", "in", *COMPARISONS, "range", "isnull", *DATE_TRANSFORMS),
        Kind.ORGANIZATIONS: (*_TEXT_OPS, "isnull"),
        Kind.LANGUAGES: ("exact", "iexact", "in", "isnull"),
        Kind.URLS: (*_TEXT_OPS, "isnull"),
    }
)

COMPARE: Final[Mapping[str, Callable[[Any, Any], bool]]] = MappingProxyType(
    {"gt": operator.gt, "gte": operator.ge, "lt": operator.lt, "lte": operator.le}
)


class FieldSpec(NamedTuple):
    """A field that queries, sorting and grouping can name.

    (A named tuple rather than a dataclass: it is made at import, for a tenth of the cost.)
    """

    #: The field's name, as in the lookups.
    name: str
    #: How its values compare.
    kind: Kind
    #: The value (or, for multi-valued fields, the tuple of values) of a resource.
    get: Callable[[Resource], Any]
    #: What the field holds, for documentation and error messages.
    doc: str
    #: The enumeration, for enumerated fields.
    enum: type[enum.StrEnum] | None = None
    #: Whether equality lookups are answered from an index.
    indexed: bool = False
    #: Whether the field is categorical: its values compare without regard to case.
    categorical: bool = False

    @property
    def multi(self) -> bool:
        """Whether the field holds several values."""
        return self.kind in {Kind.ORGANIZATIONS, Kind.LANGUAGES, Kind.URLS}

    def index_keys(self, resource: Resource) -> tuple[Hashable, ...]:
        """The keys under which the field's equality index files a resource.

        A categorical text field files each value under its caseless key, for
        ``exact`` and ``in``, and under ``("fold", key)``, for ``iexact``.
        """
        value = self.get(resource)
        if self.kind is Kind.ORGANIZATIONS:
            strings = {s for org in value for s in (org.name, org.acronym) if s}
            return tuple({k for s in strings for k in (caseless(s), ("fold", fold(s)))})
        if self.kind is Kind.LANGUAGES:
            return tuple(tag.lower() for tag in value)
        if self.kind is Kind.TEXT and self.categorical:
            return (caseless(value), ("fold", fold(value)))
        return (value,)


def _organizations(resource: Resource) -> Any:  # noqa: ANN401 - a tuple of models
    return resource.organizations


FIELDS: Final[Mapping[str, FieldSpec]] = MappingProxyType(
    {
        spec.name: spec
        for spec in (
            FieldSpec("id", Kind.TEXT, lambda r: r.id, "the resource's stable id", indexed=True),
            FieldSpec("title", Kind.TEXT, lambda r: r.title, "the title"),
            FieldSpec(
                "type",
                Kind.ENUM,
                lambda r: r.type,
                "the normalised type (a ResourceType)",
                enum=ResourceType,
                indexed=True,
                categorical=True,
            ),
            FieldSpec(
                "type_label", Kind.TEXT, lambda r: r.type_label, "the type as the source spells it"
            ),
            FieldSpec(
                "jurisdiction",
                Kind.TEXT,
                lambda r: r.jurisdiction,
                "the jurisdiction",
                indexed=True,
                categorical=True,
            ),
            FieldSpec(
                "organizations",
                Kind.ORGANIZATIONS,
                _organizations,
                "the organizations, matched by name or acronym",
                indexed=True,
                categorical=True,
            ),
            FieldSpec(
                "launch_date", Kind.DATE, lambda r: r.launch_date, "the date (a PartialDate)"
            ),
            FieldSpec(
                "date_kind",
                Kind.ENUM,
                lambda r: r.date_kind,
                "what the date means (a DateKind)",
                enum=DateKind,
                categorical=True,
            ),
            FieldSpec("description", Kind.TEXT, lambda r: r.description, "the description"),
            FieldSpec(
                "languages",
                Kind.LANGUAGES,
                lambda r: r.languages,
                "the languages of every availability entry (BCP 47 tags)",
                indexed=True,
                categorical=True,
            ),
            FieldSpec(
                "urls",
                Kind.URLS,
                lambda r: tuple(a.url for a in r.availability),
                "the URLs of every availability entry",
            ),
        )
    }
)

#: Fields of Resource that queries cannot name, and what to name instead.
_NOT_QUERYABLE: Final = MappingProxyType(
    {
        "availability": "query 'languages' or 'urls' instead",
        "provenance": "use a callable, e.g. lambda r: r.provenance is not None",
    }
)


def field_spec(name: object, *, purpose: str = "query") -> FieldSpec:
    """The spec of a queryable field; an :class:`UnknownFieldError` naming the nearest."""
    if not isinstance(name, str):
        msg = f"a field name must be a str, not {type(name).__name__}"
        raise TypeError(msg)
    spec = FIELDS.get(name)
    if spec is None:
        if name in _NOT_QUERYABLE:
            raise UnknownFieldError(
                name, FIELDS, reason=f"cannot {purpose} it; {_NOT_QUERYABLE[name]}"
            )
        raise UnknownFieldError(name, FIELDS)
    return spec
