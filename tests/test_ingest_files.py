"""migrantres.ingest.ingest and `migrantres ingest`: text files of any section to a catalogue."""

from __future__ import annotations

import json

import pytest

import migrantres
from conftest import ROOT
from migrantres import CorrectionError, InvalidValueError, ParseError, RepairKind
from migrantres.cli import main
from migrantres.ingest import ingest

FIXTURES = ROOT / "tests" / "fixtures" / "compendium"
NGO = FIXTURES / "ngo-section.txt"
PRIVATE = FIXTURES / "private-sector-section.txt"
PRIVATE_CORRECTIONS = FIXTURES / "private-sector-corrections.toml"
APPAREL = "Example Apparel Group"


def test_a_section_with_its_heading_becomes_records_with_full_provenance(tmp_path):
    out = tmp_path / "ngo.json"
    catalogue = ingest(NGO, output=out)
    assert catalogue.ids() == (
        "test-fixture-handbook-recruitment-fees-exampleland",
        "test-fixture-helpline-domestic-workers",
        "test-fixture-report-forced-labour-imaginary-fisheries",
    )
    handbook = catalogue["test-fixture-handbook-recruitment-fees-exampleland"]
    provenance = handbook.provenance
    assert provenance is not None
    assert (provenance.file, provenance.first_line, provenance.last_line) == (str(NGO), 3, 10)
    assert provenance.section == "Example Migrant Workers Network (EMWN)"
    assert provenance.document == "ngo-section.txt"
    assert [r.kind for r in provenance.repairs] == [RepairKind.REJOINED_URL]
    assert provenance.repairs[0].line == 10
    assert [(o.name, o.acronym) for o in handbook.organizations] == [
        ("Ministry of Labour, Invalids and Social Affairs of Exampleland", None),
        ("Example Migrant Workers Network", "EMWN"),
    ]
    assert handbook.availability[1].url == "https://example.org/emwn/handbook-fr.pdf"
    # the acronym alone names the section's organization; a name closed by its acronym ends
    report = catalogue["test-fixture-report-forced-labour-imaginary-fisheries"]
    assert [(o.name, o.acronym) for o in report.organizations] == [
        ("Fictional Fishers Union", "FFU"),
        ("Example Migrant Workers Network", "EMWN"),
    ]
    assert report.date_kind.value == "publication"
    # the file holds exactly what was returned, provenance and all
    assert migrantres.load(out) == catalogue
    assert migrantres.load(out)[0].provenance == catalogue[0].provenance


def test_the_same_parser_as_the_build_reads_the_bundled_text_alike():
    """Ingesting the upstream text with its corrections gives the bundled records."""
    catalogue = ingest(
        ROOT / "upstream" / "osce-compendium-iom.txt",
        corrections=ROOT / "upstream" / "corrections.toml",
    )
    bundled = migrantres.load()
    assert catalogue.ids() == bundled.ids()
    for mine, shipped in zip(catalogue, bundled, strict=True):
        assert mine.model_dump(exclude={"provenance"}) == shipped.model_dump(exclude={"provenance"})
        assert mine.provenance is not None
        assert shipped.provenance is not None
        assert mine.provenance.repairs == shipped.provenance.repairs
        assert mine.provenance.corrections == shipped.provenance.corrections


def test_text_without_a_heading_takes_the_sections_organization_given():
    with pytest.raises(ParseError, match="before the first section heading") as info:
        ingest(PRIVATE)
    assert (info.value.source, info.value.line) == (str(PRIVATE), 1)
    catalogue = ingest(PRIVATE, organization=APPAREL, corrections=PRIVATE_CORRECTIONS)
    code = catalogue["test-fixture-supplier-code-migrant-workers"]
    assert code.provenance is not None
    assert code.provenance.section == APPAREL
    toolkit = catalogue["test-fixture-remediation-toolkit"]
    assert [o.name for o in toolkit.organizations] == [
        "Fictional Fair Labour Partners",
        "Imaginary Ethical Sourcing Alliance",
    ]
    assert toolkit.provenance is not None
    assert [c.field for c in toolkit.provenance.corrections] == ["organizations"]


def test_without_its_correction_an_unsplittable_list_stays_one_organization():
    toolkit = ingest(PRIVATE, organization=APPAREL)["test-fixture-remediation-toolkit"]
    assert [o.name for o in toolkit.organizations] == [
        "Fictional Fair Labour Partners and Imaginary Ethical Sourcing Alliance"
    ]


def test_a_correction_that_matches_nothing_is_refused_and_nothing_is_written(tmp_path):
    out = tmp_path / "out.json"
    with pytest.raises(CorrectionError, match="matched no record"):
        ingest(NGO, corrections=PRIVATE_CORRECTIONS, output=out)
    assert not out.exists()


BROKEN = (
    "Example Migrant Workers Network (EMWN)\n"
    "Name of Resource\tTest Fixture Broken Record\n"
    "Type\tGuidance\n"
    "Country / jurisdiction\tGlobal\n"
    "Organization\tEMWN\n"
    "Initiative launch date\tsoon\n"
    "Description\tInvented.\n"
)


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (BROKEN, 6, "invalid date 'soon'"),
        (BROKEN.replace("Type\tGuidance", "Kind\tGuidance"), 3, "unknown label 'Kind'"),
        (
            BROKEN.replace("EMWN\nI", "EMWN and\nI").replace("soon", "2024"),
            5,
            "an empty name",
        ),
        (BROKEN.replace("Type\tGuidance\n", ""), 2, "has no 'type'"),
    ],
)
def test_text_the_rules_cannot_read_names_file_and_line_and_writes_nothing(
    tmp_path, text, line, message
):
    source = tmp_path / "broken.txt"
    source.write_text(text, encoding="utf-8")
    out = tmp_path / "out.json"
    out.write_text("an older file stays as it was", encoding="utf-8")
    with pytest.raises(ParseError, match=message) as info:
        ingest(NGO, source, output=out)
    assert (info.value.source, info.value.line) == (str(source), line)
    assert str(info.value).startswith(f"{source}, line {line}: ")
    assert out.read_text(encoding="utf-8") == "an older file stays as it was"
    assert {p.name for p in tmp_path.iterdir()} == {"broken.txt", "out.json"}


def test_files_that_cannot_be_read_name_themselves(tmp_path):
    with pytest.raises(ParseError, match="cannot read the file") as info:
        ingest(tmp_path / "missing.txt")
    assert info.value.source == str(tmp_path / "missing.txt")
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("Verit\xe9 (V)\n".encode("latin-1"))
    with pytest.raises(ParseError, match="not UTF-8 text"):
        ingest(latin1)
    empty = tmp_path / "empty.txt"
    empty.write_text("Example Migrant Workers Network (EMWN)\n", encoding="utf-8")
    with pytest.raises(ParseError, match="no records"):
        ingest(empty)


def test_the_same_id_in_two_files_is_refused_with_both_places(tmp_path):
    copy = tmp_path / "copy.txt"
    copy.write_bytes(NGO.read_bytes())
    with pytest.raises(ParseError, match=rf"same id .* as the one at {NGO} line 3"):
        ingest(NGO, copy)


def test_output_formats_follow_the_extension_and_round_trip(tmp_path):
    reference = ingest(NGO)
    for name in ("ngo.json", "ngo.jsonl", "ngo.ndjson", "ngo.csv"):
        ingest(NGO, output=tmp_path / name)
        assert migrantres.load(tmp_path / name) == reference
    with pytest.raises(InvalidValueError, match=r"'output'.*\.json, \.jsonl"):
        ingest(NGO, output=tmp_path / "ngo.xml")
    with pytest.raises(TypeError, match="at least one"):
        ingest()


# -- the command -------------------------------------------------------------------------


def test_the_command_writes_the_file_and_check_writes_nothing(tmp_path, capsys):
    out = tmp_path / "mine.json"
    argv = [
        "ingest",
        str(NGO),
        str(PRIVATE),
        "--organization",
        APPAREL,
        "--corrections",
        str(PRIVATE_CORRECTIONS),
    ]
    assert main([*argv, "--check"]) == 0
    assert capsys.readouterr().out == (
        f"{NGO}, {PRIVATE}: valid, 5 resources, 1 repair, 1 correction\n"
    )
    assert not out.exists()
    assert main([*argv, "-o", str(out)]) == 0
    assert capsys.readouterr().err == f"wrote 5 resources to {out}\n"
    assert len(migrantres.load(out)) == 5
    assert main([*argv[:2], "--document", "Invented fixtures"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert {r["provenance"]["document"] for r in printed["records"]} == {"Invented fixtures"}


def test_the_command_reports_unreadable_text_without_a_traceback(tmp_path, capsys):
    out = tmp_path / "mine.json"
    assert main(["ingest", str(PRIVATE), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"migrantres: error: {PRIVATE}, line 1: a 'title' label before")
    assert "Traceback" not in err
    assert not out.exists()
    assert main(["ingest", str(PRIVATE), "--check"]) == 1
    assert capsys.readouterr().out.startswith(f"invalid: {PRIVATE}, line 1: ")
