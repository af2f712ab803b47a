"""Plain-text rendering for terminals: tables that fit the width, and a full record.

Text wraps between words, under a hanging indent. A word is never broken, so an id, a
URL or a file name can be copied whole: one too long for its place goes on a line of
its own, from the first column if it needs to, and one longer than the terminal stands
alone on its line (the terminal then folds it, which copies back as the one word).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from migrantres._formats.notebook import summary_cells

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from migrantres._records.models import Resource

__all__ = [
    "MEASURE",
    "Column",
    "catalogue_table",
    "labelled",
    "record_text",
    "table",
    "width_of",
    "wrap",
    "wrap_lines",
]

#: The widest line of prose a record's view makes, in columns, however wide the terminal.
MEASURE: Final = 100
#: Between two columns of a table.
_GAP: Final = "  "
#: Before the lines a table row continues on, under its first column.
_INDENT: Final = "    "
#: The narrowest a table gives the title beside other columns, before it gives the title
#: a line of its own.
_TITLE_MIN: Final = 40


def width_of(text: str) -> int:
    """Columns ``text`` takes in a terminal: wide East Asian characters take two."""
    return sum(
        0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1
        for c in text
    )


def wrap(
    text: str, width: int, *, first: str = "", rest: str = "", limit: int | None = None
) -> list[str]:
    """``text`` as lines of at most ``width`` columns, broken only between words.

    ``first`` goes before the first line (a label, say) and ``rest`` before the others
    (a hanging indent). A word that does not fit where it falls starts the next line;
    one too long for a line even there stands alone on its line, after ``rest`` when
    that fits within ``limit`` columns (the terminal's width, default ``width``), else
    from the first column. Runs of whitespace count as one space.

    >>> wrap("read the label 'Type' as the type", 18, first="repaired: ", rest="  ")
    ['repaired: read the', "  label 'Type' as", '  the type']
    >>> wrap("https://example.org/a-long/path", 20, first="  [en] ", rest="    ")
    ['  [en]', 'https://example.org/a-long/path']
    """
    limit = width if limit is None else max(limit, width)
    lines: list[str] = []
    line, used, has_word = first, width_of(first), False
    for word in text.split():
        size = width_of(word)
        if has_word and used + 1 + size <= width:
            line, used = f"{line} {word}", used + 1 + size
            continue
        if not has_word and used + size <= limit:
            line, used, has_word = line + word, used + size, True
            continue
        if line.strip():
            lines.append(line.rstrip())
        prefix = rest if width_of(rest) + size <= limit else ""
        line, used, has_word = prefix + word, width_of(prefix) + size, True
        if prefix != rest or used > width:
            used = width  # a word out of its place stands alone: the next starts a line
    if line.strip() or not lines:
        lines.append(line.rstrip())
    return lines


def wrap_lines(text: str, width: int) -> str:
    """Each line of ``text`` wrapped to ``width``, continued four columns further in."""
    out = []
    for line in text.splitlines():
        indent = line[: len(line) - len(line.lstrip())]
        out.extend(wrap(line, width, first=indent, rest=indent + _INDENT))
    return "\n".join(out) + ("\n" if text.endswith("\n") else "")


def labelled(rows: Sequence[tuple[str, str]], width: int, *, limit: int | None = None) -> list[str]:
    """(label, value) rows: the labels in a column, each value wrapped beside its label.

    >>> for line in labelled([("id", "a-b"), ("title", "A long title")], 14):
    ...     print(line)  # doctest: -NORMALIZE_WHITESPACE
    id     a-b
    title  A long
           title
    """
    label_width = max(width_of(label) for label, _ in rows) + len(_GAP)
    return [
        line
        for label, value in rows
        for line in wrap(
            value,
            width,
            first=label + " " * (label_width - width_of(label)),
            rest=" " * label_width,
            limit=limit,
        )
    ]


@dataclass(frozen=True)
class Column:
    """A column of a terminal table, and how it may give up room."""

    #: The column's heading.
    header: str
    #: Whether its text may wrap between words; otherwise each value stays on one line.
    wrap: bool = False
    #: Whether it is left out when the width is short (the last such column first).
    optional: bool = False
    #: A wrapping column is made no narrower than this (nor than its longest word).
    min_width: int = 0


def table(
    columns: Sequence[Column],
    rows: Sequence[Sequence[str]],
    *,
    width: int,
    stack: Sequence[int] = (0,),
) -> str:
    """A left-aligned table that fits ``width`` columns; empty when there are no rows.

    The columns stand side by side, a wrapping column's text wrapped inside it, as long
    as each gets its room. When they do not, the columns ``stack`` names (by position,
    in order) take lines of their own one after another, the first one flush left and
    the rest of the row on the lines under it, four columns in. Optional columns are
    shown when that keeps the layout; at the narrowest, every column gets lines of its
    own and the optional ones are left out. Values are never cut.

    >>> columns = [Column("id"), Column("date"), Column("title", wrap=True)]
    >>> rows = [["an-id", "2015", "A long title"]]
    >>> print(table(columns, rows, width=25))  # doctest: -NORMALIZE_WHITESPACE
    id     date  title
    an-id  2015  A long title
    >>> print(table(columns, rows, width=20))  # doctest: -NORMALIZE_WHITESPACE
    id     date  title
    an-id  2015  A long
                 title
    >>> print(table(columns, rows, width=11))  # doctest: -NORMALIZE_WHITESPACE
    id
        date
        title
    an-id
        2015
        A long
        title
    """
    if not rows:
        return ""
    cells = [[" ".join(str(cell).split()) for cell in row] for row in [_headers(columns), *rows]]
    optional = [i for i, column in enumerate(columns) if column.optional]
    for dropped in range(len(optional) + 1):
        left_out = set(optional[len(optional) - dropped :])
        shown = [i for i in range(len(columns)) if i not in left_out]
        for level in range(len(stack) + 1):
            stacked = [i for i in stack[:level] if i in shown]
            widths = _widths(columns, cells, [i for i in shown if i not in stacked], width, stacked)
            if widths is not None:
                return _render(cells, stacked, widths, width)
    shown = [i for i in range(len(columns)) if i not in optional]
    stacked = [*(i for i in stack if i in shown), *(i for i in shown if i not in stack)]
    return _render(cells, stacked, {}, width)


def _headers(columns: Sequence[Column]) -> list[str]:
    return [column.header for column in columns]


def _widths(
    columns: Sequence[Column],
    cells: list[list[str]],
    side_by_side: list[int],
    width: int,
    stacked: list[int],
) -> dict[int, int] | None:
    """Each side-by-side column's width, or None when they cannot all have their room."""
    room = width - (len(_INDENT) if stacked else 0) - len(_GAP) * (len(side_by_side) - 1)
    natural = {i: max(width_of(row[i]) for row in cells) for i in side_by_side}
    least = {}
    for i in side_by_side:
        if columns[i].wrap:
            longest_word = max((width_of(w) for row in cells for w in row[i].split()), default=0)
            least[i] = max(longest_word, min(natural[i], columns[i].min_width))
        else:
            least[i] = natural[i]
    spare = room - sum(least.values())
    if spare < 0:
        return None
    # The spare columns go one at a time to the wrapping column furthest from its
    # natural width, so long text (the title) gets the most and short text stays whole.
    widths = dict(least)
    while spare > 0:
        short = [i for i in side_by_side if columns[i].wrap and widths[i] < natural[i]]
        if not short:
            break
        widest_gap = max(short, key=lambda i: natural[i] - widths[i])
        widths[widest_gap] += 1
        spare -= 1
    return widths


def _render(cells: list[list[str]], stacked: list[int], widths: dict[int, int], width: int) -> str:
    lines = []
    indent = _INDENT if stacked else ""
    for row in cells:
        for n, i in enumerate(stacked):
            prefix = "" if n == 0 else _INDENT
            lines.extend(wrap(row[i], width, first=prefix, rest=prefix))
        if not widths:
            continue
        blocks = [(wrap(row[i], w), w) for i, w in widths.items()]
        for k in range(max(len(block) for block, _ in blocks)):
            parts = [
                (block[k] if k < len(block) else "")
                + " " * (w - width_of(block[k] if k < len(block) else ""))
                for block, w in blocks
            ]
            lines.append((indent + _GAP.join(parts)).rstrip())
    return "\n".join(lines)


def catalogue_table(
    resources: Sequence[Resource], *, width: int, scores: Mapping[str, float] | None = None
) -> str:
    """The resources as a table: id, [score,] date, type, title, organizations, languages.

    The title gets the room; organizations and languages are shown when the width
    allows. Empty when there are no resources.
    """
    columns = [
        Column("id"),
        *([Column("score")] if scores is not None else []),
        Column("date"),
        Column("type"),
        Column("title", wrap=True, min_width=_TITLE_MIN),
        Column("organizations", wrap=True, optional=True, min_width=16),
        Column("languages", wrap=True, optional=True, min_width=16),
    ]
    rows = [
        [resource_id, *([_score(scores[resource_id])] if scores is not None else []), *rest]
        for resource_id, *rest in map(summary_cells, resources)
    ]
    title = len(columns) - 3
    return table(columns, rows, width=width, stack=(0, title))


def record_text(resource: Resource, *, width: int) -> str:
    """All of a record's fields as labelled text for a terminal ``width`` columns wide.

    The id comes first, on a line of its own; prose is wrapped to at most
    :data:`MEASURE` columns.
    """
    measure = min(width, MEASURE)
    date = "—" if resource.launch_date is None else str(resource.launch_date)
    organizations = "; ".join(
        org.name + (f" ({org.acronym})" if org.acronym else "") for org in resource.organizations
    )
    rows = [
        ("title", resource.title),
        ("type", f"{resource.type.value} ({resource.type_label})"),
        ("jurisdiction", resource.jurisdiction),
        ("organizations", organizations),
        (resource.date_kind.value + " date", date),
    ]
    lines = [resource.id, *labelled(rows, measure, limit=width), ""]
    for paragraph in resource.description.split("\n\n"):
        lines.extend(wrap(paragraph, measure, limit=width))
        lines.append("")
    lines.extend(
        ["available:"]
        if resource.availability
        else wrap("available: (no links given)", measure, rest="  ", limit=width)
    )
    for entry in resource.availability:
        languages = ", ".join(entry.languages) or "language not given"
        text = f"[{languages}] {entry.url}"
        lines.extend(wrap(text, measure, first="  ", rest=_INDENT, limit=width))
    if resource.provenance is not None:
        prov = resource.provenance
        where = f"{prov.file}, lines {prov.first_line}-{prov.last_line} ({prov.section})"
        notes = [(f"source: {where}", "", 8)]
        notes += [(f"repaired: {r.detail} (line {r.line})", "  ", 12) for r in prov.repairs]
        notes += [
            (f"corrected {c.field}: {c.source_value!r} -> {c.value!r}", "  ", len(c.field) + 14)
            for c in prov.corrections
        ]
        lines.append("")
        for text, first, hang in notes:
            lines.extend(wrap(text, measure, first=first, rest=" " * hang, limit=width))
    return "\n".join(lines)


def _score(score: float) -> str:
    """A BM25 score in two decimals, or "<0.01" for one above zero that would show 0.00.

    (A word in most of a catalogue's records weighs almost nothing in BM25.)
    """
    return "<0.01" if 0 < score < 0.005 else f"{score:.2f}"  # noqa: PLR2004 - half of 0.01
