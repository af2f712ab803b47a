"""``migrantres export`` to Parquet and SQLite files, and the slim JSON forms."""

from __future__ import annotations

import json
import subprocess
import sys

import duckdb
import pytest

import migrantres
from migrantres.cli import main
from migrantres.cli._options import EXPORT_FORMATS, FILE_FORMATS, SUFFIXES


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(("fmt", "suffix"), [("parquet", ".parquet"), ("sqlite", ".sqlite")])
def test_export_writes_a_file_that_loads_back(capsys, shipped, tmp_path, fmt, suffix):
    path = tmp_path / f"reports{suffix}"
    code, out, err = run(capsys, "export", "--format", fmt, "--type", "report", "-o", str(path))
    assert (code, out) == (0, "")
    assert err.startswith(f"wrote 2 resources to {path}\n")
    back = migrantres.load(path)
    assert back.to_json() == shipped.filter(type="report").to_json()


def test_export_sqlite_says_where_the_datasette_metadata_is(capsys, tmp_path):
    path = tmp_path / "catalogue.sqlite"
    code, _, err = run(capsys, "export", "--format", "sqlite", "-o", str(path))
    assert code == 0
    assert f"wrote Datasette's metadata to {tmp_path / 'catalogue.metadata.json'}" in err
    assert json.loads((tmp_path / "catalogue.metadata.json").read_text("utf-8"))["title"]


def test_list_reads_the_exported_files_with_data(capsys, tmp_path):
    for fmt in ("parquet", "sqlite"):
        path = tmp_path / f"catalogue.{fmt}"
        assert run(capsys, "export", "--format", fmt, "--org", "H&M Group", "-o", str(path))[0] == 0
        code, out, _ = run(capsys, "list", "--data", str(path), "--format", "ids")
        assert (code, out) == (0, "migrant-workers-fair-recruitment-treatment-guidelines\n")


@pytest.mark.parametrize("fmt", ["parquet", "sqlite"])
def test_file_formats_need_an_output_file(capsys, fmt):
    code, out, err = run(capsys, "export", "--format", fmt)
    assert (code, out) == (2, "")
    assert err == f"migrantres: error: --format {fmt} writes a file: give it with -o FILE\n"


@pytest.mark.parametrize(
    ("fmt", "name", "said"),
    [
        ("json", "wrong.csv", ("csv", ".json")),
        ("csv", "wrong.parquet", ("parquet", ".csv")),
        ("bibtex", "refs.JSON", ("json/csl-json", ".bib")),
        ("sqlite", "out.jsonl", ("jsonl", ".sqlite or .sqlite3 or .db")),
    ],
)
def test_a_file_named_for_another_format_is_refused_and_nothing_written(
    capsys, tmp_path, fmt, name, said
):
    path, (names, fits) = tmp_path / name, said
    code, out, err = run(capsys, "export", "--format", fmt, "-o", str(path))
    assert (code, out) == (2, "")
    assert err == (
        f"migrantres: error: -o {path} names a {names} file, but --format is {fmt}: give a "
        f"file name ending in {fits}, or the --format that fits it\n"
    )
    assert not path.exists()


@pytest.mark.parametrize(
    ("fmt", "name"),
    [
        ("csl-json", "refs.json"),
        ("biblatex", "refs.bib"),
        ("json", "out.txt"),
        ("markdown", "X.MD"),
    ],
)
def test_every_format_a_name_may_hold_is_written_to_it(capsys, tmp_path, fmt, name):
    code, _, err = run(capsys, "export", "--format", fmt, "-o", str(tmp_path / name))
    assert (code, err) == (0, f"wrote 5 resources to {tmp_path / name}\n")


def test_every_export_format_has_an_extension_that_fits_it():
    assert {f for held in SUFFIXES.values() for f in held} == set(EXPORT_FORMATS) | set(
        FILE_FORMATS
    )


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_no_provenance_writes_the_slim_form(capsys, shipped, fmt):
    code, out, _ = run(capsys, "export", "--format", fmt, "--no-provenance")
    assert code == 0
    assert out == getattr(shipped, f"to_{fmt}")(provenance=False)
    assert "provenance" not in out


def test_no_provenance_is_refused_where_it_does_not_apply(capsys):
    code, _, err = run(capsys, "export", "--format", "csv", "--no-provenance")
    assert code == 2
    assert "--no-provenance applies to json and jsonl, not to csv" in err


def test_an_unwritable_file_is_a_usage_error(capsys, tmp_path):
    code, _, err = run(
        capsys, "export", "--format", "sqlite", "-o", str(tmp_path / "missing" / "x.sqlite")
    )
    assert code == 2
    assert "cannot write" in err


def test_without_pyarrow_parquet_export_says_what_to_install(capsys, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    code, _, err = run(capsys, "export", "--format", "parquet", "-o", str(tmp_path / "x.parquet"))
    assert code == 2
    assert "migrantres: error: to_parquet() needs the optional dependency 'pyarrow'" in err


def test_export_help_lists_the_file_formats(capsys):
    code, out, _ = run(capsys, "export", "--help")
    assert code == 0
    assert "bibtex, biblatex, ris, parquet, sqlite" in " ".join(out.split())
    assert "migrantres export --format sqlite -o catalogue.sqlite" in out
    assert "datasette NAME.sqlite -m NAME.metadata.json" in " ".join(out.split())


@pytest.mark.slow
def test_the_installed_command_exports_parquet_for_duckdb(tmp_path):
    path = tmp_path / "catalogue.parquet"
    result = subprocess.run(
        [sys.executable, "-m", "migrantres", "export", "--format", "parquet", "-o", str(path)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert duckdb.sql(f"SELECT count(*) FROM '{path}'").fetchall() == [(5,)]
