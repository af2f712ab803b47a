"""The migrantres command, in-process and as the installed console script."""

from __future__ import annotations

import contextlib
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import migrantres
from conftest import SAMPLE_RECORDS
from migrantres.cli import build_parser, main
from migrantres.cli._options import EXPORT_FORMATS
from migrantres.cli._parser import valued_options

ID = "remediation-guidelines-victims-human-trafficking-mineral-supply-chains"


def run(capsys, *argv):
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_list_shows_every_resource_with_date_type_and_title(capsys, monkeypatch, shipped):
    monkeypatch.setenv("COLUMNS", "400")
    code, out, err = run(capsys, "list")
    assert code == 0
    assert err == "5 resources\n"
    lines = out.splitlines()
    assert lines[0].split() == ["id", "date", "type", "title", "organizations", "languages"]
    for resource in shipped:
        row = next(line for line in lines if line.startswith(resource.id + " "))
        assert str(resource.launch_date) in row
        assert resource.type.value in row
        assert resource.title in row
        assert row.endswith(", ".join(resource.languages))


@pytest.mark.parametrize("columns", [40, 80, 120])
def test_list_fits_the_terminal_width(capsys, monkeypatch, columns):
    monkeypatch.setenv("COLUMNS", str(columns))
    _, out, _ = run(capsys, "list")
    for line in out.splitlines():
        # An id longer than the terminal stands alone on its line, whole.
        assert len(line) <= columns or line in migrantres.load().ids()


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
    assert (
        "\navailable:\n  [en, fr, es, zh]\nhttps://publications.iom.int/books/"
        "remediation-guidelines-victims-human-trafficking-mineral-supply-chains\n"
    ) in out
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


# -- list: filters, sorting, formats --------------------------------------------------------

REPORTS = {
    "labour-exploitation-trafficking-migrant-health-multi-country-findings",
    "migrants-vulnerability-human-trafficking-modern-slavery-forced-labour",
}


def ids_of(out):
    return set(out.split())


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["--type", "report"], REPORTS),
        (["--type", "Report / Analysis"], REPORTS),
        (["--org", "H&M Group"], {"migrant-workers-fair-recruitment-treatment-guidelines"}),
        (["--language", "FRA"], {ID}),
        (
            ["--since", "2019", "--type", "report"],
            {"migrants-vulnerability-human-trafficking-modern-slavery-forced-labour"},
        ),
        (
            ["--until", "2018"],
            {ID, "labour-exploitation-trafficking-migrant-health-multi-country-findings"},
        ),
        (
            # "2019" is not wholly before the end of March 2019: left out.
            ["--until", "2019-03"],
            {
                ID,
                "labour-exploitation-trafficking-migrant-health-multi-country-findings",
                "theory-change-working-together-end-migrant-worker-exploitation",
            },
        ),
        (["--where", "title__icontains=remediation"], {ID}),
        (
            ["--where", "launch_date__year__in=2015,2018"],
            {ID, "labour-exploitation-trafficking-migrant-health-multi-country-findings"},
        ),
        (["--where", "launch_date__isnull=true"], set()),
        (
            ["--until", "9999-12", "--type", "guidance"],
            {"migrant-workers-fair-recruitment-treatment-guidelines"},
        ),
        (
            [
                "--org",
                "IOM",
                "--language",
                "fr",
                "--since",
                "2018",
                "--where",
                "type__startswith=guidance",
            ],
            {ID},
        ),
    ],
)
def test_list_filters_mirror_the_python_lookups(capsys, argv, expected):
    code, out, err = run(capsys, "list", *argv, "--format", "ids")
    assert (code, err) == (0, "")
    assert ids_of(out) == expected


