"""Validation errors explained after the fact, so that valid records cost no Python call.

The text rules of :mod:`migrantres._records.text` run as patterns inside pydantic-core:
a valid record is checked without calling Python once per field. When a pattern
refuses a value, pydantic-core only says that it does not match; :func:`explained`
then runs the Python check that goes with the pattern on that value, and puts its
message in the error instead ("must be one line of printable text", and the character),
exactly as a validator raising ``ValueError`` would have. Models validated through
their own methods (``Resource(...)``, ``model_validate``, ``model_validate_json``)
explain their errors themselves (:class:`ExplainedModel`); readers that validate
through a ``TypeAdapter`` call :func:`explained`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Self

from pydantic import BaseModel, ConfigDict, ValidationError

from migrantres._records.text import EXPLANATIONS

if TYPE_CHECKING:
    from pydantic_core import InitErrorDetails

__all__ = ["ExplainedModel", "explained"]


def _explanation(error: dict[str, Any]) -> ValueError | None:
    """The check's own error for a value a text pattern refused, if it finds one."""
    if error["type"] != "string_pattern_mismatch":
        return None
    check = EXPLANATIONS.get(error.get("ctx", {}).get("pattern"))
    value = error.get("input")
    if check is None or not isinstance(value, str):
        return None
    try:
        check(value)
    except ValueError as exc:
        return exc
    return None


def explained(exc: ValidationError) -> ValidationError:
    """``exc`` with each refused text's reason in place of its pattern; or ``exc`` itself."""
    errors = exc.errors(include_url=False)
    reasons = [_explanation(dict(error)) for error in errors]
    if not any(reasons):
        return exc
    details: list[InitErrorDetails] = []
    for error, reason in zip(errors, reasons, strict=True):
        value = error.get("input")
        if reason is None:
            detail: InitErrorDetails = {"type": error["type"], "loc": error["loc"], "input": value}
            if "ctx" in error:
                detail["ctx"] = error["ctx"]
        else:
            detail = {
                "type": "value_error",
                "loc": error["loc"],
                "input": value,
                "ctx": {"error": reason},
            }
        details.append(detail)
    return ValidationError.from_exception_data(exc.title, details)


class ExplainedModel(BaseModel):
    """A model whose validation methods raise :func:`explained` errors."""

    # Built on first use like the models themselves: building a validator at import
    # would load pydantic's plugins (and importlib.metadata) at every start.
    model_config = ConfigDict(defer_build=True)

    def __init__(self, /, **data: Any) -> None:  # noqa: ANN401 - pydantic's signature
        """Validate ``data``, explaining refused text."""
        try:
            super().__init__(**data)
        except ValidationError as exc:
            raise explained(exc) from None

    # pydantic-core calls a model's own __init__ for every instance it validates, nested
    # ones included, unless the __init__ is marked as BaseModel's (as RootModel's is):
    # this one only explains errors, so validation may skip it.
    __init__.__pydantic_base_init__ = True  # type: ignore[attr-defined]

    @classmethod
    def model_validate(cls, *args: Any, **kwargs: Any) -> Self:  # noqa: ANN401
        """Validate a Python object, explaining refused text."""
        try:
            return super().model_validate(*args, **kwargs)
        except ValidationError as exc:
            raise explained(exc) from None

    @classmethod
    def model_validate_json(cls, *args: Any, **kwargs: Any) -> Self:  # noqa: ANN401
        """Validate JSON, explaining refused text."""
        try:
            return super().model_validate_json(*args, **kwargs)
        except ValidationError as exc:
            raise explained(exc) from None

    @classmethod
    def model_validate_strings(cls, *args: Any, **kwargs: Any) -> Self:  # noqa: ANN401
        """Validate strings, explaining refused text."""
        try:
            return super().model_validate_strings(*args, **kwargs)
        except ValidationError as exc:
            raise explained(exc) from None
