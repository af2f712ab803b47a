"""Tables of many records for notebooks and documents: Markdown and HTML, data escaped.

The escaping rules are those of a single record's view (:mod:`migrantres._records.display`):
HTML is escaped with :func:`html.escape`, links are made only from the records' own
http(s) URLs, no script or style is emitted, and a Markdown cell never breaks the table.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Final

from migrantres._records.display import link_label, links_html, markdown_escape

if TYPE_CHECKING:
    from collections.abc import Sequence

    from migrantres._records.models import Resource

__all__ = ["MAX_ROWS", "markdown_table", "table_html"]

#: Notebook views show at most this many rows, then say how many more there are.
MAX_ROWS: Final = 50
_HEADERS: Final = ("id", "date", "type", "title", "organizations", "languages")


def _cells(resource: Resource) -> tuple[str, ...]:
    return (
        resource.id,
        "" if resource.launch_date is None else str(resource.launch_date),
        resource.type.value,
        resource.title,
        "; ".join(org.acronym or org.name for org in resource.organizations),
        ", ".join(resource.languages),
    )


def markdown_table(resources: Sequence[Resource], *, limit: int | None = None) -> str:
    """A Markdown table: id, date, type, title, organizations, languages."""
    shown = resources if limit is None else resources[:limit]
    lines = [
        "| " + " | ".join(_HEADERS) + " |",
        "|" + "|".join("---" for _ in _HEADERS) + "|",
    ]
    lines.extend("| " + " | ".join(markdown_escape(c) for c in _cells(r)) + " |" for r in shown)
    if len(shown) < len(resources):
        lines.append(f"\n… and {len(resources) - len(shown)} more")
    return "\n".join(lines) + "\n"


def table_html(resources: Sequence[Resource], *, limit: int = MAX_ROWS, caption: str = "") -> str:
    """A plain HTML table of the resources, with their links; no scripts, no styles."""
    shown = resources[:limit]
    head = "".join(f"<th>{html.escape(h)}</th>" for h in (*_HEADERS, "links"))
    rows = [
        "<tr>"
        + "".join(f"<td>{html.escape(cell)}</td>" for cell in _cells(r))
        + f"<td>{links_html((link_label(a.languages), a.url) for a in r.availability)}</td></tr>"
        for r in shown
    ]
    if len(shown) < len(resources):
        more = len(resources) - len(shown)
        rows.append(f'<tr><td colspan="{len(_HEADERS) + 1}">… and {more} more</td></tr>')
    caption_html = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    return (
        f"<table>{caption_html}<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )
