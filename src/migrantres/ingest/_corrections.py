"""Reviewed corrections: read from their file, checked, and applied exactly once."""

from __future__ import annotations

import tomllib
from typing import TYPE_CHECKING, Any, Final

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from migrantres._records.models import Correction
from migrantres._records.text import Line
from migrantres._records.vocab import ResourceType
from migrantres.exceptions import CorrectionError, ParseError
from migrantres.ingest._ids import slugify

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

__all__ = ["CORRECTABLE", "CorrectionSpec", "apply_corrections", "load_corrections", "read_toml"]

#: Fields a correction may replace: those whose value is one piece of text.
#: ``organizations`` is corrected as the text the source gives, before it is split into
#: names: the corrected text separates the names with ";".
CORRECTABLE: Final = (
    "id",
    "title",
    "type_label",
    "jurisdiction",
    "organizations",
    "launch_date",
    "description",
)


class CorrectionSpec(BaseModel):
    """A reviewed correction, as written in the corrections file."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(description="The id of the corrected record, once corrected.")
    field: str = Field(description=f"The field to correct, one of: {', '.join(CORRECTABLE)}.")
    source_value: str = Field(description="The value the source text gives.")
    value: str = Field(description="The corrected value.")
    reason: Line = Field(description="Why the source's value is wrong.")
    evidence: Line = Field(description="What establishes the corrected value.")

    @field_validator("field")
    @classmethod
    def _correctable(cls, value: str) -> str:
        if value not in CORRECTABLE:
            msg = f"cannot correct {value!r}; correctable fields: {', '.join(CORRECTABLE)}"
            raise ValueError(msg)
        return value

    def applied(self) -> Correction:
        """The provenance entry this correction leaves on its record."""
        return Correction(
            field=self.field,
            source_value=self.source_value,
            value=self.value,
            reason=self.reason,
            evidence=self.evidence,
        )


def apply_corrections(
    values: dict[str, Any], specs: Sequence[CorrectionSpec], used: list[int]
) -> list[Correction]:
    """Apply the corrections whose source value this record has; note which were used.

    Corrections of text fields come first; the id is then made from the corrected title,
    and an ``id`` correction, if any, applies to that.
    """
    applied: list[CorrectionSpec] = []
    for pass_over_id in (False, True):
        if pass_over_id:
            values["id"] = slugify(values["title"])
        for number, spec in enumerate(specs):
            if (spec.field == "id") is pass_over_id and values.get(spec.field) == spec.source_value:
                values[spec.field] = spec.value
                applied.append(spec)
                used.append(number)
    corrected_type = ResourceType.from_label(values["type_label"])
    if corrected_type is not None:
        values["type"] = corrected_type.value
    for spec in applied:
        if spec.id != values["id"]:
            msg = (
                f"the correction of {spec.field!r} from {spec.source_value!r} names record "
                f"{spec.id!r}, but it applied to record {values['id']!r}"
            )
            raise CorrectionError(msg)
    return [spec.applied() for spec in applied]


def read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        msg = f"cannot read {path}: {exc}"
        raise ParseError(msg) from None
    except RecursionError:  # tomllib reads nested arrays and tables by recursion
        msg = f"cannot read {path}: TOML nested too deeply for a corrections file"
        raise ParseError(msg) from None


def load_corrections(path: Path) -> tuple[CorrectionSpec, ...]:
    """Read and check the corrections file."""
    entries = read_toml(path).get("correction", [])
    if not isinstance(entries, list):
        msg = f"{path}: 'correction' must be an array of tables ([[correction]])"
        raise CorrectionError(msg)
    specs = []
    for number, entry in enumerate(entries, start=1):
        try:
            specs.append(CorrectionSpec.model_validate(entry))
        except ValidationError as exc:
            msg = f"{path}: correction {number} is invalid: {exc}"
            raise CorrectionError(msg) from None
    return tuple(specs)
