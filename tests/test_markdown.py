"""Markdown that stays text: every view and export, rendered by a CommonMark implementation.

markdown-it-py renders what ``markdown_escape``, ``to_markdown``, ``_repr_markdown_`` and
a record's Markdown view write, with GFM's tables and strikethrough switched on (what
notebooks render); the text that comes back must be the text that went in, and the only
structure the one the view made.
"""

from __future__ import annotations

import html.parser
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from migrantres import Catalogue, Resource
from migrantres._records.display import markdown_escape
from strategies import catalogues, lines

markdown_it = pytest.importorskip("markdown_it", reason="markdown-it-py is not installed")
RENDER = markdown_it.MarkdownIt("commonmark").enable(["table", "strikethrough"]).render

#: Text that CommonMark (or GFM, or Jupyter) would turn into structure if left alone.
HOSTILE_PIECES = [
    "2019. The law changed",
    "2019) x",
    "1.",
    "10)",
    "- Unpaid",
    "+ x",
    "* x",
    "-",
    "---",
    "- - -",
    "***",
    "___",
    "===",
    "# Heading",
    "###### h",
    "####### not a heading",
    "#hashtag",
    "> quote",
    ">",
    "```",
    "```python",
    "~~~",
    "~~struck~~",
    "~x~",
    "    indented code",
    "<div>",
    "<!-- comment",
    "<script>alert(1)</script>",
    "<https://example.org>",
    "<b>",
    "a < b",
    "[ref]: https://example.org",
    "[link](https://example.org)",
    "![image](x.png)",
    "| a | b |",
    "|---|---|",
    "*emphasis*",
    "**strong**",
    "_under_",
    "snake_case_name",
    "__init__",
    "`code`",
    "&amp;",
    "&copy;",
    "&#65;",
    "&#x41;",
    "&nosuch;",
    "H&M Group",
    "R&D",
    "$x$",
    "$5 and $10",
    "\\",
    "\\*",
    "C:\\Users",
    "trailing\\",
    "two spaces  ",
    "日本語",
    "Ελληνικά",
    "عربى",
]


class _Text(html.parser.HTMLParser):
    """The text of rendered HTML, and the tags it holds."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):  # noqa: ARG002 - the parser's signature
        self.tags.append(tag)

    def handle_data(self, data):
        self.text.append(data)


def parsed(markdown: str) -> _Text:
    parser = _Text()
    parser.feed(RENDER(markdown))
    parser.close()
    return parser


def words(text: str) -> str:
    """The words of text, in NFC as records hold it."""
    return " ".join(unicodedata.normalize("NFC", text).split())


raw_paragraphs = st.lists(
    st.one_of(st.sampled_from(HOSTILE_PIECES), lines(max_size=12)), min_size=1, max_size=6
).map(" ".join)
#: What a record may hold: no leading or trailing whitespace, single spaces.
paragraphs = raw_paragraphs.map(words).filter(bool)


def test_markdown_escape_keeps_each_piece_as_text():
    for piece in HOSTILE_PIECES:
        for text in (piece, f"{piece} after", f"before {piece}"):
            if not text.strip():
                continue
            rendered = parsed(markdown_escape(text))
            assert rendered.tags == ["p"], (text, RENDER(markdown_escape(text)))
            assert words("".join(rendered.text)) == words(text), text


@given(raw_paragraphs)
def test_markdown_escape_renders_any_paragraph_as_that_text(paragraph):
    rendered = parsed(markdown_escape(paragraph))
    assert rendered.tags == ["p"]
    assert words("".join(rendered.text)) == words(paragraph)


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("2019. The law changed", "2019\\. The law changed"),
        ("2019) x", "2019\\) x"),
        ("- Unpaid", "\\- Unpaid"),
        ("---", "\\---"),
        ("# Heading", "\\# Heading"),
        ("> quote", "\\> quote"),
        ("| a |", "\\| a \\|"),
        ("<div>", "\\<div>"),
        ("&amp;", "\\&amp;"),
    ],
)
def test_markdown_escape_escapes_what_starts_structure(text, escaped):
    assert markdown_escape(text) == escaped


@pytest.mark.parametrize(
    "text",
    ["H&M Group", "R&D", "a < b", "snake_case_name", "#hashtag", "-2 degrees", "1234567890. x"],
)
def test_markdown_escape_leaves_everything_else_as_it_is(text):
    assert markdown_escape(text) == text


def _record(title: str, description: str, org: str = "H&M Group") -> Resource:
    return Resource.model_validate(
        {
            "id": "made",
            "title": title,
            "type": "report",
            "jurisdiction": "Global",
            "organizations": [{"name": org}],
            "launch_date": "2019",
            "description": description,
            "availability": [{"languages": ["en"], "url": "https://example.org/made"}],
        }
    )


def test_record_view_keeps_a_paragraph_that_starts_like_a_list():
    """The issue's example: "2019. The law changed" is a paragraph, not a list at 2019."""
    record = _record("Made", "2019. The law changed.\n\n- Unpaid wages\n\n---")
    rendered = parsed(record._repr_markdown_())
    assert "ol" not in rendered.tags
    assert "hr" not in rendered.tags
    assert rendered.tags.count("ul") == 2  # the view's own lists: fields and links
    text = "".join(rendered.text)
    for paragraph in ("2019. The law changed.", "- Unpaid wages", "---"):
        assert paragraph in text


@given(title=paragraphs, description=st.lists(paragraphs, min_size=1, max_size=3))
def test_record_view_renders_hostile_text_as_text(title, description):
    record = _record(title, "\n\n".join(description))
    markdown = record._repr_markdown_()
    rendered = parsed(markdown)
    assert set(rendered.tags) <= {"p", "strong", "ul", "li", "a"}
    assert rendered.tags.count("strong") == 1
    assert rendered.tags.count("p") == 1 + len(description)
    text = words(" ".join(rendered.text))
    assert words(title) in text
    for paragraph in description:
        assert words(paragraph) in text


def _cells(markdown: str) -> list[list[str]]:
    """The table's rows, each a list of cell texts, as markdown-it-py renders them."""
    tokens = markdown_it.MarkdownIt("commonmark").enable("table").parse(markdown)
    rows: list[list[str]] = []
    for token in tokens:
        if token.type == "tr_open":
            rows.append([])
        elif token.type == "inline" and rows:
            parser = _Text()
            parser.feed(markdown_it.MarkdownIt("commonmark").renderInline(token.content))
            rows[-1].append(words("".join(parser.text)))
    return rows


@given(catalogues(max_size=4, text=paragraphs))
def test_markdown_table_cells_hold_their_text(catalogue):
    for markdown in (catalogue.to_markdown(), catalogue._repr_markdown_()):
        rows = _cells(markdown)
        assert len(rows) == 1 + len(catalogue)
        for row, resource in zip(rows[1:], catalogue, strict=True):
            assert len(row) == 6
            assert row[0] == resource.id
            assert row[3] == words(resource.title)


def test_markdown_table_writes_names_as_they_are(shipped):
    markdown = shipped.to_markdown()
    assert "H&M Group; IOM" in markdown
    assert "&amp;" not in markdown
    assert [row[4] for row in _cells(markdown) if row[0].startswith("migrant-workers")] == [
        "H&M Group; IOM"
    ]


def test_catalogue_repr_markdown_is_the_table(shipped):
    rendered = parsed(Catalogue(shipped)._repr_markdown_())
    assert rendered.tags.count("tr") == 1 + len(shipped)
