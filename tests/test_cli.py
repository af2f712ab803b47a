"""The migrantres command, in-process and as the installed console script."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import migrantres
from conftest import SAMPLE_RECORDS
from migrantres.cli import main

ID = "remediation-guidelines-victims-human-trafficking-mineral-supply-chains"


def run(capsys, *argv):
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_list_shows_every_resource_with_date_type_and_title(capsys, monkeypatch, shipped):
    monkeypatch.setenv("COLUMNS", "400")
    code, out, err = run(capsys, "list")
    assert code == 0
    assert err == ""
    lines = out.splitlines()
    assert lines[0].split() == ["id", "date", "type", "title"]
    for resource in shipped:
        row = next(line for line in lines if line.startswith(resource.id + " "))
        assert str(resource.launch_date) in row
        assert resource.type.value in row
        assert resource.title in row


@pytest.mark.parametrize("columns", [40, 80, 120])
def test_list_fits_the_terminal_width(capsys, monkeypatch, columns):
    monkeypatch.setenv("COLUMNS", str(columns))
    _, out, _ = run(capsys, "list")
    assert max(len(line) for line in out.splitlines()) <= columns


def test_list_reads_a_users_file(capsys, tmp_path):
    path = tmp_path / "mine.json"
    path.write_text(json.dumps(SAMPLE_RECORDS), encoding="utf-8")
    code, out, _ = run(capsys, "list", "--data", str(path))
    assert code == 0
    assert "undated-platform" in out


def test_show_prints_every_field_and_the_source(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")
    code, out, err = run(capsys, "show", ID)
    assert code == 0
    assert err == ""
    assert "Remediation Guidelines for Victims of Human Trafficking in Mineral Supply Chains" in out
    assert "guidance-implementation (Guidance on policy / legislation implementation)" in out
    assert "2018-03" in out
    assert "[en, fr, es, zh] https://publications.iom.int/books/" in out
    assert "They focus on non-State remediation mechanisms" in out
    assert "source: upstream/osce-compendium-iom.txt, lines 14-25" in out
    assert "corrected title: 'Supply Chains'" in out


def test_show_json_is_the_record(capsys):
    code, out, _ = run(capsys, "show", ID, "--format", "json")
    assert code == 0
    assert migrantres.Resource.model_validate_json(out) == migrantres.load()[ID]


def test_show_unknown_id_fails_on_stderr_with_a_suggestion(capsys):
    code, out, err = run(capsys, "show", "remediation-guidelines")
    assert code == 2
    assert out == ""
    assert err.startswith(
        "migrantres: error: no resource with id 'remediation-guidelines'; did you mean"
    )


def test_bad_usage_exits_2(capsys):
    code, out, err = run(capsys, "frobnicate")
    assert code == 2
    assert "invalid choice: 'frobnicate'" in err
    assert out == ""


def test_version_names_package_and_dataset(capsys):
    code, out, _ = run(capsys, "--version")
    assert code == 0
    assert (
        out.strip()
        == f"migrantres {migrantres.__version__} (dataset {migrantres.manifest().version})"
    )


def test_help_has_an_example(capsys):
    for argv in ([], ["list"], ["show"]):
        code, out, _ = run(capsys, *argv, "--help")
        assert code == 0
        assert "Example:\n  migrantres" in out


def _console_script() -> str:
    found = shutil.which("migrantres", path=str(Path(sys.executable).parent))
    assert found, "the migrantres console script is not installed next to this Python"
    return found


@pytest.mark.slow
def test_the_installed_console_script_lists_the_catalogue():
    result = subprocess.run(
        [_console_script(), "list"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
        env={"COLUMNS": "200", "PATH": ""},
    )
    assert result.returncode == 0, result.stderr
    assert "migrant-workers-fair-recruitment-treatment-guidelines" in result.stdout


@pytest.mark.slow
def test_python_dash_m_runs_the_same_command():
    result = subprocess.run(
        [sys.executable, "-m", "migrantres", "show", "nope"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert "no resource with id 'nope'" in result.stderr