def test_list_sort_and_limit(capsys, shipped):
    code, out, _ = run(capsys, "list", "--sort", "-launch_date", "--limit", "2", "--format", "ids")
    assert code == 0
    assert out.split() == list(shipped.sort_by("-launch_date").ids()[:2])


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv", "markdown"])
def test_list_machine_formats_are_the_exports_undecorated(capsys, shipped, fmt):
    code, out, err = run(capsys, "list", "--type", "report", "--format", fmt)
    assert (code, err) == (0, "")
    assert out == getattr(shipped.filter(type="report"), f"to_{fmt}")()


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["list", "--where", "jurisdicton=Global"],
            "unknown field 'jurisdicton' for Resource; did you mean 'jurisdiction'?",
        ),
        (["list", "--where", "launch_date__after=2018"], "unknown lookup 'after'"),
        (["list", "--since", "soon"], "invalid value 'soon' for '--since'"),
        (["list", "--until", "soon"], "invalid value 'soon' for '--until'"),
        (["list", "--type", "handbook"], "invalid value 'handbook' for '--type'"),
        (["list", "--type", "report", "--type", "tool"], "invalid value 'tool' for '--type'"),
        (
            ["list", "--where", "launch_date__gte=2018", "--since", "2019"],
            "the lookup 'launch_date__gte' is given twice",
        ),
        (["list", "--where", "title"], "--where needs FIELD[__OP]=VALUE"),
        (["list", "--where", "launch_date__year=x"], "expected a whole number"),
        (["list", "--sort", "organizations"], "'organizations' holds several values"),
        (["list", "--limit", "-1"], "expected a count of 0 or more"),
        (["list", "--format", "xml"], "invalid choice: 'xml'"),
        (["list", "--data", "missing.json"], "cannot read the file"),
        (["facets", "colour"], "unknown field 'colour'"),
    ],
)
def test_bad_queries_exit_2_with_the_python_apis_message(capsys, argv, message):
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert out == ""
    assert message in err


# -- search, facets, export --------------------------------------------------------------


def test_search_shows_scores_best_first(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    code, out, err = run(capsys, "search", "migrant OR recruitment workers")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split()[:2] == ["id", "score"]
    assert lines[1].startswith("migrant-workers-fair-recruitment-treatment-guidelines")
    rows = [line for line in lines[1:] if not line.startswith(" ")]
    shown = [line.split()[1] for line in rows]
    scores = [0.001 if score == "<0.01" else float(score) for score in shown]
    assert len(scores) == 3
    assert scores == sorted(scores, reverse=True)
    assert err == "3 resources\n"


def test_a_score_too_small_for_two_decimals_is_not_shown_as_zero(capsys, monkeypatch, shipped):
    """A word in most records weighs almost nothing in BM25: "<0.01", not a flat "0.00"."""
    monkeypatch.setenv("COLUMNS", "200")
    found = shipped.search("labour")
    assert 0 < max(found.scores.values()) < 0.005
    code, out, _ = run(capsys, "search", "labour")
    rows = [line for line in out.splitlines()[1:] if not line.startswith(" ")]
    assert code == 0
    assert [line.split()[1] for line in rows] == ["<0.01"] * len(found)


def test_search_takes_several_words_without_quotes(capsys, shipped):
    code, out, _ = run(capsys, "search", "recruitment", "fees", "--format", "ids")
    assert code == 0
    assert out.split() == list(shipped.search("recruitment fees").ids())
    code, out, _ = run(capsys, "search", "“forced", "labour”", "--format", "ids")
    assert out.split() == list(shipped.search('"forced labour"').ids())
    assert len(out.split()) == 2


def test_search_exclusions_and_operators_from_the_command_line(capsys, shipped):
    expected = list(shipped.search("trafficking -health").ids())
    for argv in (
        ["trafficking", "NOT", "health"],
        ["trafficking", "--", "-health"],
        ["trafficking -health"],
    ):
        code, out, _ = run(capsys, "search", "--format", "ids", *argv)
        assert (code, out.split()) == (0, expected), argv


def test_a_word_to_leave_out_needs_no_dashes_before_it_nor_quotes(capsys, shipped):
    """``-health`` alone, first, or in a quoted query starting with it: never ``-h``."""
    expected = list(shipped.search("trafficking -health").ids())
    for argv in (
        ["trafficking", "-health"],
        ["-health", "trafficking"],
        ["-health trafficking"],
        ["--limit", "5", "trafficking", "-health"],
        ["--format", "ids", "-health", "trafficking"],
        # Options among the words, before and after them.
        ["-health", "--format", "ids", "trafficking"],
        ["trafficking", "--limit", "5", "-health", "--format=ids"],
    ):
        code, out, err = run(
            capsys, "search", *argv, *(() if "ids" in argv else ("--format", "ids"))
        )
        assert (code, out.split()) == (0, expected), (argv, err)


@settings(max_examples=30)
@given(
    st.text(st.characters(categories=["L", "N"]), min_size=1, max_size=8).filter(lambda w: w != "h")
)
def test_any_word_to_leave_out_is_read_as_the_api_reads_it(word):
    """The command line's query is the API's, whatever the word after the dash."""
    try:
        expected = list(migrantres.load().search(f"migrant -{word}").ids())
    except migrantres.InvalidValueError:
        expected = None
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["search", "migrant", f"-{word}", "--format", "ids"])
    if expected is None:
        assert (code, out.getvalue()) == (2, ""), err.getvalue()
    else:
        assert (code, out.getvalue().split()) == (0, expected), err.getvalue()


def test_options_after_double_dash_are_refused_not_searched(capsys):
    code, out, err = run(capsys, "search", "trafficking", "--", "-health", "--format", "ids")
    assert (code, out) == (2, "")
    assert "'--format' starts with two dashes" in err


def test_the_options_taking_a_value_are_read_from_the_parser():
    assert valued_options(build_parser(), "search") >= {"--format", "--limit", "--where", "--data"}
    assert "--with-bundled" not in valued_options(build_parser(), "search")
    assert "--help" not in valued_options(build_parser(), "search")


@pytest.mark.parametrize(
    ("argv", "command", "unknown"),
    [
        (["export", "--limit", "1", "--format", "csv"], "export", "--limit 1"),
        (["list", "--bogus"], "list", "--bogus"),
        (["search", "trafficking", "--bogus", "-health"], "search", "--bogus"),
    ],
)
def test_an_unknown_option_is_reported_with_its_commands_usage(capsys, argv, command, unknown):
    code, out, err = run(capsys, *argv)
    assert (code, out) == (2, "")
    assert err.startswith(f"usage: migrantres {command} [-h]")
    assert err.endswith(f"migrantres {command}: error: unrecognized arguments: {unknown}\n")


def test_a_malformed_search_is_one_line_and_status_2(capsys):
    code, out, err = run(capsys, "search", "labour", "OR")
    assert (code, out) == (2, "")
    assert err.count("\n") == 1
    assert "'OR' at the end has nothing after it" in err


def test_search_json_carries_scores(capsys, shipped):
    code, out, _ = run(capsys, "search", "recruitment", "--format", "json")
    records = json.loads(out)
    assert code == 0
    assert [r["id"] for r in records] == list(shipped.search("recruitment").ids())
    assert all(r["score"] > 0 for r in records)


def test_search_with_no_hits_is_empty_not_an_error(capsys):
    code, out, _ = run(capsys, "search", "zebra", "--format", "ids")
    assert (code, out) == (0, "")


def test_facets_counts_largest_first(capsys):
    code, out, _ = run(capsys, "facets", "launch_date__year", "--format", "json")
    assert code == 0
    assert json.loads(out) == [
        {"value": 2019, "count": 3},
        {"value": 2015, "count": 1},
        {"value": 2018, "count": 1},
    ]
    code, out, _ = run(capsys, "facets", "type")
    assert out.splitlines()[1].split() == ["2", "guidance-implementation"]


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_export_writes_every_format_to_a_file(capsys, tmp_path, shipped, fmt):
    target = tmp_path / f"out.{fmt}"
    code, out, err = run(capsys, "export", "--format", fmt, "--org", "IOM", "-o", str(target))
    assert (code, out) == (0, "")
    assert err == f"wrote 5 resources to {target}\n"
    assert target.read_bytes().decode("utf-8") == getattr(shipped, EXPORT_FORMATS[fmt])()


def test_export_to_stdout(capsys, shipped):
    code, out, _ = run(capsys, "export", "--format", "jsonl", "--type", "guidance")
    assert code == 0
    assert out == shipped.filter(type="guidance").to_jsonl()


def test_export_to_an_unwritable_place_exits_2(capsys, tmp_path):
    code, _, err = run(
        capsys, "export", "--format", "json", "-o", str(tmp_path / "no" / "such" / "dir.json")
    )
    assert code == 2
    assert "cannot write" in err


# -- diff, validate, info ---------------------------------------------------------------


def test_diff_exits_0_when_identical_and_1_when_different(capsys, tmp_path, shipped):
    old = tmp_path / "old.json"
    new = tmp_path / "new.csv"
    old.write_text(shipped.to_json(), encoding="utf-8")
    new.write_text(shipped.to_csv(), encoding="utf-8", newline="")
    code, out, _ = run(capsys, "diff", str(old), str(new))
    assert (code, out) == (0, "no differences\n")
    new.write_text(shipped[1:].to_csv(), encoding="utf-8", newline="")
    code, out, _ = run(capsys, "diff", str(old), str(new), "--format", "markdown")
    assert code == 1
    assert out == f"### Data\n\nRemoved:\n\n- `{shipped[0].id}`\n"
    code, out, _ = run(capsys, "diff", str(new), str(old), "--format", "json")
    assert code == 1
    assert json.loads(out)["added"] == [shipped[0].id]


def test_validate_reports_every_problem_and_exits_1(capsys, tmp_path):
    records = [dict(r) for r in SAMPLE_RECORDS[:2]]
    records[0]["launch_date"] = "31 February 2019"
    records[1]["availability"] = [{"url": "file:///etc/passwd"}]
    path = tmp_path / "mine.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    code, out, err = run(capsys, "validate", str(path))
    assert code == 1
    assert err == ""
    assert out.splitlines()[0] == f"{path}: invalid, 2 problems"
    assert "record 0 (id 'guide-ethical-recruitment'), field 'launch_date'" in out
    assert "record 1 (id 'rapport-sur-la-traite'), field 'availability.0.url'" in out


def test_validate_a_file_it_cannot_read_is_an_error_not_a_negative_answer(capsys, tmp_path):
    for path in (tmp_path / "missing.json", tmp_path):
        code, out, err = run(capsys, "validate", str(path))
        assert (code, out) == (2, ""), path
        assert err.startswith(f"migrantres: error: cannot load catalogue from {path}: 1 problem")


def test_validate_a_good_file_exits_0(capsys, tmp_path):
    path = tmp_path / "mine.jsonl"
    path.write_text(migrantres.Catalogue.from_records(SAMPLE_RECORDS).to_jsonl(), encoding="utf-8")
    code, out, _ = run(capsys, "validate", str(path))
    assert (code, out) == (0, f"{path}: valid, 6 resources\n")


def test_info_names_versions_checksum_count_and_sources(capsys):
    manifest = migrantres.manifest()
    code, out, _ = run(capsys, "info")
    assert code == 0
    assert f"package version  {migrantres.__version__}" in out
    assert f"sha256           {manifest.sha256}" in out
    assert "records          5" in out
    assert "upstream/osce-compendium-iom.txt" in out
    code, out, _ = run(capsys, "info", "--format", "json")
    assert json.loads(out)["record_count"] == 5


def test_every_command_has_help_with_an_example(capsys):
    from migrantres.cli import build_parser  # noqa: PLC0415

    commands = build_parser()._subparsers._group_actions[0].choices
    assert set(commands) == {
        "list",
        "search",
        "show",
        "facets",
        "export",
        "schema",
        "diff",
        "validate",
        "info",
        "ingest",
    }
    for name in commands:
        code, out, _ = run(capsys, name, "--help")
        assert code == 0
        assert "Example:\n  migrantres" in out, name


def test_output_closed_early_is_not_an_error(tmp_path):
    """`migrantres list | head -1`: the reader leaves early; no traceback, status 0."""
    record = migrantres.Catalogue.from_records(SAMPLE_RECORDS[:1]).to_records()[0]
    big = migrantres.Catalogue.from_records(
        [{**record, "id": f"resource-number-{n:06d}"} for n in range(6000)]
    )
    path = tmp_path / "big.jsonl"
    path.write_text(big.to_jsonl(), encoding="utf-8")  # ids alone exceed a pipe's buffer
    process = subprocess.Popen(
        [sys.executable, "-m", "migrantres", "list", "--format", "ids", "--data", str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None
    assert process.stdout.readline() == b"resource-number-000000\n"
    process.stdout.close()
    _, err = process.communicate(timeout=60)
    assert err == b""
    assert process.returncode == 0


def test_search_limit_shows_the_best(capsys):
    code, out, _ = run(capsys, "search", "migrant", "--limit", "2", "--format", "ids")
    assert code == 0
    assert out.split() == list(migrantres.load().search("migrant").ids()[:2])
