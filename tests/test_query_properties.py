"""Properties of queries on generated catalogues, against plain-Python references."""

from __future__ import annotations

import operator
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from migrantres import Catalogue, ResourceType
from strategies import LANGUAGES, ORGANIZATIONS, catalogues, partial_dates


def folded(text):
    return "".join(
        c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c)
    )


def caseless(text):
    """Unicode's canonical caseless key (D145), written out for the references."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFD", text).casefold())


def org_strings(r):
    return [s for o in r.organizations for s in (o.name, o.acronym) if s]


def basic_filter(language_range, tag):
    """RFC 4647 basic filtering, written out for the references."""
    return tag.lower() == language_range.lower() or tag.lower().startswith(
        language_range.lower() + "-"
    )


# Each entry: a lookup, a strategy for its value, and what it means in plain Python.
LOOKUPS = [
    ("type", st.sampled_from(list(ResourceType)), lambda r, v: r.type == v),
    ("type__in", st.lists(st.sampled_from(list(ResourceType))), lambda r, v: r.type in v),
    (
        "type__startswith",
        st.sampled_from(["guidance", "rep", "p"]),
        lambda r, v: r.type.value.startswith(v),
    ),
    (
        "jurisdiction",
        st.sampled_from(["Global", "OSCE area", "global", "OSCE AREA"]),
        lambda r, v: caseless(r.jurisdiction) == caseless(v),
    ),
    (
        "title__icontains",
        st.sampled_from(["a", "É", "ss", "日本"]),
        lambda r, v: folded(v) in folded(r.title),
    ),
    ("title__contains", st.sampled_from(["a", "E", " "]), lambda r, v: v in r.title),
    (
        "description__icontains",
        st.sampled_from(["e", "ß", "x"]),
        lambda r, v: folded(v) in folded(r.description),
    ),
    # Date bounds by span: a resource passes when every day its date covers does.
    (
        "launch_date__gte",
        partial_dates(),
        lambda r, v: r.launch_date is not None and r.launch_date.start >= v.start,
    ),
    (
        "launch_date__gt",
        partial_dates(),
        lambda r, v: r.launch_date is not None and r.launch_date.start > v.end,
    ),
    (
        "launch_date__lt",
        partial_dates(),
        lambda r, v: r.launch_date is not None and r.launch_date.end < v.start,
    ),
    (
        "launch_date__lte",
        partial_dates(),
        lambda r, v: r.launch_date is not None and r.launch_date.end <= v.end,
    ),
    (
        "launch_date__range",
        st.tuples(partial_dates(), partial_dates()),
        lambda r, v: (
            r.launch_date is not None
            and r.launch_date.start >= v[0].start
            and r.launch_date.end <= v[1].end
        ),
    ),
    (
        "launch_date__year",
        st.integers(1000, 9999),
        lambda r, v: r.launch_date is not None and r.launch_date.year == v,
    ),
    # The year's bounds, answered from the dates in order: the edges of the years too.
    *(
        (
            f"launch_date__year__{op}",
            st.integers(1000, 9999) | st.sampled_from([1000, 9999]),
            lambda r, v, compare=compare: (
                r.launch_date is not None and compare(r.launch_date.year, v)
            ),
        )
        for op, compare in (
            ("gte", operator.ge),
            ("gt", operator.gt),
            ("lte", operator.le),
            ("lt", operator.lt),
        )
    ),
    (
        "launch_date__year__range",
        st.tuples(st.integers(1000, 9999), st.integers(1000, 9999)),
        lambda r, v: r.launch_date is not None and v[0] <= r.launch_date.year <= v[1],
    ),
    ("launch_date__isnull", st.booleans(), lambda r, v: (r.launch_date is None) == v),
    (
        "organizations",
        st.sampled_from([s for name, acr in ORGANIZATIONS for s in (name, acr, name.upper()) if s]),
        lambda r, v: any(caseless(s) == caseless(v) for s in org_strings(r)),
    ),
    (
        "organizations__icontains",
        st.sampled_from(["organization", "SÉCURITÉ", "h&m", "ver"]),
        lambda r, v: any(folded(v) in folded(s) for s in org_strings(r)),
    ),
    (
        "languages",
        st.sampled_from([*LANGUAGES, "zh-hans", "PT"]),
        lambda r, v: any(basic_filter(v, t) for t in r.languages),
    ),
    (
        "languages__in",
        st.lists(st.sampled_from(LANGUAGES)),
        lambda r, v: any(basic_filter(x, t) for t in r.languages for x in v),
    ),
    (
        "languages__exact",
        st.sampled_from(LANGUAGES),
        lambda r, v: any(t.lower() == v.lower() for t in r.languages),
    ),
    ("languages__isnull", st.booleans(), lambda r, v: (not r.languages) == v),
    (
        "urls__contains",
        st.sampled_from(["a", "/", "%"]),
        lambda r, v: any(v in a.url for a in r.availability),
    ),
]

lookups = st.sampled_from(LOOKUPS).flatmap(
    lambda entry: st.tuples(st.just(entry[0]), entry[1], st.just(entry[2]))
)


@given(catalogues(), lookups)
def test_filter_equals_the_list_comprehension(catalogue, lookup):
    key, value, reference = lookup
    expected = [r.id for r in catalogue if reference(r, value)]
    assert list(catalogue.filter(**{key: value}).ids()) == expected


@given(catalogues(max_size=30), st.lists(lookups, min_size=2, max_size=4, unique_by=lambda x: x[0]))
def test_several_lookups_in_one_call_equal_the_list_comprehension(catalogue, drawn):
    """However the planner combines the indexes' answers, the answer is their conjunction."""
    expected = [r.id for r in catalogue if all(reference(r, v) for _, v, reference in drawn)]
    assert list(catalogue.filter(**{key: value for key, value, _ in drawn}).ids()) == expected


