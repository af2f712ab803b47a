r"""Markdown and HTML tables for notebooks and documents, with every piece of data escaped.

Text from the data is never trusted: in HTML it is escaped with :func:`html.escape`
(a description holding ``<script>`` renders as text), links are made only from the
records' own http(s) URLs, and no script or style is emitted. In Markdown, characters
that would start markup (``\ ` * _ [ ] < > | ~ #`` and ``&``) are escaped, and line
breaks become spaces, so a cell never breaks the table.
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING, Final
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from collections.abc import Sequence

    from migrantres._models import Resource

__all__ = ["markdown_table", "resource_html", "resource_markdown", "table_html"]

#: Notebook views show at most this many rows, then say how many more there are.
MAX_ROWS: Final = 50
_HEADERS: Final = ("id", "date", "type", "title", "organizations", "languages")
_MARKDOWN_SPECIAL: Final = re.compile(r"([\\`*_\[\]|~#])")


def _cells(resource: Resource) -> tuple[str, ...]:
    return (
        resource.id,
        "" if resource.launch_date is None else str(resource.launch_date),
        resource.type.value,
        resource.title,
        "; ".join(org.acronym or org.name for org in resource.organizations),
        ", ".join(resource.languages),
    )


def markdown_escape(text: str) -> str:
    r"""Text safe inside a Markdown table cell.

    >>> markdown_escape("<script>alert('x')</script> | *bold*")
    "&lt;script&gt;alert('x')&lt;/script&gt; \\| \\*bold\\*"
    """
    text = html.escape(" ".join(text.split()), quote=False)
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


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


def _safe_url(url: str) -> str | None:
    """The URL, escaped for an attribute, when it is http(s); otherwise nothing."""
    if urlsplit(url).scheme not in {"http", "https"}:
        return None
    return html.escape(url, quote=True)


def _links(resource: Resource) -> str:
    links = []
    for entry in resource.availability:
        href = _safe_url(entry.url)
        label = html.escape(", ".join(entry.languages) or "link")
        if href is not None:
            links.append(f'<a href="{href}" rel="noopener noreferrer">{label}</a>')
    return " ".join(links)


def table_html(resources: Sequence[Resource], *, limit: int = MAX_ROWS, caption: str = "") -> str:
    """A plain HTML table of the resources, with their links; no scripts, no styles."""
    shown = resources[:limit]
    head = "".join(f"<th>{html.escape(h)}</th>" for h in (*_HEADERS, "links"))
    rows = [
        "<tr>"
        + "".join(f"<td>{html.escape(cell)}</td>" for cell in _cells(resource))
        + f"<td>{_links(resource)}</td></tr>"
        for resource in shown
    ]
    if len(shown) < len(resources):
        more = len(resources) - len(shown)
        rows.append(f'<tr><td colspan="{len(_HEADERS) + 1}">… and {more} more</td></tr>')
    caption_html = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    return (
        f"<table>{caption_html}<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def _fields(resource: Resource) -> list[tuple[str, str]]:
    return [
        ("id", resource.id),
        ("title", resource.title),
        ("type", f"{resource.type.value} ({resource.type_label})"),
        ("jurisdiction", resource.jurisdiction),
        (
            "organizations",
            "; ".join(
                org.name + (f" ({org.acronym})" if org.acronym else "")
                for org in resource.organizations
            ),
        ),
        (
            f"{resource.date_kind.value} date",
            "" if resource.launch_date is None else str(resource.launch_date),
        ),
        ("languages", ", ".join(resource.languages)),
    ]


def resource_html(resource: Resource) -> str:
    """One resource as an HTML table of its fields, its description and links."""
    rows = "".join(
        f"<tr><th>{html.escape(label)}</th><td>{html.escape(value)}</td></tr>"
        for label, value in _fields(resource)
    )
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in resource.description.split("\n\n"))
    return (
        f"<table><tbody>{rows}<tr><th>links</th><td>{_links(resource)}</td></tr></tbody></table>"
        f"{paragraphs}"
    )


def resource_markdown(resource: Resource) -> str:
    """One resource in Markdown: its fields, description and links."""
    lines = [f"**{markdown_escape(resource.title)}**", ""]
    lines.extend(f"- {label}: {markdown_escape(value)}" for label, value in _fields(resource)[:-1])
    lines.append("")
    lines.extend(markdown_escape(p) + "\n" for p in resource.description.split("\n\n"))
    for entry in resource.availability:
        if urlsplit(entry.url).scheme in {"http", "https"}:
            languages = markdown_escape(", ".join(entry.languages) or "link")
            target = entry.url.replace("<", "%3C").replace(">", "%3E")
            lines.append(f"- [{languages}](<{target}>)")
    return "\n".join(lines) + "\n"
