"""The four citation formats, read by the engines people cite with.

pandoc (``--citeproc``) renders every record from CSL-JSON, BibTeX, BibLaTeX and RIS;
citeproc-js (Zotero's and Mendeley's processor) renders APA from the CSL-JSON;
Citation.js reads all four; pybtex reads the BibTeX and BibLaTeX in strict mode. What
each engine keeps of each field is asserted here, and is the table in the formats guide.
"""

from __future__ import annotations

import re

import pybtex.errors
import pytest
from hypothesis import given, settings
from pybtex.database import parse_string

from citation_engines import (
    FORMATS,
    HOSTILE,
    RIS_CITED,
    RIS_LISTED,
    folded,
    joined,
    node_modules,
    pandoc_items,
    pandoc_path,
    pandoc_render,
    record,
    run_node,
)
from migrantres import Catalogue
from migrantres._formats.citing import _BABEL, _NOT_READ_BY_PANDOC
from strategies import awkward_lines, catalogues


@pytest.fixture(scope="module")
def pandoc():
    return pandoc_path()


@pytest.fixture(scope="module")
def modules(request):
    return node_modules(request.config.cache.mkdir("migrantres-npm"))


@pytest.fixture(params=["shipped", "hostile"])
def cited(request):
    return request.getfixturevalue("shipped") if request.param == "shipped" else HOSTILE


# -- pandoc renders every record from every format ---------------------------------------


def _entries(rendered: str) -> tuple[dict[str, str], list[str]]:
    """The in-text citation of each id, and the bibliography's entries."""
    body, _, references = rendered.partition("\nReferences\n")
    citations = dict(re.findall(r"^([a-z0-9-]+): \((.*)\)$", body, re.MULTILINE))
    return citations, [entry for entry in references.strip().split("\n\n") if entry]


@pytest.mark.slow
@pytest.mark.parametrize("fmt", FORMATS)
def test_pandoc_renders_every_record_as_a_person_reads_it(pandoc, cited, fmt, tmp_path):
    citations, entries = _entries(pandoc_render(pandoc, cited, fmt, tmp_path))
    assert len(entries) == len(cited)
    for resource in cited:
        names = [org.name for org in resource.organizations]
        in_text, listed = names, names
        if fmt == "ris":  # what RIS cannot carry, as the formats guide says
            in_text = [RIS_CITED.get(name, name) for name in names]
            listed = [RIS_LISTED.get(name, name) for name in names]
        year = resource.launch_date.year
        # Chicago author-date: "(A and B 2019)", and "A, and B. 2019. Title. ..."
        assert re.fullmatch(
            re.escape(joined(in_text, two=" and ", last=", and ", et_al=3)) + rf" {year}[a-z]?",
            citations[resource.id],
        ), citations[resource.id]
        [entry] = [e for e in entries if resource.availability[0].url in e]
        assert re.match(
            re.escape(joined(listed, two=", and ", last=", and ")) + rf"\. {year}[a-z]?\. ",
            entry,
        ), entry
        assert folded(resource.title) in folded(entry)


@pytest.mark.slow
def test_pandoc_prints_the_day_the_formats_keep(pandoc, tmp_path):
    """Chicago prints a web page's full date: "March 13" survives all but RIS."""
    for fmt in FORMATS:
        _, entries = _entries(pandoc_render(pandoc, HOSTILE, fmt, tmp_path))
        [entry] = [e for e in entries if "example.org/braces" in e]
        assert ("March 13" in entry) is (fmt in {"csl-json", "biblatex"}), (fmt, entry)


# -- what pandoc keeps of each field --------------------------------------------------------