@given(catalogues(), lookups)
def test_exclude_is_the_complement_of_filter(catalogue, lookup):
    key, value, _ = lookup
    kept = catalogue.filter(**{key: value})
    left = catalogue.exclude(**{key: value})
    assert set(kept.ids()) | set(left.ids()) == set(catalogue.ids())
    assert not set(kept.ids()) & set(left.ids())
    assert list(left.ids()) == [i for i in catalogue.ids() if i not in kept]


@given(catalogues(), lookups, lookups)
def test_chained_filters_equal_one_call_with_both(catalogue, first, second):
    (k1, v1, _), (k2, v2, _) = first, second
    chained = catalogue.filter(**{k1: v1}).filter(**{k2: v2})
    if k1 != k2:
        assert chained == catalogue.filter(**{k1: v1, k2: v2})
    assert chained == catalogue.filter(lambda r: r in catalogue.filter(**{k1: v1})).filter(
        **{k2: v2}
    )


@given(catalogues(), lookups)
def test_filter_is_a_subset_and_idempotent(catalogue, lookup):
    key, value, _ = lookup
    once = catalogue.filter(**{key: value})
    assert set(once.ids()) <= set(catalogue.ids())
    assert once.filter(**{key: value}) == once


@given(
    catalogues(),
    st.lists(
        st.sampled_from(
            [
                "title",
                "-title",
                "launch_date",
                "-launch_date",
                "type",
                "-type",
                "id",
                "jurisdiction",
            ]
        ),
        min_size=1,
        max_size=3,
    ),
)
def test_sort_by_is_a_stable_permutation_ordered_by_its_keys(catalogue, keys):
    ordered = catalogue.sort_by(*keys)
    assert sorted(ordered.ids()) == sorted(catalogue.ids())
    primary = keys[0].lstrip("-")
    descending = keys[0].startswith("-")

    def key(r):
        value = getattr(r, primary)
        if value is None:
            return None
        if primary == "type":
            return value.value
        if primary == "launch_date":
            return value.sort_key
        if primary == "jurisdiction":  # categorical: caseless spellings sort together
            return (folded(value), caseless(value), value)
        return (folded(value), value)

    values = [key(r) for r in ordered]
    present = [v for v in values if v is not None]
    assert values == present + [None] * (len(values) - len(present))  # missing last
    assert present == sorted(present, reverse=descending)
    if len(keys) == 1:  # ties keep the catalogue's order
        position = {i: n for n, i in enumerate(catalogue.ids())}
        for a, b in zip(ordered, list(ordered)[1:], strict=False):
            if key(a) == key(b):
                assert position[a.id] < position[b.id]


@given(
    catalogues(),
    st.sampled_from(
        [
            "type",
            "jurisdiction",
            "organizations",
            "languages",
            "launch_date",
            "launch_date__year",
            "date_kind",
            "urls",
        ]
    ),
)
def test_groups_cover_the_catalogue_and_facets_count_them(catalogue, field):
    groups = catalogue.group_by(field)
    covered = {i for group in groups.values() for i in group.ids()}
    assert covered == set(catalogue.ids())
    for group in groups.values():  # each group keeps the catalogue's order
        assert list(group.ids()) == [i for i in catalogue.ids() if i in group]
    counts = catalogue.facets(field)
    assert counts == {key: len(group) for key, group in groups.items()}
    assert list(counts.values()) == sorted(counts.values(), reverse=True)
    assert catalogue.distinct(field) == tuple(groups)


subsets = catalogues(max_size=10).flatmap(
    lambda c: st.tuples(
        st.just(c),
        st.lists(st.sampled_from(c.ids()), unique=True) if len(c) else st.just([]),
        st.lists(st.sampled_from(c.ids()), unique=True) if len(c) else st.just([]),
    )
)


def part(catalogue, ids):
    return Catalogue([catalogue[i] for i in ids])


@given(subsets)
def test_set_operations_obey_their_laws(drawn):
    catalogue, left, right = drawn
    a, b = part(catalogue, left), part(catalogue, right)
    assert (a | b).ids() == tuple(left) + tuple(i for i in right if i not in left)
    assert (a & b).ids() == tuple(i for i in left if i in right)
    assert (a - b).ids() == tuple(i for i in left if i not in right)
    assert set((a | b).ids()) == set((b | a).ids())
    assert set((a & b).ids()) == set((b & a).ids())
    assert a | a == a
    assert a & a == a
    assert len(a - a) == 0
    assert set(((a - b) | (a & b)).ids()) == set(a.ids())
    assert set((a - b).ids()).isdisjoint(b.ids())


@given(catalogues(), lookups, lookups)
def test_or_and_not_through_set_operations(catalogue, first, second):
    (k1, v1, r1), (k2, v2, r2) = first, second
    either = catalogue.filter(**{k1: v1}) | catalogue.filter(**{k2: v2})
    assert set(either.ids()) == {r.id for r in catalogue if r1(r, v1) or r2(r, v2)}
    assert set((catalogue - catalogue.filter(**{k1: v1})).ids()) == set(
        catalogue.exclude(**{k1: v1}).ids()
    )


@given(catalogues(min_size=1), st.sampled_from(["migrant", "organization", "a", "é"]))
def test_search_returns_a_subset_sorted_by_score(catalogue, word):
    results = catalogue.search(word)
    assert set(results.ids()) <= set(catalogue.ids())
    scores = [results.score(r) for r in results]
    assert scores == sorted(scores, reverse=True)
    assert all(score > 0 for score in scores)
