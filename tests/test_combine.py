"""load() of several sources: the bundled data and files of any format, combined."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import migrantres
from conftest import ROOT, SAMPLE_RECORDS
from migrantres import Catalogue, InvalidValueError, LoadError
from migrantres.cli import main
from migrantres.ingest import ingest
from strategies import catalogues

NGO = ROOT / "tests" / "fixtures" / "compendium" / "ngo-section.txt"
BUNDLED = f"migrantres=={migrantres.__version__}"


@pytest.fixture
def ngo(tmp_path):
    path = tmp_path / "ngo.json"
    ingest(NGO, output=path)
    return path


@pytest.fixture
def sample_csv(tmp_path):
    path = tmp_path / "sample.csv"
    path.write_text(Catalogue.from_records(SAMPLE_RECORDS).to_csv(), encoding="utf-8")
    return path


def test_load_and_load_of_one_path_work_as_before(ngo):
    assert migrantres.load() is migrantres.load()
    assert migrantres.load(None) is migrantres.load()
    mine = migrantres.load(ngo)
    assert len(mine) == 3
    assert mine.version is None


def test_the_bundled_data_and_files_of_any_format_combine_in_order(ngo, sample_csv):
    combined = migrantres.load(ngo, sample_csv, bundled=True)
    bundled, mine, sample = migrantres.load(), migrantres.load(ngo), migrantres.load(sample_csv)
    assert combined.ids() == bundled.ids() + mine.ids() + sample.ids()
    assert combined.version == f"{BUNDLED} + {ngo} + {sample_csv}"
    # every record is the source's own, provenance and all
    for resource in combined:
        source = next(c for c in (bundled, mine, sample) if resource.id in c)
        assert resource == source[resource.id]
        assert resource.provenance == source[resource.id].provenance
    assert combined.filter(organizations="EMWN").ids() == mine.ids()
    assert combined.search("recruitment fees").ids()[:1] == (
        "test-fixture-handbook-recruitment-fees-exampleland",
    )


def test_a_files_own_version_is_named_in_the_combined_version(tmp_path, ngo):
    versioned = tmp_path / "old.json"
    versioned.write_text(migrantres.load().head(2).to_json(), encoding="utf-8")
    combined = migrantres.load(ngo, versioned)
    assert combined.version == f"{ngo} + {versioned} ({migrantres.__version__})"


def test_a_duplicate_id_is_an_error_naming_both_sources(tmp_path, ngo):
    copy = tmp_path / "copy.jsonl"
    copy.write_text(migrantres.load(ngo).head(2).to_jsonl(), encoding="utf-8")
    with pytest.raises(LoadError, match=r"2 problems") as info:
        migrantres.load(ngo, copy)
    first = info.value.problems[0]
    assert first.id == "test-fixture-handbook-recruitment-fees-exampleland"
    assert f"is in both {ngo} and {copy}" in first.message
    assert "on_duplicate='first' or 'last'" in first.message
    bundled_copy = tmp_path / "bundled-copy.json"
    bundled_copy.write_text(migrantres.load().head(1).to_json(), encoding="utf-8")
    with pytest.raises(LoadError, match=f"is in both the bundled catalogue and {bundled_copy}"):
        migrantres.load(bundled_copy, bundled=True)


def test_one_side_wins_when_asked(tmp_path):
    bundled = migrantres.load()
    first = bundled[0]
    edited = first.model_copy(update={"title": "An Edited Title"})
    path = tmp_path / "edit.json"
    path.write_text(Catalogue([edited]).to_json(), encoding="utf-8")
    kept_first = migrantres.load(path, bundled=True, on_duplicate="first")
    kept_last = migrantres.load(path, bundled=True, on_duplicate="last")
    assert kept_first.ids() == kept_last.ids() == bundled.ids()
    assert kept_first[first.id].title == first.title
    assert kept_last[first.id].title == "An Edited Title"
    with pytest.raises(InvalidValueError, match="'on_duplicate'"):
        migrantres.load(path, on_duplicate="newest")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="nothing to load"):
        migrantres.load(bundled=False)


@settings(max_examples=25)
@given(
    catalogues(max_size=6), catalogues(max_size=6), st.sampled_from(["first", "last"]), st.data()
)
def test_combining_keeps_each_id_once_from_the_winning_source(left, others, side, data):
    import tempfile  # noqa: PLC0415
    from pathlib import Path  # noqa: PLC0415

    # some of left's ids again, edited, among others
    shared = data.draw(st.integers(0, len(left)))
    edited = [
        r.model_copy(update={"title": r.title + " (edited)"})
        for r in left[:shared]
        if r.id not in others
    ]
    right = Catalogue([*others, *edited])
    with tempfile.TemporaryDirectory() as folder:
        a, b = Path(folder) / "a.json", Path(folder) / "b.jsonl"
        a.write_text(left.to_json(), encoding="utf-8")
        b.write_text(right.to_jsonl(), encoding="utf-8")
        combined = migrantres.load(a, b, on_duplicate=side)
        if set(left.ids()) & set(right.ids()):
            with pytest.raises(LoadError, match="is in both"):
                migrantres.load(a, b)
        else:
            assert combined == migrantres.load(a, b)
    assert combined.ids() == tuple(dict.fromkeys(left.ids() + right.ids()))
    winner, loser = (left, right) if side == "first" else (right, left)
    for resource in combined:
        assert resource == (winner.get(resource.id) or loser[resource.id])


# -- the command line: --data given several times ----------------------------------------


def test_data_can_be_given_several_times_and_with_the_bundled_catalogue(ngo, capsys):
    assert main(["list", "--format", "ids", "--data", str(ngo), "--with-bundled"]) == 0
    assert capsys.readouterr().out.split() == [
        *migrantres.load().ids(),
        *migrantres.load(ngo).ids(),
    ]
    copy = ngo.with_name("again.json")
    copy.write_bytes(ngo.read_bytes())
    assert main(["facets", "type", "--data", str(ngo), "--data", str(copy)]) == 2
    assert "is in both" in capsys.readouterr().err
    argv = ["list", "--format", "ids", "--data", str(ngo), "--data", str(copy)]
    assert main([*argv, "--on-duplicate", "last"]) == 0
    assert capsys.readouterr().out.split() == list(migrantres.load(ngo).ids())
    assert main(["show", "test-fixture-helpline-domestic-workers", "--data", str(ngo)]) == 0
    assert "Test Fixture Helpline" in capsys.readouterr().out
    assert (
        main(["search", "fisheries", "--format", "ids", "--data", str(ngo), "--with-bundled"]) == 0
    )
    assert capsys.readouterr().out.split() == [
        "test-fixture-report-forced-labour-imaginary-fisheries"
    ]
