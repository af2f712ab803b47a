"""The citation exporters, exactly, and read back by third-party readers.

citeproc-py renders the CSL-JSON, jsonschema checks it against the official CSL data
schema, bibtexparser 2 reads the BibTeX and BibLaTeX and rispy reads the RIS. The engines
people cite with (pandoc, citeproc-js, Citation.js, pybtex) are in test_citation_engines.py.
"""

from __future__ import annotations

import json
import re
from importlib.resources import files
from pathlib import Path

import pytest
from hypothesis import given

from migrantres import Catalogue, LoadError, PartialDate, Resource, ResourceType
from migrantres._formats.citations import (
    csl_items,
    to_biblatex,
    to_bibtex,
    to_csl_json,
    to_ris,
)
from migrantres._formats.citing import babel_name
from strategies import awkward_lines, catalogues

EXPORTERS = {
    "csl-json": to_csl_json,
    "bibtex": to_bibtex,
    "biblatex": to_biblatex,
    "ris": to_ris,
}
BIB_EXPORTERS = {"bibtex": to_bibtex, "biblatex": to_biblatex}
HOSTILE = catalogues(text=awkward_lines())

#: The official CSL data schema (csl-data.json v1.0), beside the repository: no package
#: on PyPI, npm or Debian ships it (see ../shared/vendor/README.md).
ROOT = Path(__file__).resolve().parent.parent
CSL_SCHEMA = ROOT.parent / "shared" / "vendor" / "csl-schema" / "csl-data.json"

#: The escapes the BibTeX exporter writes, and the characters they stand for.
LATEX_ESCAPES = {
    r"\textbackslash{}": "\\",
    r"\{\vphantom{\}}": "{",
    r"\vphantom{\{}\}": "}",
    r"\{": "{",
    r"\}": "}",
    "-{}": "-",
    r"\textasciitilde{}": "~",
    r"\textasciicircum{}": "^",
    r"\&": "&",
    r"\%": "%",
    r"\$": "$",
    r"\#": "#",
    r"\_": "_",
}
_UNLATEX = re.compile("|".join(map(re.escape, LATEX_ESCAPES)))
RIS_LINE = re.compile(r"[A-Z][A-Z0-9]  - ")
MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]


def make(**changes) -> Resource:
    """A valid record, with ``changes`` applied."""
    record = {
        "id": "made",
        "title": "Made Record",
        "type": "report",
        "jurisdiction": "Global",
        "organizations": [{"name": "Made Organization"}],
        "description": "A record made for one test.",
        "availability": [{"languages": ["en"], "url": "https://example.org/made"}],
    }
    return Resource.model_validate(record | changes)


def unlatex(text: str) -> str:
    """Undo the exporter's escaping, in one left-to-right pass, as the inverse must."""
    return _UNLATEX.sub(lambda match: LATEX_ESCAPES[match.group()], text)


def unbrace(value: str) -> str:
    """Remove one pair of enclosing braces, which must be there."""
    assert value.startswith("{"), value
    assert value.endswith("}"), value
    return value[1:-1]


def one_line(text: str) -> str:
    """A description as BibTeX and RIS hold it: paragraphs joined by one space."""
    return " ".join(text.split("\n\n"))


def record_urls(catalogue) -> set[str]:
    return {entry.url for resource in catalogue for entry in resource.availability}


# -- readers ----------------------------------------------------------------------------
# Module-scoped, so that Hypothesis tests may use them.


@pytest.fixture(scope="module")
def citeproc():
    return pytest.importorskip("citeproc", reason="citeproc-py is not installed")


@pytest.fixture(scope="module")
def bibtexparser():
    return pytest.importorskip(
        "bibtexparser", minversion="2.0.0b7", reason="bibtexparser 2 is not installed"
    )


@pytest.fixture(scope="module")
def rispy():
    return pytest.importorskip("rispy", reason="rispy is not installed")


@pytest.fixture(scope="module")
def csl_schema_validator():
    jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is not installed")
    if not CSL_SCHEMA.is_file():
        pytest.skip(
            f"the official CSL data schema is not at {CSL_SCHEMA}: this checkout has no "
            "../shared/vendor beside it (no package on PyPI, npm or Debian ships the schema)"
        )
    schema = json.loads(CSL_SCHEMA.read_text(encoding="utf-8"))
    # Only the official schema will do: its $id is on resource.citationstyles.org.
    assert schema.get("$id", "").startswith("https://resource.citationstyles.org/schema/"), (
        f"{CSL_SCHEMA} is not the official CSL data schema"
    )
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema)


def render(citeproc, text: str) -> list[str]:
    """The plain-text bibliography citeproc-py makes of CSL-JSON ``text``."""
    from citeproc.source.json import CiteProcJSON  # noqa: PLC0415 - an optional reader

    styles = files("citeproc") / "data" / "styles"
    # citeproc-py bundles one Harvard style: harvard1 in older releases, its successor now.
    bundled = [
        n for n in ("harvard-cite-them-right", "harvard1") if (styles / f"{n}.csl").is_file()
    ]
    if not bundled:
        pytest.skip("this citeproc-py bundles no Harvard style")
    items = json.loads(text)
    style = citeproc.CitationStylesStyle(bundled[0], validate=False)
    bibliography = citeproc.CitationStylesBibliography(
        style, CiteProcJSON(items), citeproc.formatter.plain
    )
    bibliography.register(citeproc.Citation([citeproc.CitationItem(i["id"]) for i in items]))
    return [str(entry) for entry in bibliography.bibliography()]


def read_bibtex(bibtexparser, text: str):
    """Parse BibTeX with the raw field values: no LaTeX decoding, as the guide says.

    The stack is the default one, named here so a change of default cannot slip a
    LaTeX-decoding middleware in; the authors are split by the reader itself.
    """
    middlewares = bibtexparser.middlewares
    library = bibtexparser.parse_string(
        text,
        parse_stack=[
            middlewares.ResolveStringReferencesMiddleware(allow_inplace_modification=True),
            middlewares.RemoveEnclosingMiddleware(allow_inplace_modification=True),
            middlewares.SeparateCoAuthors(allow_inplace_modification=True),
            middlewares.SplitNameParts(allow_inplace_modification=True),
        ],
    )
    assert library.failed_blocks == []
    return library


def value(entry, name: str) -> str | None:
    """A field's raw value, or None when the entry has no such field."""
    field = entry.fields_dict.get(name)
    return None if field is None else field.value


def bibtex_authors(entry) -> list[str]:
    """The organizations of an entry, each read as one indivisible family name."""
    names = []
    for parts in entry["author"]:
        assert parts.first == []
        assert parts.von == []
        assert parts.jr == []
        [last] = parts.last
        names.append(unlatex(unbrace(last)))
    return names


# -- CSL-JSON -----------------------------------------------------------------------------


def test_csl_items_map_every_field(sample):
    guide = csl_items(sample)[0]
    assert guide == {
        "id": "guide-ethical-recruitment",
        "type": "report",
        "title": "Guide to Ethical Recruitment",
        "author": [
            {"literal": "International Organization for Migration"},
            {"literal": "H&M Group"},
        ],
        "publisher": "International Organization for Migration",
        "issued": {"date-parts": [[2019, 12, 10]]},
        "URL": "https://example.org/guide.pdf",
        "language": "en",
        "abstract": "Recruitment fees must not be charged to workers.\n\nA second paragraph.",
        "genre": "Guidance",
    }


def test_csl_items_leave_out_what_a_record_lacks(sample):
    [undated] = [item for item in csl_items(sample) if item["id"] == "undated-platform"]
    assert set(undated) == {"id", "type", "title", "author", "publisher", "abstract", "genre"}


def test_csl_items_follow_the_input_order(catalogue):
    assert [item["id"] for item in csl_items(catalogue)] == [r.id for r in catalogue]
    reverse = list(reversed(catalogue))
    assert [item["id"] for item in csl_items(reverse)] == [r.id for r in reverse]


def test_csl_json_is_the_items_as_text(catalogue):
    text = to_csl_json(catalogue)
    assert json.loads(text) == csl_items(catalogue)
    assert text.endswith("]\n")
    assert not text.endswith("\n\n")


def test_csl_json_keeps_non_ascii_text_unescaped(sample):
    text = to_csl_json(sample)
    assert "Руководство по разработке законодательства" in text
    assert "Organisation pour la sécurité" in text
    assert "\\u" not in text


@given(HOSTILE)
def test_csl_json_keeps_hostile_text_exactly(catalogue):
    items = json.loads(to_csl_json(catalogue))
    assert len(items) == len(catalogue)
    for item, resource in zip(items, catalogue, strict=True):
        assert item["title"] == resource.title
        assert item["abstract"] == resource.description
        assert [a["literal"] for a in item["author"]] == [o.name for o in resource.organizations]


def test_csl_json_renders_a_bibliography_with_citeproc(citeproc, catalogue):
    entries = render(citeproc, to_csl_json(catalogue))
    assert len(entries) == len(catalogue)
    bibliography = "\n".join(entries)
    for resource in catalogue:
        assert resource.title in bibliography
        assert resource.organizations[0].name in bibliography


@given(HOSTILE)
def test_csl_json_renders_hostile_text_with_citeproc(citeproc, catalogue):
    assert len(render(citeproc, to_csl_json(catalogue))) == len(catalogue)


def test_csl_json_validates_against_the_official_schema(csl_schema_validator, catalogue):
    csl_schema_validator.validate(json.loads(to_csl_json(catalogue)))


@given(HOSTILE)
def test_csl_json_validates_hostile_text_against_the_official_schema(
    csl_schema_validator, catalogue
):
    csl_schema_validator.validate(json.loads(to_csl_json(catalogue)))


# -- BibTeX -------------------------------------------------------------------------------


def test_bibtex_writes_an_entry_exactly(sample):
    assert to_bibtex(sample[:1]) == (
        "@techreport{guide-ethical-recruitment,\n"
        "  author = {{International Organization for Migration} and {H\\&M Group}},\n"
        "  title = {{Guide to Ethical Recruitment}},\n"
        "  institution = {{International Organization for Migration}},\n"
        "  type = {Guidance},\n"
        "  year = {2019},\n"
        "  month = dec,\n"
        "  day = {10},\n"
        "  url = {https://example.org/guide.pdf},\n"
        "  langid = {english},\n"
        "  language = {english and french and spanish},\n"
        "  abstract = {Recruitment fees must not be charged to workers. A second paragraph.}\n"
        "}\n"
    )


def test_biblatex_writes_an_entry_exactly(sample):
    assert to_biblatex(sample[:1]) == (
        "@report{guide-ethical-recruitment,\n"
        "  author = {{International Organization for Migration} and {H\\&M Group}},\n"
        "  title = {{Guide to Ethical Recruitment}},\n"
        "  institution = {{International Organization for Migration}},\n"
        "  type = {Guidance},\n"
        "  date = {2019-12-10},\n"
        "  url = {https://example.org/guide.pdf},\n"
        "  langid = {english},\n"
        "  language = {english and french and spanish},\n"
        "  abstract = {Recruitment fees must not be charged to workers. A second paragraph.}\n"
        "}\n"
    )


@pytest.mark.parametrize(
    ("languages", "langid", "language"),
    [
        (["en", "fr", "es", "zh"], "english", "english and french and spanish and chinese"),
        (["zh", "en"], None, "chinese and english"),
        (["pt-BR", "en-GB"], "brazilian", "brazilian and british"),
        (["zh", "zh-Hans"], None, "chinese"),
        (["yo", "fr"], None, "yo and french"),
        ([], None, None),
    ],
)
def test_bibtex_names_every_language_and_the_first_as_langid(languages, langid, language):
    """The remediation guidelines are in en, fr, es and zh: all four are written."""
    resource = make(availability=[{"languages": languages, "url": "https://example.org/x"}])
    for export in BIB_EXPORTERS.values():
        text = export([resource])
        found = dict(re.findall(r"^  (langid|language) = \{(.*)\},$", text, re.MULTILINE))
        assert found.get("langid") == langid
        assert found.get("language") == language


def test_bibtex_fields_come_back_intact(bibtexparser, catalogue):
    library = read_bibtex(bibtexparser, to_bibtex(catalogue))
    assert [entry.key for entry in library.entries] == [r.id for r in catalogue]
    for entry, resource in zip(library.entries, catalogue, strict=True):
        report = resource.type.value == "report" or resource.type.value.startswith("guidance")
        assert entry.entry_type == ("techreport" if report else "misc")
        assert bibtex_authors(entry) == [o.name for o in resource.organizations]
        assert unlatex(unbrace(entry["title"])) == resource.title
        publisher = entry["institution" if report else "organization"]
        assert unlatex(unbrace(publisher)) == resource.organizations[0].name
        assert unlatex(entry["type"]) == resource.type_label
        assert value(entry, "url") == (
            resource.availability[0].url if resource.availability else None
        )
        assert unlatex(entry["abstract"]) == one_line(resource.description)


def test_bibtex_keeps_non_ascii_text_as_utf8(bibtexparser, sample):
    library = read_bibtex(bibtexparser, to_bibtex(sample))
    titles = {entry.key: unbrace(entry["title"]) for entry in library.entries}
    assert titles["drafting-guidance-2021"] == "Руководство по разработке законодательства"
    assert titles["rapport-sur-la-traite"] == "Rapport sur la traite des êtres humains"


def test_bibtex_escapes_every_latex_special():
    resource = make(title="a\\b & c % d $ e # f _ g { h } i ~ j ^ k } { -- ---")
    expected = (
        r"  title = {{a\textbackslash{}b \& c \% d \$ e \# f \_ g \{ h \} i "
        r"\textasciitilde{} j \textasciicircum{} k \vphantom{\{}\} \{\vphantom{\}} -{}- -{}-{}-}},"
    )
    for export in BIB_EXPORTERS.values():
        assert expected in export([resource]).splitlines()


def test_bibtex_pairs_braces_and_marks_only_the_lone_ones():
    resource = make(title="{a {b} c} d { e")
    assert r"{{\{a \{b\} c\} d \{\vphantom{\}} e}}" in to_bibtex([resource])


def test_bibtex_does_not_escape_an_escape_twice():
    resource = make(title=r"\textbackslash{} \& 100\%")
    text = to_bibtex([resource])
    assert r"\textbackslash{}textbackslash\{\}" in text
    assert r"\textbackslash{}\& 100\textbackslash{}\%" in text


def test_bibtex_protects_organizations_that_contain_and():
    resource = make(organizations=[{"name": "Organization for Security and Co-operation"}])
    assert "  author = {{Organization for Security and Co-operation}},\n" in to_bibtex([resource])


def test_bibtex_writes_urls_verbatim_and_they_cannot_hold_braces(bibtexparser):
    resource = make(availability=[{"url": "https://example.org/a%7Bb%7D%5Cc%20d_e#f"}])
    text = to_bibtex([resource])
    assert "  url = {https://example.org/a%7Bb%7D%5Cc%20d_e#f},\n" in text
    [entry] = read_bibtex(bibtexparser, text).entries
    assert entry["url"] == "https://example.org/a%7Bb%7D%5Cc%20d_e#f"
    with pytest.raises(ValueError, match="must not contain"):
        make(availability=[{"url": "https://example.org/a{b}"}])


@pytest.mark.parametrize("export", BIB_EXPORTERS.values(), ids=BIB_EXPORTERS.keys())
def test_bibtex_fields_come_back_intact_in_both_dialects(bibtexparser, catalogue, export):
    library = read_bibtex(bibtexparser, export(catalogue))
    for entry, resource in zip(library.entries, catalogue, strict=True):
        assert bibtex_authors(entry) == [o.name for o in resource.organizations]
        publisher = (
            "institution" if entry.entry_type in {"techreport", "report"} else "organization"
        )
        assert unlatex(unbrace(entry[publisher])) == resource.organizations[0].name
        languages = value(entry, "language")
        assert (languages or "").split(" and ") == list(
            dict.fromkeys(babel_name(tag) or tag for tag in resource.languages)
        ) or (languages is None and not resource.languages)


@given(HOSTILE)
def test_bibtex_parses_hostile_text(bibtexparser, catalogue):
    library = read_bibtex(bibtexparser, to_bibtex(catalogue))
    assert len(library.entries) == len(catalogue)
    assert [entry.key for entry in library.entries] == [r.id for r in catalogue]
    for entry, resource in zip(library.entries, catalogue, strict=True):
        assert unlatex(unbrace(entry["title"])) == resource.title
        assert bibtex_authors(entry) == [o.name for o in resource.organizations]
        assert unlatex(entry["abstract"]) == one_line(resource.description)
        if resource.availability:
            assert entry["url"] == resource.availability[0].url


@given(HOSTILE)
def test_bibtex_braces_balance_as_bibtex_counts_them(catalogue):
    """BibTeX counts every brace, even after a backslash: each entry must balance."""
    for entry in filter(None, to_bibtex(catalogue).split("\n@")):
        depth = 0
        for char in entry:
            depth += {"{": 1, "}": -1}.get(char, 0)
            assert depth >= 0
        assert depth == 0


@given(HOSTILE)
def test_bibtex_writes_one_line_per_field(catalogue):
    for line in to_bibtex(catalogue).splitlines():
        assert line in {"", "}"} or line.startswith(("@", "  ")), line


# -- RIS ----------------------------------------------------------------------------------


def test_ris_writes_a_record_exactly(sample):
    assert to_ris(sample[:1]) == (
        "TY  - RPRT\n"
        "ID  - guide-ethical-recruitment\n"
        "TI  - Guide to Ethical Recruitment\n"
        "AU  - International Organization for Migration,\n"
        "AU  - H&M Group,\n"
        "PB  - International Organization for Migration\n"
        "PY  - 2019\n"
        "DA  - 2019/12/10/\n"
        "M3  - Guidance\n"
        "UR  - https://example.org/guide.pdf\n"
        "UR  - https://example.org/guia.pdf\n"
        "LA  - en\n"
        "AB  - Recruitment fees must not be charged to workers. A second paragraph.\n"
        "ER  - \n"
    )


def test_ris_reads_back_with_rispy(rispy, catalogue):
    records = rispy.loads(to_ris(catalogue))
    assert len(records) == len(catalogue)
    for record, resource in zip(records, catalogue, strict=True):
        assert record["id"] == resource.id
        assert record["title"] == resource.title
        assert record["authors"] == [o.name + "," for o in resource.organizations]
        assert record["publisher"] == resource.organizations[0].name
        assert record["type_of_work"] == resource.type_label
        assert record.get("urls", []) == [entry.url for entry in resource.availability]
        assert record.get("language") == (resource.languages[:1] or [None])[0]
        assert record["abstract"] == one_line(resource.description)


@given(HOSTILE)
def test_ris_reads_back_hostile_text_with_rispy(rispy, catalogue):
    records = rispy.loads(to_ris(catalogue))
    assert len(records) == len(catalogue)
    for record, resource in zip(records, catalogue, strict=True):
        assert record["id"] == resource.id
        assert record["title"] == resource.title
        assert record["authors"] == [o.name + "," for o in resource.organizations]
        assert record.get("urls", []) == [entry.url for entry in resource.availability]
        assert record["abstract"] == one_line(resource.description)


@given(HOSTILE)
def test_ris_holds_every_value_on_one_tagged_line(catalogue):
    lines = to_ris(catalogue).split("\n")
    for line in lines:
        assert line == "" or RIS_LINE.match(line), line
    assert sum(line.startswith("TY  - ") for line in lines) == len(catalogue)
    assert lines.count("ER  - ") == len(catalogue)


def test_ris_cannot_be_ended_early_by_a_paragraph(rispy):
    """Paragraphs that read like tags stay inside the abstract."""
    resource = make(description="First paragraph.\n\nER  - end\n\nTY  - JOUR")
    text = to_ris([resource])
    assert "AB  - First paragraph. ER  - end TY  - JOUR\n" in text
    [record] = rispy.loads(text)
    assert record["abstract"] == "First paragraph. ER  - end TY  - JOUR"
    assert record["type_of_reference"] == "RPRT"


# -- every format -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "csl", "bibtex", "biblatex", "ris"),
    [
        (ResourceType.REPORT, "report", "techreport", "report", "RPRT"),
        (ResourceType.GUIDANCE, "report", "techreport", "report", "RPRT"),
        (ResourceType.GUIDANCE_IMPLEMENTATION, "report", "techreport", "report", "RPRT"),
        (ResourceType.GUIDANCE_DRAFTING, "report", "techreport", "report", "RPRT"),
        (ResourceType.PRACTICAL_TOOL, "document", "misc", "misc", "GEN"),
        (ResourceType.POLITICAL_COMMITMENTS, "document", "misc", "misc", "GEN"),
        (ResourceType.PLATFORM, "webpage", "misc", "online", "ELEC"),
    ],
)
def test_exporters_map_each_resource_type(kind, csl, bibtex, biblatex, ris):
    resource = make(type=kind.value)
    assert csl_items([resource])[0]["type"] == csl
    assert to_bibtex([resource]).startswith(f"@{bibtex}{{made,\n")
    assert to_ris([resource]).startswith(f"TY  - {ris}\n")
    institution = "institution" if bibtex == "techreport" else "organization"
    assert f"  {institution} = {{{{Made Organization}}}},\n" in to_bibtex([resource])
    assert to_biblatex([resource]).startswith(f"@{biblatex}{{made,\n")


def test_exporters_cover_every_resource_type():
    covered = {kind for kind in ResourceType if csl_items([make(type=kind.value)])}
    assert covered == set(ResourceType)


@pytest.mark.parametrize("export", EXPORTERS.values(), ids=EXPORTERS.keys())
def test_exporters_give_identical_bytes_for_the_same_catalogue(export, catalogue):
    copy = Catalogue(Resource.model_validate_json(r.model_dump_json()) for r in catalogue)
    first = export(catalogue)
    assert export(catalogue) == first
    assert export(copy) == first
    assert export(list(catalogue)) == first


@given(catalogues())
def test_exporters_are_deterministic_on_any_catalogue(catalogue):
    copy = Catalogue(Resource.model_validate_json(r.model_dump_json()) for r in catalogue)
    for export in EXPORTERS.values():
        assert export(copy) == export(catalogue)


def test_exporters_accept_an_empty_sequence():
    assert csl_items([]) == []
    assert to_csl_json(()) == "[]\n"
    assert to_bibtex([]) == ""
    assert to_ris(Catalogue()) == ""


@pytest.mark.parametrize("export", EXPORTERS.values(), ids=EXPORTERS.keys())
def test_exporters_write_no_url_but_the_records_own(export, catalogue):
    found = set(re.findall(r"https?://[^\s\"}]+", export(catalogue)))
    assert found
    assert found <= record_urls(catalogue)


@pytest.mark.parametrize("export", EXPORTERS.values(), ids=EXPORTERS.keys())
def test_exporters_reject_a_single_resource(export, sample):
    with pytest.raises(TypeError, match=r"not a single Resource; pass \[resource\]"):
        export(sample[0])


@pytest.mark.parametrize("export", EXPORTERS.values(), ids=EXPORTERS.keys())
def test_exporters_reject_an_unordered_collection(export, sample):
    with pytest.raises(TypeError, match=r"expected a sequence of Resource, not a set"):
        export(set(sample))


