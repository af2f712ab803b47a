"""Plain-text rendering for terminals: a table that fits the width, and a full record."""

from __future__ import annotations

import textwrap
import unicodedata
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

    from migrantres._records.models import Resource

__all__ = ["record_text", "table", "width_of"]

_ELLIPSIS = "…"
_GAP = "  "
_STACK_INDENT = "    "


def width_of(text: str) -> int:
    """Columns ``text`` takes in a terminal: wide East Asian characters take two."""
    return sum(
        0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1
        for c in text
    )


def _fit(text: str, width: int) -> str:
    """``text`` cut to ``width`` columns, ending in an ellipsis when cut."""
    if width_of(text) <= width:
        return text
    out, used = [], 0
    for char in text:
        w = width_of(char)
        if used + w > width - 1:
            break
        out.append(char)
        used += w
    return "".join(out) + _ELLIPSIS


def _pad(text: str, width: int) -> str:
    return text + " " * (width - width_of(text))


def table(
    headers: Sequence[str], rows: Sequence[Sequence[str]], *, width: int, min_last: int = 24
) -> str:
    """A left-aligned table no wider than ``width``; the last column is cut to fit.

    When the last column would get fewer than ``min_last`` columns, the first column
    gets a line of its own and the others go on an indented line under it, so the
    layout holds at any width and the first column (the id) is not cut unless it alone
    is wider than the terminal.

    >>> print(table(["id", "title"], [["a", "A long title"]], width=14, min_last=4))
    id  title
    a   A long ti…
    >>> rows = [["an-id", "2015", "A long title"]]
    >>> print(table(["id", "date", "title"], rows, width=16, min_last=6))
    id
        date  title
    an-id
        2015  A lon…
    """
    # Tabs and newlines in data would break the layout: show them as spaces.
    cells = [[" ".join(str(cell).split()) for cell in row] for row in [headers, *rows]]
    return "\n".join(
        line.rstrip() for group in _row_lines(cells, width, min_last) for line in group
    )


def _row_lines(cells: list[list[str]], width: int, min_last: int) -> list[list[str]]:
    """Each row of ``cells`` (headers first) as the lines it takes."""
    widths = [max(width_of(row[i]) for row in cells) for i in range(len(cells[0]))]
    room = width - sum(widths[:-1]) - len(_GAP) * (len(widths) - 1)
    if len(widths) == 1 or room >= min(min_last, widths[-1]):
        return [
            [
                "".join(_pad(c, w) + _GAP for c, w in zip(row[:-1], widths, strict=False))
                + _fit(row[-1], max(room, 2))
            ]
            for row in cells
        ]
    rest = _row_lines([row[1:] for row in cells], width - len(_STACK_INDENT), min_last)
    return [
        [_fit(row[0], width), *(_STACK_INDENT + line for line in more)]
        for row, more in zip(cells, rest, strict=True)
    ]


def record_text(resource: Resource, *, width: int) -> str:
    """All of a record's fields as labelled, wrapped text."""
    date = "—" if resource.launch_date is None else str(resource.launch_date)
    organizations = "; ".join(
        org.name + (f" ({org.acronym})" if org.acronym else "") for org in resource.organizations
    )
    rows = [
        ("id", resource.id),
        ("title", resource.title),
        ("type", f"{resource.type.value} ({resource.type_label})"),
        ("jurisdiction", resource.jurisdiction),
        ("organizations", organizations),
        (resource.date_kind.value + " date", date),
    ]
    label_width = max(len(label) for label, _ in rows)
    body_width = max(width - label_width - len(_GAP), 20)
    indent = " " * (label_width + len(_GAP))
    lines = []
    for label, value in rows:
        wrapped = textwrap.wrap(value, body_width) or [""]
        lines.append(f"{label:<{label_width}}{_GAP}{wrapped[0]}")
        lines.extend(indent + more for more in wrapped[1:])
    lines.append("")
    for paragraph in resource.description.split("\n\n"):
        lines.extend(textwrap.wrap(paragraph, width))
        lines.append("")
    lines.append("available:" if resource.availability else "available: (no links given)")
    for entry in resource.availability:
        languages = ", ".join(entry.languages) or "language not given"
        lines.append(f"  [{languages}] {entry.url}")
    if resource.provenance is not None:
        prov = resource.provenance
        lines.append("")
        lines.append(
            f"source: {prov.file}, lines {prov.first_line}-{prov.last_line} ({prov.section})"
        )
        lines.extend(f"  repaired: {r.detail} (line {r.line})" for r in prov.repairs)
        lines.extend(
            f"  corrected {c.field}: {c.source_value!r} -> {c.value!r}" for c in prov.corrections
        )
    return "\n".join(lines)
