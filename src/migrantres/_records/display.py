r"""One record's view in a notebook: its fields, description and links, escaped.

Text from the data is never trusted: in HTML it is escaped with :func:`html.escape`
(a description holding ``<script>`` renders as text), links are made only from the
records' own http(s) URLs, and no script or style is emitted. In Markdown, characters
that would start markup (``\ ` * _ [ ] < > | ~ #`` and ``&``) are escaped, and line
breaks become spaces, so a value never adds structure.
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING, Final, NamedTuple
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

__all__ = [
    "RecordView",
    "link_label",
    "links_html",
    "markdown_escape",
    "record_html",
    "record_markdown",
]

_MARKDOWN_SPECIAL: Final = re.compile(r"([\\`*_\[\]|~#])")


def markdown_escape(text: str) -> str:
    r"""Text safe inside a Markdown table cell.

    >>> markdown_escape("<script>alert('x')</script> | *bold*")
    "&lt;script&gt;alert('x')&lt;/script&gt; \\| \\*bold\\*"
    """
    text = html.escape(" ".join(text.split()), quote=False)
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


class RecordView(NamedTuple):
    """What a record's view shows, as plain text: the record decides, this module escapes."""

    #: The heading.
    title: str
    #: (label, value) pairs, in order.
    fields: Sequence[tuple[str, str]]
    #: The description's paragraphs.
    paragraphs: Sequence[str]
    #: (label, URL) pairs, one per link.
    links: Sequence[tuple[str, str]]


def _safe_url(url: str) -> str | None:
    """The URL, escaped for an attribute, when it is http(s); otherwise nothing."""
    if urlsplit(url).scheme not in {"http", "https"}:
        return None
    return html.escape(url, quote=True)


def link_label(languages: Sequence[str]) -> str:
    """A link's label: its languages, or "link" when the source names none."""
    return ", ".join(languages) or "link"


def links_html(links: Iterable[tuple[str, str]]) -> str:
    """Escaped ``<a>`` elements for the (label, URL) pairs whose URL is http(s)."""
    anchors = []
    for label, url in links:
        href = _safe_url(url)
        if href is not None:
            anchors.append(f'<a href="{href}" rel="noopener noreferrer">{html.escape(label)}</a>')
    return " ".join(anchors)


def record_html(view: RecordView) -> str:
    """One record as an HTML table of its fields, its description and links."""
    rows = "".join(
        f"<tr><th>{html.escape(label)}</th><td>{html.escape(value)}</td></tr>"
        for label, value in view.fields
    )
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in view.paragraphs)
    return (
        f"<table><tbody>{rows}<tr><th>links</th><td>{links_html(view.links)}</td></tr>"
        f"</tbody></table>{paragraphs}"
    )


def record_markdown(view: RecordView) -> str:
    """One record in Markdown: its fields (all but the last), description and links."""
    lines = [f"**{markdown_escape(view.title)}**", ""]
    lines.extend(f"- {label}: {markdown_escape(value)}" for label, value in view.fields[:-1])
    lines.append("")
    lines.extend(markdown_escape(p) + "\n" for p in view.paragraphs)
    for label, url in view.links:
        if urlsplit(url).scheme in {"http", "https"}:
            target = url.replace("<", "%3C").replace(">", "%3E")
            lines.append(f"- [{markdown_escape(label)}](<{target}>)")
    return "\n".join(lines) + "\n"