@pytest.mark.parametrize("export", EXPORTERS.values(), ids=EXPORTERS.keys())
def test_exporters_reject_items_that_are_not_resources(export, sample):
    with pytest.raises(TypeError, match=r"item 1 is a dict, not a Resource"):
        export([sample[0], {"id": "x"}])


@pytest.mark.parametrize("export", EXPORTERS.values(), ids=EXPORTERS.keys())
def test_exporters_reject_repeated_ids(export, sample):
    """A repeated id would be a repeated citation key."""
    with pytest.raises(
        LoadError, match=r"record 1 \(id 'guide-ethical-recruitment'\).*duplicate id"
    ):
        export([sample[0], sample[0]])


# -- dates --------------------------------------------------------------------------------

DATES = [
    ("2015", [2015], ["  year = {2015},"], "2015///"),
    ("2018-03", [2018, 3], ["  year = {2018},", "  month = mar,"], "2018/03//"),
    (
        "2019-03-13",
        [2019, 3, 13],
        ["  year = {2019},", "  month = mar,", "  day = {13},"],
        "2019/03/13/",
    ),
]


@pytest.mark.parametrize(("iso", "parts", "bibtex", "ris"), DATES, ids=[d[0] for d in DATES])
def test_dates_keep_their_precision_in_every_format(iso, parts, bibtex, ris):
    resource = make(launch_date=iso)
    assert csl_items([resource])[0]["issued"] == {"date-parts": [parts]}
    dated = [
        line
        for line in to_bibtex([resource]).splitlines()
        if line.startswith(("  year", "  month", "  day", "  date"))
    ]
    assert dated == bibtex
    assert f"\n  date = {{{iso}}},\n" in to_biblatex([resource])
    assert f"\nPY  - {iso[:4]}\nDA  - {ris}\n" in to_ris([resource])


def test_dates_are_absent_from_an_undated_record():
    resource = make()
    assert resource.launch_date is None
    assert "issued" not in csl_items([resource])[0]
    for export in BIB_EXPORTERS.values():
        assert not re.search(r"^  (year|month|day|date) = ", export([resource]), re.MULTILINE)
    assert not re.search(r"^(PY|DA|Y1)  - ", to_ris([resource]), re.MULTILINE)


@given(catalogues())
def test_dates_read_back_at_their_precision(catalogue):
    items = csl_items(catalogue)
    bibtex_entries = to_bibtex(catalogue).split("\n@") if catalogue else []
    biblatex_entries = to_biblatex(catalogue).split("\n@") if catalogue else []
    ris_records = to_ris(catalogue).split("\nTY  - ") if catalogue else []
    for resource, item, entry, biblatex, record in zip(
        catalogue, items, bibtex_entries, biblatex_entries, ris_records, strict=True
    ):
        date = resource.launch_date
        if date is None:
            assert "issued" not in item
            assert "  year = " not in entry
            assert "  date = " not in biblatex
            assert "\nDA  - " not in record
            continue
        [parts] = item["issued"]["date-parts"]
        assert PartialDate(*parts) == date
        year = re.search(r"^  year = \{(\d+)\},$", entry, re.MULTILINE)
        month = re.search(r"^  month = ([a-z]{3}),$", entry, re.MULTILINE)
        day = re.search(r"^  day = \{(\d+)\},$", entry, re.MULTILINE)
        assert year is not None
        assert int(year.group(1)) == date.year
        assert (None if month is None else MONTHS.index(month.group(1)) + 1) == date.month
        assert (None if day is None else int(day.group(1))) == date.day
        [iso] = re.findall(r"^  date = \{(.*)\},$", biblatex, re.MULTILINE)
        assert PartialDate.parse(iso) == date
        [ris_date] = re.findall(r"^DA  - (.*)$", record, re.MULTILINE)
        y, m, d, other = ris_date.split("/")
        assert (int(y), m or None, d or None, other) == (
            date.year,
            date.month and f"{date.month:02d}",
            date.day and f"{date.day:02d}",
            "",
        )
