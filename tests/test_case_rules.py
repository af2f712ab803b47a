"""Case: ignored on categorical fields, kept on free text, alike in Python and the CLI."""

from __future__ import annotations

import contextlib
import io
import json
import unicodedata

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from conftest import SAMPLE_RECORDS
from migrantres import Catalogue
from migrantres.cli import main
from strategies import catalogues

HEALTH = "labour-exploitation-trafficking-migrant-health-multi-country-findings"
EVERY_SHIPPED = 5


def test_the_issues_examples_all_ignore_case(shipped):
    """organizations="iom" and type="Report" did; jurisdiction="global" found nothing."""
    assert len(shipped.filter(organizations="iom")) == EVERY_SHIPPED
    assert len(shipped.filter(type="Report")) == 2
    assert len(shipped.filter(jurisdiction="global")) == EVERY_SHIPPED
    assert len(shipped.filter(jurisdiction__in=["GLOBAL"])) == EVERY_SHIPPED
    assert len(shipped.exclude(jurisdiction="gLoBaL")) == 0


def test_free_text_keeps_case_but_not_in_i_lookups(shipped):
    title = shipped[HEALTH].title
    assert shipped.filter(title=title.upper()).ids() == ()
    assert shipped.filter(title__iexact=title.upper()).ids() == (HEALTH,)
    assert shipped.filter(description__contains="TRAFFICKING").ids() == ()


def test_case_variants_are_one_group_named_by_the_first_resources_spelling():
    def record(id_, jurisdiction, organization):
        return {
            "id": id_,
            "title": id_,
            "type": "report",
            "jurisdiction": jurisdiction,
            "organizations": [{"name": organization}],
            "description": "d",
        }

    catalogue = Catalogue.from_records(
        [
            record("a", "global", "iom"),
            record("b", "Global", "IOM"),
            record("c", "Global", "IOM"),
            record("d", "GLOBAL", "Iom"),
            record("e", "OSCE area", "iom"),
        ]
    )
    assert catalogue.facets("jurisdiction") == {"global": 4, "OSCE area": 1}
    assert catalogue.distinct("jurisdiction") == ("global", "OSCE area")
    assert catalogue.group_by("jurisdiction")["global"].ids() == ("a", "b", "c", "d")
    assert catalogue.facets("organizations") == {"iom": 5}
    assert catalogue.sort_by("-id").facets("jurisdiction") == {"GLOBAL": 4, "OSCE area": 1}


def caseless(text):
    """Unicode's canonical caseless key (D145), written out for the reference."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFD", text).casefold())


def _case_variants(text):
    return st.sampled_from([text, text.upper(), text.lower(), text.swapcase(), text.title()])


@given(
    catalogues(min_size=1, max_size=8)
    .flatmap(
        lambda c: st.tuples(
            st.just(c),
            st.sampled_from(
                [("jurisdiction", r.jurisdiction) for r in c]
                + [("organizations", o.name) for r in c for o in r.organizations]
                + [("type", r.type.value) for r in c]
            ),
        )
    )
    .flatmap(lambda drawn: st.tuples(st.just(drawn), _case_variants(drawn[1][1])))
)
def test_categorical_fields_ignore_case_in_every_query(drawn):
    (catalogue, (field, value)), variant = drawn
    # Python's upper() is not always a case variant by Unicode's caseless match: U+0131
    # (dotless i) upper-cases to "I", whose case fold is "i".
    assume(caseless(variant) == caseless(value))
    for lookup, query, original in (
        (field, variant, value),
        (f"{field}__in", [variant], [value]),
    ):
        assert catalogue.filter(**{lookup: query}) == catalogue.filter(**{lookup: original})
        assert catalogue.exclude(**{lookup: query}) == catalogue.exclude(**{lookup: original})
    if field != "type":
        for lookup in ("contains", "startswith"):
            key = f"{field}__{lookup}"
            assert catalogue.filter(**{key: variant}) == catalogue.filter(**{key: value})


@given(catalogues(min_size=1, max_size=8), st.sampled_from(["upper", "lower", "swapcase"]))
def test_groups_and_facets_do_not_split_case_variants(catalogue, change):
    records = catalogue.to_records()
    for record in records[::2]:  # every other record spelled differently
        changed = getattr(record["jurisdiction"], change)()
        if caseless(changed) == caseless(record["jurisdiction"]):  # a case variant
            record["jurisdiction"] = changed
    varied = Catalogue.from_records(records)
    assert sorted(varied.facets("jurisdiction").values()) == sorted(
        catalogue.facets("jurisdiction").values()
    )
    assert [g.ids() for g in varied.group_by("jurisdiction").values()] == [
        g.ids() for g in catalogue.group_by("jurisdiction").values()
    ]


@settings(max_examples=20)
@given(
    st.sampled_from(
        [
            ("--where", "jurisdiction=GLOBAL", {"jurisdiction": "GLOBAL"}),
            (
                "--where",
                "jurisdiction__in=global,osce AREA",
                {"jurisdiction__in": ["global", "osce AREA"]},
            ),
            ("--org", "iom", {"organizations__in": ["iom"]}),
            ("--type", "REPORT", {"type__in": ["REPORT"]}),
            ("--where", "title__contains=REPORT", {"title__contains": "REPORT"}),
            ("--where", "title__icontains=ÉTUDE", {"title__icontains": "ÉTUDE"}),
        ]
    )
)
def test_the_command_line_follows_the_same_rules(tmp_path_factory, option):
    path = tmp_path_factory.mktemp("case") / "sample.json"
    path.write_text(json.dumps(SAMPLE_RECORDS), encoding="utf-8")
    flag, value, lookups = option
    expected = Catalogue.from_records(SAMPLE_RECORDS).filter(**lookups).ids()
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(["list", "--data", str(path), flag, value, "--format", "ids"])
    assert code == 0
    assert tuple(out.getvalue().split()) == expected