PRECISIONS = Catalogue(
    [
        record(
            f"{kind}-{date}",
            "T",
            ["Ministry of Labour, Invalids and Social Affairs", "H&M Group"],
            date,
            kind,
            langs,
        )
        for kind in ("report", "practical-tool", "platform")
        for date, langs in (
            ("2015", ("en", "fr")),
            ("2018-03", ("fr", "en")),
            ("2019-03-13", ("zh", "en")),
        )
    ]
)
#: pandoc's reader for each format, and what it keeps: authors, date parts, language.
PANDOC_KEEPS = {
    "csl-json": ("csljson", "literal", "all", {"en": "en", "fr": "fr", "zh": "zh"}),
    "bibtex": ("bibtex", "literal", "all", {"en": "en-US", "fr": "fr-FR", "zh": None}),
    "bibtex as .bib": ("biblatex", "literal", "all", {"en": "en-US", "fr": "fr-FR", "zh": None}),
    "biblatex": ("biblatex", "literal", "all", {"en": "en-US", "fr": "fr-FR", "zh": None}),
    "ris": ("ris", "family", "year", {"en": "en", "fr": "fr", "zh": "zh"}),
}


@pytest.mark.slow
@pytest.mark.parametrize("fmt", PANDOC_KEEPS)
def test_pandoc_keeps(pandoc, fmt):
    reader, name_key, dates, languages = PANDOC_KEEPS[fmt]
    export = FORMATS[fmt.split()[0]][1]
    items = pandoc_items(pandoc, export(PRECISIONS), reader)
    for item, resource in zip(items, PRECISIONS, strict=True):
        parts = list(resource.launch_date.parts)
        assert item["issued"]["date-parts"] == [parts if dates == "all" else parts[:1]]
        assert item.get("language") == languages[resource.languages[0]]
        if name_key == "literal":
            assert item["author"] == [{"literal": o.name} for o in resource.organizations]
        else:  # RIS: a name without a comma is one family name; one with a comma is split
            assert item["author"] == [
                {"family": "Ministry of Labour", "suffix": "Invalids and Social Affairs"},
                {"family": "H&M Group"},
            ]


@pytest.mark.slow
def test_pandoc_reads_each_langid_back_as_its_language(pandoc):
    """The babel names written to ``langid`` are those pandoc maps to the same language."""
    names = sorted(set(_BABEL.values()))
    text = "".join(f"@misc{{{name}, title = {{x}}, langid = {{{name}}}}}\n" for name in names)
    read = {item["id"]: item.get("language", "") for item in pandoc_items(pandoc, text, "biblatex")}
    for tag, name in _BABEL.items():
        same = read[name].split("-")[0] == tag.split("-")[0]
        assert same is (name not in _NOT_READ_BY_PANDOC), (tag, name, read[name])
        if same and "-" in tag:
            assert read[name] == tag


# -- citeproc-js ------------------------------------------------------------------------


@pytest.mark.slow
def test_citeproc_js_renders_apa_from_the_csl_json(modules, cited):
    rendered = run_node(modules, "render_apa.js", cited.to_csl_json())
    assert len(rendered["bibliography"]) == len(cited)
    for resource in cited:
        names = [org.name for org in resource.organizations]
        year = resource.launch_date.year
        # APA 7: "(A & B, 2019)", and "A, B, & C. (2019). Title [Genre]. Publisher. URL"
        assert re.fullmatch(
            rf"\({re.escape(joined(names, two=' & ', last=', & ', et_al=3))}, {year}[a-z]?\)",
            rendered["citations"][resource.id],
        ), rendered["citations"][resource.id]
        [entry] = [e for e in rendered["bibliography"] if resource.availability[0].url in e]
        assert entry.startswith(f"{joined(names, two=' & ', last=', & ')}. ({year}"), entry
        assert folded(resource.title) in folded(entry)
        assert f"[{resource.type_label}]" in entry


@pytest.mark.slow
def test_citeproc_js_prints_the_date_at_its_precision(modules):
    """APA dates a web page to the day, and a document to the month, when the data says."""
    rendered = run_node(modules, "render_apa.js", HOSTILE.to_csl_json())
    entries = "\n".join(rendered["bibliography"])
    assert "Research & Policy {Unit} 100% _x_. (2019, March 13)." in entries


# -- Citation.js ----------------------------------------------------------------------------

#: Citation.js's reader for each format; whether it keeps the day; the language it gives.
CITATION_JS_KEEPS = {
    "csl-json": ("csl", "literal", True, "en"),
    "bibtex": ("bibtex", "family", True, None),
    "bibtex as .bib": ("biblatex", "family", True, ["english", "french"]),
    "biblatex": ("biblatex", "family", True, ["english", "french"]),
    "ris": ("ris", "family+given", True, "en"),
}


@pytest.mark.slow
@pytest.mark.parametrize("fmt", CITATION_JS_KEEPS)
def test_citation_js_keeps(modules, fmt):
    reader, names, days, language = CITATION_JS_KEEPS[fmt]
    export = FORMATS[fmt.split()[0]][1]
    items = run_node(modules, "read_citation.js", export(PRECISIONS), reader)
    for item, resource in zip(items, PRECISIONS, strict=True):
        parts = list(resource.launch_date.parts)
        assert item["issued"]["date-parts"] == [parts if days else parts[:2]]
        [whole, comma] = [o.name for o in resource.organizations][::-1]
        if names == "literal":
            assert item["author"] == [{"literal": comma}, {"literal": whole}]
        elif names == "family":
            assert item["author"] == [{"family": comma}, {"family": whole}]
        else:  # RIS: a trailing comma gives a family name and an empty given name
            assert item["author"][1] == {"family": whole, "given": ""}
            assert item["author"][0]["family"] == "Ministry of Labour"
        if resource.languages[0] == "en":
            assert item.get("language") == language


@pytest.mark.slow
@pytest.mark.parametrize("fmt", FORMATS)
def test_citation_js_reads_each_hostile_organization_as_one_name(modules, fmt):
    reader = {"csl-json": "csl", "bibtex": "biblatex", "biblatex": "biblatex", "ris": "ris"}[fmt]
    items = run_node(modules, "read_citation.js", FORMATS[fmt][1](HOSTILE), reader)
    for item, resource in zip(items, HOSTILE, strict=True):
        for author, org in zip(item["author"], resource.organizations, strict=True):
            if fmt == "ris" and "," in org.name:
                continue  # RIS cannot carry it: the guide says so
            assert author.get("literal", author.get("family")) == org.name
            assert not author.get("given")
        title = resource.title
        if fmt in {"bibtex", "biblatex"}:  # a lone brace: Citation.js shows the \vphantom
            title = title.replace("{ lone", "{\\vphantom} lone")
        assert folded(item["title"]) == folded(title)


# -- pybtex, strict ---------------------------------------------------------------------------


def _strict(text: str):
    """Parse with pybtex in strict mode, where what would be a warning raises."""
    before = pybtex.errors.strict
    pybtex.errors.set_strict_mode(enable=True)
    try:
        return parse_string(text, "bibtex")
    finally:
        pybtex.errors.set_strict_mode(enable=before)


@pytest.mark.parametrize("export", [Catalogue.to_bibtex, Catalogue.to_biblatex])
def test_pybtex_reads_every_entry_strictly(cited, export):
    database = _strict(export(cited))
    assert list(database.entries) == [resource.id for resource in cited]
    for resource in cited:
        people = database.entries[resource.id].persons["author"]
        assert len(people) == len(resource.organizations)
        for person in people:  # each organization is one indivisible name
            assert len(person.last_names) == 1
            assert person.first_names == person.middle_names == person.prelast_names == []


@settings(max_examples=50)
@given(catalogues(max_size=5, text=awkward_lines()))
def test_pybtex_reads_hostile_text_strictly(catalogue):
    for text in (catalogue.to_bibtex(), catalogue.to_biblatex()):
        database = _strict(text)
        assert tuple(database.entries) == catalogue.ids()
        for resource in catalogue:
            assert len(database.entries[resource.id].persons["author"]) == len(
                resource.organizations
            )
