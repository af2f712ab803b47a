"""The build: reproducible, self-checking, and strict about corrections."""

from __future__ import annotations

import hashlib
import json
import shutil

import pytest

import migrantres
from conftest import ROOT, UPSTREAM
from migrantres import CorrectionError, ParseError
from migrantres.build import as_of, build, main, stale_files

DATA = ROOT / "src" / "migrantres" / "data"


def test_shipped_data_is_exactly_what_the_build_makes():
    result = build(UPSTREAM)
    assert stale_files(result, DATA) == []
    for name, content in result.files.items():
        assert (DATA / name).read_bytes() == content


def test_the_build_is_byte_identical_on_every_run():
    assert build(UPSTREAM).files == build(UPSTREAM).files


def test_check_mode_reports_stale_data(tmp_path, capsys):
    shutil.copytree(UPSTREAM, tmp_path / "upstream")
    (tmp_path / "src" / "migrantres" / "data").mkdir(parents=True)
    assert main(["--root", str(tmp_path), "--check"]) == 1
    assert "stale:" in capsys.readouterr().err
    assert main(["--root", str(tmp_path)]) == 0
    assert main(["--root", str(tmp_path), "--check"]) == 0


def test_manifest_vouches_for_the_records_file():
    manifest = json.loads((DATA / "manifest.json").read_text(encoding="utf-8"))
    listed = [entry["path"] for entry in manifest["files"]]
    assert listed == [
        "resources.json",
        "resources.csv",
        "resources.schema.json",
        "datapackage.json",
    ]
    assert sorted(p.name for p in DATA.iterdir()) == sorted([*listed, "manifest.json"])
    for entry in manifest["files"]:
        content = (DATA / entry["path"]).read_bytes()
        assert entry["bytes"] == len(content)
        assert entry["sha256"] == hashlib.sha256(content).hexdigest()
    assert manifest["record_count"] == 5
    assert manifest["version"] == migrantres.__version__
    source = (UPSTREAM / "osce-compendium-iom.txt").read_bytes()
    assert manifest["sources"][0]["sha256"] == hashlib.sha256(source).hexdigest()


def test_records_file_has_a_header_and_sorted_records():
    document = json.loads((DATA / "resources.json").read_text(encoding="utf-8"))
    assert list(document) == ["schema_version", "name", "version", "as_of", "records"]
    assert document["as_of"] == as_of(document["version"])  # 2026-11-28 for 0.1.20261128
    ids = [r["id"] for r in document["records"]]
    assert ids == sorted(ids)


def test_records_file_is_utf8_json_with_unescaped_text():
    text = (DATA / "resources.json").read_text(encoding="utf-8")
    assert "\\u" not in text
    assert text.endswith("}\n")


def _upstream_copy(tmp_path, corrections):
    shutil.copytree(UPSTREAM, tmp_path / "upstream")
    (tmp_path / "upstream" / "corrections.toml").write_text(corrections, encoding="utf-8")
    return tmp_path / "upstream"


CORRECTION = """
[[correction]]
id = "{id}"
field = "{field}"
source_value = "{source_value}"
value = "{value}"
reason = "r"
evidence = "e"
"""


def test_a_correction_that_matches_nothing_fails_the_build(tmp_path):
    upstream = _upstream_copy(
        tmp_path, CORRECTION.format(id="x", field="title", source_value="No Such Title", value="Y")
    )
    with pytest.raises(CorrectionError, match="'No Such Title' to 'Y' .* matched no record"):
        build(upstream)


def test_a_correction_that_matches_several_records_fails_the_build(tmp_path):
    upstream = _upstream_copy(
        tmp_path,
        CORRECTION.format(id="x", field="jurisdiction", source_value="Global", value="World"),
    )
    with pytest.raises(CorrectionError, match="names record 'x', but it applied to record 'labour"):
        build(upstream)


def test_a_correction_naming_the_wrong_record_fails_the_build(tmp_path):
    upstream = _upstream_copy(
        tmp_path,
        CORRECTION.format(
            id="wrong-id", field="title", source_value="Supply Chains", value="A Title"
        ),
    )
    with pytest.raises(
        CorrectionError, match="names record 'wrong-id', but it applied to record 'title'"
    ):
        build(upstream)


def test_a_correction_of_an_uncorrectable_field_is_refused(tmp_path):
    upstream = _upstream_copy(
        tmp_path, CORRECTION.format(id="x", field="availability", source_value="a", value="b")
    )
    with pytest.raises(CorrectionError, match="cannot correct 'availability'"):
        build(upstream)


def test_without_the_correction_the_destroyed_title_stays_as_the_source_gives_it(tmp_path):
    upstream = _upstream_copy(tmp_path, "")
    titles = {r.title for r in build(upstream).resources}
    assert "Supply Chains" in titles


def test_an_id_correction_keeps_a_released_id(tmp_path):
    upstream = _upstream_copy(
        tmp_path,
        CORRECTION.format(
            id="remediation-guidelines",
            field="id",
            source_value="supply-chains",
            value="remediation-guidelines",
        ),
    )
    resource = next(r for r in build(upstream).resources if r.title == "Supply Chains")
    assert resource.id == "remediation-guidelines"
    assert resource.provenance.corrections[0].field == "id"


def test_a_damaged_upstream_text_fails_the_build_with_file_and_line(tmp_path):
    upstream = _upstream_copy(tmp_path, "")
    path = upstream / "osce-compendium-iom.txt"
    path.write_text(path.read_text(encoding="utf-8") + "\nA stray line\n", encoding="utf-8")
    with pytest.raises(
        ParseError, match=r"upstream/osce-compendium-iom.txt, line 54: a line with no label"
    ):
        build(upstream)


def test_main_reports_a_failed_build_on_stderr(tmp_path, capsys):
    upstream = _upstream_copy(tmp_path, "[[correction]]\nid = 1\n")
    assert main(["--root", str(upstream.parent)]) == 2
    assert "build failed:" in capsys.readouterr().err
