"""The catalogue as a pandas DataFrame; pandas is an optional dependency."""

from __future__ import annotations

from typing import TYPE_CHECKING

from migrantres.exceptions import MissingDependencyError

if TYPE_CHECKING:
    from collections.abc import Sequence

    import pandas as pd

    from migrantres._records.models import Resource

__all__ = ["to_dataframe"]

_TEXT_COLUMNS = (
    "id",
    "title",
    "type",
    "type_label",
    "jurisdiction",
    "launch_date",
    "precision",
    "date_kind",
    "description",
)


def to_dataframe(resources: Sequence[Resource]) -> pd.DataFrame:
    """One row per resource, with typed columns; pandas is imported only here."""
    try:
        import pandas  # noqa: ICN001, PLC0415 - optional and slow: imported only when asked for
    except ImportError:
        raise MissingDependencyError("pandas", "pandas", "to_dataframe()") from None
    columns: dict[str, list[object]] = {
        "id": [],
        "title": [],
        "type": [],
        "type_label": [],
        "jurisdiction": [],
        "organizations": [],
        "acronyms": [],
        "launch_date": [],
        "year": [],
        "precision": [],
        "date_kind": [],
        "languages": [],
        "urls": [],
        "description": [],
    }
    for r in resources:
        date = r.launch_date
        columns["id"].append(r.id)
        columns["title"].append(r.title)
        columns["type"].append(r.type.value)
        columns["type_label"].append(r.type_label)
        columns["jurisdiction"].append(r.jurisdiction)
        columns["organizations"].append([org.name for org in r.organizations])
        columns["acronyms"].append([org.acronym for org in r.organizations])
        columns["launch_date"].append(None if date is None else date.isoformat())
        columns["year"].append(None if date is None else date.year)
        columns["precision"].append(None if date is None else date.precision.value)
        columns["date_kind"].append(r.date_kind.value)
        columns["languages"].append(list(r.languages))
        columns["urls"].append([a.url for a in r.availability])
        columns["description"].append(r.description)
    frame = pandas.DataFrame(columns)
    frame["year"] = frame["year"].astype("Int64")
    for text in _TEXT_COLUMNS:
        frame[text] = frame[text].astype("string")
    return frame
