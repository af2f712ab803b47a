"""The notebook views as a person sees them: rendered by Chromium in each front end's style.

The pages are the example notebook's two views converted by nbconvert with JupyterLab's
template (``lab``) and the classic Notebook's (``classic``), and a page styled as VS Code
styles outputs (see ``docs/screenshots.py``). Chromium lays them out and the tests read
the computed styles and the line boxes of the package's own elements, and click on an id
as a person would. Without Chromium these tests are skipped, saying so; CI installs it
(README, "Develop").
"""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import pytest

import migrantres

ROOT = Path(__file__).resolve().parent.parent


def _load_screenshots():
    spec = importlib.util.spec_from_file_location(
        "docs_screenshots", ROOT / "docs" / "screenshots.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


screenshots = _load_screenshots()

needs_chromium = pytest.mark.skipif(
    screenshots.chromium() is None,
    reason="no Chromium on PATH (Debian: apt-get install chromium; or set CHROMIUM)",
)

#: A table that is not the package's: the front end's own style must still apply to it.
CONTROL = '<table class="control"><thead><tr><th>n</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>'


def test_the_screenshots_show_what_the_package_renders_now():
    assert not screenshots.stale(), (
        "docs/images/notebook-*.png are stale; run python docs/screenshots.py"
    )
    for name in screenshots.SHOTS:
        assert (screenshots.IMAGES / name).read_bytes().startswith(b"\x89PNG\r\n\x1a\n")


def test_the_screenshots_are_stale_when_the_views_change_but_not_for_a_new_version():
    kept = screenshots.SOURCE.read_text(encoding="utf-8")
    now = screenshots.source_page()
    assert screenshots._versionless(kept.replace("2015</td>", "2016</td>")) != (
        screenshots._versionless(now)
    )
    bumped = now.replace(migrantres.__version__, "0.2.20300101")
    assert screenshots._versionless(bumped) == screenshots._versionless(now)


def test_the_docs_show_the_screenshots():
    page = (ROOT / "docs" / "guide" / "notebooks.md").read_text(encoding="utf-8")
    for name in screenshots.SHOTS:
        assert f"](../images/{name})" in page


# -- in Chromium ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    """Each front end's page, with the views and a table of the front end's own."""
    pytest.importorskip("nbconvert")
    pytest.importorskip("IPython")
    folder = tmp_path_factory.mktemp("pages")
    made = {}
    for name in ("lab", "classic"):
        text = screenshots.notebook_page(name)
        # The control table goes after the views, inside the same kind of output area.
        last = text.rindex(screenshots.views()["record"]) + len(screenshots.views()["record"])
        made[name] = text[:last] + CONTROL + text[last:]
    made["vscode"] = screenshots.vscode_page().replace("</body>", CONTROL + "</body>")
    paths = {}
    for name, text in made.items():
        paths[name] = folder / f"{name}.html"
        paths[name].write_text(text, encoding="utf-8")
    return paths


@pytest.fixture(scope="module")
def browser():
    with screenshots.Browser() as opened:
        yield opened


# Line boxes: the distinct tops of the rectangles a node's text is laid out in.
_LINES = """
const lines = (node) => {
  const range = document.createRange();
  range.selectNodeContents(node);
  return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
};
"""


def _layout(browser):
    """What the page shows of the views, measured in the page."""
    return browser.evaluate(
        "(() => {"
        + _LINES
        + """
  const table = document.querySelector('.migrantres-catalogue table');
  const record = document.querySelector('.migrantres-record table');
  const cells = [...document.querySelectorAll(
    '.migrantres-catalogue caption, .migrantres-catalogue th, .migrantres-catalogue td,'
    + ' .migrantres-record th, .migrantres-record td')];
  const head = [...table.querySelectorAll('thead th')].map((th) => th.textContent);
  const rows = [...table.querySelectorAll('tbody tr')].map((tr) => [...tr.children]);
  const column = (name) => rows.map((cells) => cells[head.indexOf(name)]);
  const control = document.querySelector('table.control td');
  return {
    aligns: cells.map((cell) => getComputedStyle(cell).textAlign),
    widths: Object.fromEntries(head.map((name, i) =>
      [name, table.querySelector('thead tr').children[i].getBoundingClientRect().width])),
    dates: column('date').map((td) => [td.textContent, lines(td)]),
    codes: [...table.querySelectorAll('td span')].map((s) => [s.textContent, lines(s)]),
    ids: column('id').map((td) => td.querySelector('code').textContent),
    record: [...record.querySelectorAll('tr')].map((tr) => {
      const [th, td] = tr.children;
      const text = document.createRange();
      text.selectNodeContents(td);
      const first = text.getClientRects()[0];
      const pad = parseFloat(getComputedStyle(td).paddingLeft);
      return {
        label: th.textContent,
        gap: first ? first.left - (td.getBoundingClientRect().left + pad) : 0,
        lines: lines(th),
      };
    }),
    record_width: record.getBoundingClientRect().width,
    output_width: record.parentElement.parentElement.getBoundingClientRect().width,
    control: control ? getComputedStyle(control).textAlign : null,
  };
})()"""
    )


@needs_chromium
@pytest.mark.slow
@pytest.mark.parametrize("front_end", ["lab", "classic", "vscode"])
def test_the_views_read_as_tables_in_every_front_end(front_end, pages, browser):
    browser.open(pages[front_end], width=screenshots.WIDTH)
    shown = _layout(browser)
    # Text on the left, in every cell and the caption, although each front end right-aligns.
    assert set(shown["aligns"]) <= {"left", "start"}, shown["aligns"]
    # ... and only the package's own cells: the front end's table keeps its style.
    expected_control = {"lab": "right", "classic": "right", "vscode": "right"}[front_end]
    assert shown["control"] == expected_control
    catalogue = migrantres.load()
    # Dates and language codes on one line each; ids whole in their cells.
    assert [date for date, _ in shown["dates"]] == [str(r.launch_date) for r in catalogue]
    assert all(lines == 1 for _, lines in shown["dates"]), shown["dates"]
    assert all(lines == 1 for _, lines in shown["codes"]), shown["codes"]
    assert {code for code, _ in shown["codes"]} == {c for r in catalogue for c in r.languages}
    assert shown["ids"] == list(catalogue.ids())
    # The title gets the room: the widest column.
    widths = shown["widths"]
    assert widths["title"] == max(widths.values()), widths
    assert widths["title"] > 1.5 * widths["id"], widths
    # The record view: each value starts at the left of its cell, beside its label, and the
    # table is as wide as it needs, not as the output.
    assert all(abs(row["gap"]) < 2 for row in shown["record"]), shown["record"]
    assert all(row["lines"] == 1 for row in shown["record"]), shown["record"]
    assert shown["record_width"] < shown["output_width"]


@needs_chromium
@pytest.mark.slow
def test_one_click_selects_a_whole_id(pages, browser):
    browser.open(pages["lab"], width=screenshots.WIDTH)
    catalogue = migrantres.load()
    for index, resource_id in enumerate(catalogue.ids()):
        # Click in the middle of the id's second line, between two hyphens.
        x, y, lines = browser.evaluate(
            f"(() => {{ const code = document.querySelectorAll('.migrantres-catalogue code')"
            f"[{index}]; const boxes = code.getClientRects(); const box = boxes[1];"
            " return [box.x + box.width / 2, box.y + box.height / 2, boxes.length]; })()"
        )
        assert lines > 1, "the id wraps in its narrow column"
        browser.evaluate("getSelection().removeAllRanges()")
        browser.click(x, y)
        assert browser.evaluate("getSelection().toString()") == resource_id


@needs_chromium
@pytest.mark.slow
def test_a_language_code_is_never_broken_even_in_a_narrow_window(sample, browser, tmp_path):
    record = sample.to_records()[0]
    record["availability"] = [
        {"languages": ["zh-Hant", "pt-BR", "sr-Latn", "es-419"], "url": "https://example.org/a"},
        {"languages": ["en"], "url": "https://example.org/b"},
    ]
    del record["languages"]  # derived from availability, which this test replaces
    catalogue = migrantres.Catalogue.from_records([record])
    page = tmp_path / "narrow.html"
    page.write_text(
        screenshots.vscode_page([catalogue._repr_html_(), catalogue[0]._repr_html_()]),
        encoding="utf-8",
    )
    browser.open(page, width=420)
    codes = browser.evaluate(
        "(() => {"
        + _LINES
        + "return [...document.querySelectorAll('.migrantres-catalogue td span')]"
        ".map((s) => [s.textContent, lines(s)]); })()"
    )
    assert [code for code, _ in codes] == ["zh-Hant", "pt-BR", "sr-Latn", "es-419", "en"]
    assert all(lines == 1 for _, lines in codes), codes
    # The list did wrap: between codes.
    assert (
        browser.evaluate(
            "(() => {"
            + _LINES
            + "return lines(document.querySelector('.migrantres-catalogue a'));})()"
        )
        > 1
    )


def test_the_views_hold_no_style_or_script_elements_and_style_only_their_own():
    catalogue = migrantres.load()
    for text in (catalogue._repr_html_(), *(r._repr_html_() for r in catalogue)):
        assert not re.search(r"<(style|script|link)\b", text)
        # Every element that carries a style is inside the view's own wrapper.
        assert re.match(r'<div class="migrantres-(catalogue|record)">', text)
        assert text.endswith("</div>")
        assert "class=" not in text[text.index(">") :], "one class, on the wrapper"
        styles = set(re.findall(r'style="([^"]*)"', text))
        assert all(re.fullmatch(r"[a-z\-]+:[^;\"<>]+(;[a-z\-]+:[^;\"<>]+)*", s) for s in styles)


def test_the_catalogue_table_links_each_documents_languages():
    resource = migrantres.load()[screenshots.RECORD]
    text = migrantres.load()._repr_html_()
    row = text[text.index(resource.id) :]
    row = row[: row.index("</tr>")]
    assert re.findall(r'href="([^"]+)"', row) == [a.url for a in resource.availability]
    assert json.dumps(re.findall(r'nowrap">([^<]+)</span>', row)) == json.dumps(
        list(resource.languages)
    )


def test_separate_links_are_told_apart_from_one_link_in_several_languages():
    """Two documents read "en · ru"; one document in four languages "en, fr, es, zh"."""
    catalogue = migrantres.load()
    text = catalogue._repr_html_()
    two = next(r for r in catalogue if len(r.availability) == 2)
    row = text[text.index(two.id) :]
    row = row[: row.index("</tr>")]
    shown = re.sub(r"<[^>]+>", "", row.split("<td")[-1].split(">", 1)[1])
    assert shown == " \N{MIDDLE DOT} ".join(", ".join(a.languages) for a in two.availability)
    many = next(r for r in catalogue if len(r.availability[0].languages) > 1)
    row = text[text.index(many.id) :]
    shown = re.sub(r"<[^>]+>", "", row[: row.index("</tr>")].split("<td")[-1].split(">", 1)[1])
    assert shown == ", ".join(many.availability[0].languages)
