"""Tables of many records for notebooks and documents: Markdown and HTML, data escaped.

The escaping rules are those of a single record's view (:mod:`migrantres._records.display`):
HTML is escaped with :func:`html.escape`, links are made only from the records' own
http(s) URLs, no script or style element is emitted (the styles are inline, on the
table's own elements), and a Markdown cell never breaks the table.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Final

from migrantres._records.display import (
    CELL_STYLE,
    HEAD_STYLE,
    WHOLE_STYLE,
    identifier_html,
    link_label,
    links_html,
    markdown_escape,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

    from migrantres._records.models import Resource

__all__ = ["MAX_ROWS", "markdown_table", "summary_cells", "table_html"]

#: Notebook views show at most this many rows, then say how many more there are.
MAX_ROWS: Final = 50
_HEADERS: Final = ("id", "date", "type", "title", "organizations", "languages")


def summary_cells(resource: Resource) -> tuple[str, ...]:
    """A row of a table of many records: id, date, type, title, organizations, languages."""
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
    lines.extend(
        "| " + " | ".join(markdown_escape(c) for c in summary_cells(r)) + " |" for r in shown
    )
    if len(shown) < len(resources):
        lines.append(f"\n… and {len(resources) - len(shown)} more")
    return "\n".join(lines) + "\n"


#: The HTML table's columns: the languages are the links to the documents in them.
_HTML_HEADERS: Final = ("id", "date", "type", "title", "organizations", "languages")


def table_html(resources: Sequence[Resource], *, limit: int = MAX_ROWS, caption: str = "") -> str:
    """An HTML table of the resources, with their links; no scripts, no style elements.

    The columns are id, date, type, title, organizations and languages, each document's
    languages a link to it. Text is on the left and at the top of its row, whatever the
    front end's own table style. Dates are never broken, language codes never inside a
    code. Ids are monospaced in a narrow column, wrapped to fill it (the breaks are the
    browser's: a copy holds the id whole, and one click selects it), so that the title
    gets the room.
    """
    shown = resources[:limit]
    head = "".join(f'<th style="{HEAD_STYLE}">{html.escape(h)}</th>' for h in _HTML_HEADERS)
    rows = [
        "<tr>"
        f'<td style="{CELL_STYLE};width:13em;min-width:8em">{identifier_html(r.id)}</td>'
        f'<td style="{WHOLE_STYLE}">{html.escape(date)}</td>'
        f'<td style="{CELL_STYLE}">{html.escape(kind)}</td>'
        f'<td style="{CELL_STYLE};min-width:16em">{html.escape(title)}</td>'
        f'<td style="{CELL_STYLE}">{html.escape(organizations)}</td>'
        f'<td style="{CELL_STYLE}">'
        f"{links_html((link_label(a.languages), a.url) for a in r.availability)}</td>"
        "</tr>"
        for r in shown
        for _, date, kind, title, organizations, _ in [summary_cells(r)]
    ]
    if len(shown) < len(resources):
        more = len(resources) - len(shown)
        rows.append(
            f'<tr><td colspan="{len(_HTML_HEADERS)}" style="{CELL_STYLE}">'
            f"… and {more} more</td></tr>"
        )
    caption_html = (
        f'<caption style="text-align:left;caption-side:top">{html.escape(caption)}</caption>'
        if caption
        else ""
    )
    return (
        f'<div class="migrantres-catalogue"><table>{caption_html}<thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )
