"""diff: what changed between two catalogues, by id and field."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

import migrantres
from migrantres import Catalogue, FieldChange
from strategies import catalogues


def edited(catalogue, resource_id, **changes):
    return Catalogue(
        [r.model_copy(update=changes) if r.id == resource_id else r for r in catalogue],
        version="next",
    )


def test_identical_catalogues_have_an_empty_diff(shipped):
    changes = migrantres.diff(shipped, shipped)
    assert not changes
    assert changes.to_text() == "no differences\n"


def test_known_changes_are_reported_exactly(shipped, sample):
    first = shipped[0]
    new = Catalogue(
        edited(shipped[1:], shipped[1].id, title="A New Title") | sample[:1], version="next"
    )
    changes = migrantres.diff(shipped, new)
    assert [r.id for r in changes.added] == ["guide-ethical-recruitment"]
    assert [r.id for r in changes.removed] == [first.id]
    (change,) = changes.changed
    assert change.id == shipped[1].id
    assert change.changes == (FieldChange("title", shipped[1].title, "A New Title"),)
    assert (changes.old_version, changes.new_version) == (shipped.version, "next")


def test_order_alone_is_not_a_change(shipped):
    assert not migrantres.diff(shipped, shipped.sort_by("-launch_date"))


def test_text_and_markdown_reports(shipped):
    new = edited(shipped, shipped[2].id, launch_date=migrantres.PartialDate(2020))
    changes = migrantres.diff(shipped, new)
    text = changes.to_text()
    assert f"~ {shipped[2].id}" in text
    assert "launch_date: '2019' -> '2020'" in text
    assert text.endswith("0 added, 0 removed, 1 changed\n")
    assert changes.to_markdown() == f"### Data\n\nChanged:\n\n- `{shipped[2].id}`: launch_date\n"


subsets = catalogues(max_size=8).flatmap(
    lambda c: st.tuples(
        st.just(c),
        st.lists(st.sampled_from(c.ids()), unique=True) if len(c) else st.just([]),
        st.lists(st.sampled_from(c.ids()), unique=True) if len(c) else st.just([]),
        st.text(min_size=1, max_size=5).map(
            lambda t: "x" + " ".join(t.split()) if t.strip() else "x"
        ),
    )
)


@given(subsets)
def test_diff_b_a_mirrors_diff_a_b(drawn):
    catalogue, left, right, title = drawn
    a = Catalogue([catalogue[i] for i in left])
    b = Catalogue(
        [
            catalogue[i].model_copy(update={"title": title}) if n % 2 else catalogue[i]
            for n, i in enumerate(right)
        ]
    )
    forward, backward = migrantres.diff(a, b), migrantres.diff(b, a)
    assert {r.id for r in forward.added} == {r.id for r in backward.removed}
    assert {r.id for r in forward.removed} == {r.id for r in backward.added}
    assert sorted(forward.reversed().changed, key=lambda c: c.id) == sorted(
        backward.changed, key=lambda c: c.id
    )
    assert bool(forward) == bool(backward) == (set(left) != set(right) or bool(forward.changed))


def test_diff_needs_catalogues(shipped):
    import pytest  # noqa: PLC0415

    with pytest.raises(TypeError, match="new is a list"):
        migrantres.diff(shipped, list(shipped))


def test_the_changelog_lists_exactly_the_ids_the_release_added(shipped):
    """The Data section is written from diff: the first release added every record."""
    from conftest import ROOT  # noqa: PLC0415

    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    release = changelog.split(f"## {migrantres.__version__}", 1)[1].split("\n## ", 1)[0]
    data = release.split("### Data", 1)[1].split("### API", 1)[0]
    listed = [line.split("`")[1] for line in data.splitlines() if line.startswith("- `")]
    changes = migrantres.diff(Catalogue(), shipped)
    assert listed == [r.id for r in changes.added]
    assert not changes.removed
    assert not changes.changed
