r"""One record's view in a notebook: its fields, description and links, escaped.

Text from the data is never trusted: in HTML it is escaped with :func:`html.escape`
(a description holding ``<script>`` renders as text), links are made only from the
records' own http(s) URLs, and no script or style element is emitted (the few styles
are inline, on the view's own elements). In Markdown (:func:`markdown_escape`), a
backslash goes before each character that would start CommonMark structure, and before
nothing else, so a value never adds structure and the raw text stays readable
(``H&M Group`` is written as it is).
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING, Final, NamedTuple
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

__all__ = [
    "CELL_STYLE",
    "HEAD_STYLE",
    "ID_STYLE",
    "NOWRAP_STYLE",
    "WHOLE_STYLE",
    "RecordView",
    "identifier_html",
    "languages_html",
    "link_label",
    "links_html",
    "markdown_escape",
    "record_html",
    "record_markdown",
]

# Characters that start inline markup wherever they are: backslash escapes, code spans,
# emphasis, links and images, strikethrough (GFM), table cells (GFM) and math ($, in
# Jupyter's renderer).
_MARKDOWN_INLINE: Final = re.compile(r"([\\`*\[\]~|$])")
# "_" makes emphasis unless it sits inside a word (CommonMark's flanking rules).
_MARKDOWN_UNDERSCORE: Final = re.compile(r"(?<![^\W_])_+|_+(?![^\W_])")
# "<" starts an HTML tag, comment or autolink only before a letter, "/", "!" or "?";
# "&" starts a character reference only as "&name;", "&#123;" or "&#x1F;".
_MARKDOWN_HTML: Final = re.compile(
    r"<(?=[A-Za-z/!?])|&(?=#[0-9]{1,7};|#[xX][0-9A-Fa-f]{1,6};|[A-Za-z][A-Za-z0-9]{0,31};)"
)
# What starts a block at the start of a line: a heading, a quote, a bullet or ordered
# list item, a thematic break ("---", "- - -", "___"). Code fences and HTML blocks start
# with characters escaped everywhere; indented code cannot start, as the text is stripped.
_MARKDOWN_BLOCK: Final = re.compile(r"^(?:#{1,6}(?=\s|$)|>|[-+](?=\s|$)|-(?=(?:\s*-){2,}\s*$))")
_MARKDOWN_ORDERED: Final = re.compile(r"^([0-9]{1,9})([.)])(?=\s|$)")


def markdown_escape(text: str) -> str:
    r"""Text as one line of CommonMark that renders as exactly this text, and no structure.

    Runs of whitespace become one space. A backslash (CommonMark's escape for ASCII
    punctuation) goes before what would otherwise be markup: anywhere, ``\ ` * [ ] ~ |``
    and ``$``, ``_`` outside a word, ``<`` before a tag or autolink, ``&`` before a
    character reference; at the start, whatever would start a block (``2019. ``,
    ``2019) ``, ``- ``, ``+ ``, ``# ``, ``>``, ``---``). Nothing else is touched, so
    ``H&M Group`` and ``snake_case`` stay as they are. The result is safe in a paragraph,
    a list item and a table cell.

    >>> print(markdown_escape("2019. The law changed: <script>, | *bold*, H&M &amp; R_D"))
    2019\. The law changed: \<script>, \| \*bold\*, H&M \&amp; R_D
    """
    text = " ".join(text.split())
    text = _MARKDOWN_INLINE.sub(r"\\\1", text)
    text = _MARKDOWN_UNDERSCORE.sub(lambda run: "\\_" * len(run.group()), text)
    text = _MARKDOWN_HTML.sub(lambda start: "\\" + start.group(), text)
    text = _MARKDOWN_BLOCK.sub(lambda start: "\\" + start.group(), text)
    return _MARKDOWN_ORDERED.sub(r"\1\\\2", text)


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


# The notebook views are styled inline, on their own elements only: a <style> element
# would restyle the whole page, and JupyterLab drops <style> (but keeps these inline
# properties) from the outputs of notebooks it does not trust. Front ends right-align
# table cells (JupyterLab, the classic Notebook, VS Code) and centre captions; these
# put text back on the left, at the top of its row.
#: A header cell, or a record view's label.
HEAD_STYLE: Final = "text-align:left;vertical-align:top;white-space:nowrap"
#: A cell of text, wrapped between words.
CELL_STYLE: Final = "text-align:left;vertical-align:top"
#: A cell that is never broken across lines: a date.
WHOLE_STYLE: Final = CELL_STYLE + ";white-space:nowrap"
#: An id: monospaced, wrapped to fill its lines (the breaks are the browser's, not
#: characters: a copy holds the id whole), and selected whole by one click.
ID_STYLE: Final = (
    "font-family:monospace;font-size:0.9em;background:none;padding:0;"
    "word-break:break-all;overflow-wrap:anywhere;"
    "-webkit-user-select:all;user-select:all"
)
#: A language code: a list breaks between codes, never inside one ("zh-Hant").
NOWRAP_STYLE: Final = "white-space:nowrap"


def identifier_html(text: str) -> str:
    """An id as escaped HTML, in the identifier style."""
    return f'<code style="{ID_STYLE}">{html.escape(text)}</code>'


def languages_html(languages: Sequence[str]) -> str:
    """Language codes as escaped HTML, the list wrapping between codes only."""
    return ", ".join(
        f'<span style="{NOWRAP_STYLE}">{html.escape(code)}</span>' for code in languages
    )


def link_label(languages: Sequence[str]) -> str:
    """A link's label: its languages, or "link" when the source names none."""
    return ", ".join(languages) or "link"


def links_html(links: Iterable[tuple[str, str]]) -> str:
    """Escaped ``<a>`` elements for the (label, URL) pairs whose URL is http(s)."""
    anchors = []
    for label, url in links:
        href = _safe_url(url)
        if href is not None:
            # The label breaks between its languages only ("en, fr"), never inside a code.
            anchors.append(
                f'<a href="{href}" rel="noopener noreferrer">'
                f"{languages_html(label.split(', '))}</a>"
            )
    # A middle dot between links, so that two links ("en · ru") never read as one
    # link in two languages ("en, fr").
    return " \N{MIDDLE DOT} ".join(anchors)


def _value_html(label: str, value: str) -> tuple[str, str]:
    """A record field's value as escaped HTML, and its cell's style, chosen by its label."""
    if label == "id":
        return identifier_html(value), CELL_STYLE
    if label == "languages":
        return languages_html(value.split(", ") if value else ()), CELL_STYLE
    if label.endswith("date"):
        return html.escape(value), WHOLE_STYLE
    return html.escape(value), CELL_STYLE


def record_html(view: RecordView) -> str:
    """One record as an HTML table of its fields, its description and links.

    Each value stands beside its label, on the left; the id is in the identifier style,
    a date is never broken, and a list of languages breaks only between codes.
    """
    rows = []
    for label, value in (*view.fields, ("links", "")):
        shown, style = (
            (links_html(view.links), CELL_STYLE) if label == "links" else _value_html(label, value)
        )
        rows.append(
            f'<tr><th style="{HEAD_STYLE}">{html.escape(label)}</th>'
            f'<td style="{style}">{shown}</td></tr>'
        )
    paragraphs = "".join(
        f'<p style="text-align:left;max-width:48em">{html.escape(p)}</p>' for p in view.paragraphs
    )
    return (
        f'<div class="migrantres-record"><table style="width:auto"><tbody>{"".join(rows)}'
        f"</tbody></table>{paragraphs}</div>"
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
