"""Text parameters, such as a query string, as lookups: one call, errors naming the parameter."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode

import pytest
from hypothesis import given
from hypothesis import strategies as st
from starlette.datastructures import QueryParams

import migrantres
from migrantres import (
    InvalidValueError,
    PartialDate,
    QueryError,
    ResourceType,
    UnknownFieldError,
    UnknownLookupError,
    lookups_from_params,
)
from strategies import LANGUAGES, catalogues, partial_dates


@pytest.mark.parametrize(
    ("params", "lookups"),
    [
        ({"type": "report"}, {"type": "report"}),
        ({"type": ["report", "guidance"]}, {"type__in": ["report", "guidance"]}),
        ({"type__in": "report,guidance"}, {"type__in": ["report", "guidance"]}),
        (
            {"type__in": ["report", "guidance,platform"]},
            {"type__in": ["report", "guidance", "platform"]},
        ),
        (
            {"organizations": ["Verité, Inc.", "IOM"]},
            {"organizations__in": ["Verité, Inc.", "IOM"]},
        ),
        ({"launch_date__year": "2019"}, {"launch_date__year": 2019}),
        ({"launch_date__year": ["2018", "2019"]}, {"launch_date__year__in": [2018, 2019]}),
        ({"launch_date__month__in": "3, 12"}, {"launch_date__month__in": [3, 12]}),
        ({"launch_date__isnull": "False"}, {"launch_date__isnull": False}),
        ({"launch_date__gte": "March 2018"}, {"launch_date__gte": "March 2018"}),
        ({"since": "2018"}, {"launch_date__gte": PartialDate(2018)}),
        ({"since": "March 2018"}, {"launch_date__gte": PartialDate(2018, 3)}),
        ({"until": "2018"}, {"launch_date__lte": PartialDate(2018)}),
        ({"until": "2019-12"}, {"launch_date__lte": PartialDate(2019, 12)}),
        ({"until": "2019-02-28"}, {"launch_date__lte": PartialDate(2019, 2, 28)}),
        ({"until": "9999"}, {"launch_date__lte": PartialDate(9999)}),
        ({"launch_date__range": "2018,2019"}, {"launch_date__range": ["2018", "2019"]}),
        ({"launch_date__year__range": "2018,2019"}, {"launch_date__year__range": [2018, 2019]}),
        ({"type__exact": ["report", "platform"]}, {"type__in": ["report", "platform"]}),
        ({"type": "", "title__icontains": " "}, {}),
        ({"q": "fees", "limit": "5", "languages": "fr"}, {"languages": "fr"}),
    ],
)
def test_each_rule(params, lookups):
    assert lookups_from_params(params, ignore={"q", "limit"}) == lookups


def test_a_query_string_filters_in_one_call(shipped):
    query = QueryParams("type=report&type=guidance&languages=ru&since=2015&limit=10")
    lookups = lookups_from_params(query, ignore={"limit"})
    assert lookups == {
        "type__in": ["report", "guidance"],
        "languages": "ru",
        "launch_date__gte": PartialDate(2015),
    }
    found = shipped.filter(**lookups)
    assert found == shipped.filter(type__in=["report", "guidance"], languages="ru")
    assert found.ids() == ("labour-exploitation-trafficking-migrant-health-multi-country-findings",)


def test_multi_dicts_pairs_and_mappings_give_the_same_lookups():
    text = "type=report&type=platform&launch_date__year__gte=2018&organizations__in=IOM,UN"
    expected = {
        "type__in": ["report", "platform"],
        "launch_date__year__gte": 2018,
        "organizations__in": ["IOM", "UN"],
    }
    assert lookups_from_params(QueryParams(text)) == expected
    assert lookups_from_params(parse_qsl(text)) == expected
    as_lists: dict[str, list[str]] = {}
    for name, value in parse_qsl(text):
        as_lists.setdefault(name, []).append(value)
    assert lookups_from_params(as_lists) == expected


@pytest.mark.parametrize(
    ("params", "error", "message"),
    [
        (
            {"jurisdicton": "Global"},
            UnknownFieldError,
            "unknown field 'jurisdicton' for Resource; did you mean 'jurisdiction'?",
        ),
        (
            {"launch_date__after": "2018"},
            UnknownLookupError,
            "unknown lookup 'after' in 'launch_date__after'",
        ),
        (
            {"type": "handbook"},
            InvalidValueError,
            "invalid value 'handbook' for 'type'; expected a ResourceType",
        ),
        (
            {"type": ["report", "handbook"]},
            InvalidValueError,
            "invalid value 'handbook' for 'type'",
        ),
        ({"since": "soon"}, InvalidValueError, "invalid value 'soon' for 'since' (not a date"),
        (
            {"until": "2019-13"},
            InvalidValueError,
            "invalid value '2019-13' for 'until' (month must be between 1 and 12",
        ),
        (
            {"launch_date__gte": "soon"},
            InvalidValueError,
            "invalid value 'soon' for 'launch_date__gte'",
        ),
        (
            {"launch_date__year": "twenty"},
            InvalidValueError,
            "invalid value 'twenty' for 'launch_date__year'; expected a whole number",
        ),
        (
            {"launch_date__year__in": "2018,x"},
            InvalidValueError,
            "invalid value 'x' for 'launch_date__year__in'",
        ),
        (
            {"launch_date__isnull": "maybe"},
            InvalidValueError,
            "invalid value 'maybe' for 'launch_date__isnull'; expected true or false",
        ),
        ({"languages": "xx-!!"}, InvalidValueError, "invalid value 'xx-!!' for 'languages'"),
        (
            {"title__icontains": ["a", "b"]},
            InvalidValueError,
            "for 'title__icontains'; expected one value; only FIELD and FIELD__in repeat",
        ),
        ({"since": ["2018", "2019"]}, InvalidValueError, "for 'since'; expected one date"),
        # Digits of other scripts are not read as a year, as a date's text is not.
        (
            {"launch_date__year": "\uff12\uff10\uff11\uff19"},
            InvalidValueError,
            (
                "invalid value '\uff12\uff10\uff11\uff19' for 'launch_date__year'; expected a "
                "whole number in digits 0-9, such as 2019"
            ),
        ),
        # The parameter as given, not as split.
        (
            {"launch_date__range": "2018"},
            InvalidValueError,
            (
                "invalid value '2018' for 'launch_date__range'; expected two bounds separated by "
                "a comma, e.g. 2018,2019"
            ),
        ),
        (
            {"since": "2018", "launch_date__gte": "2019"},
            InvalidValueError,
            "invalid value '2019' for 'launch_date__gte'; expected one value; 'launch_date__gte' is also given by another parameter",
        ),
    ],
)
def test_errors_are_query_errors_naming_the_parameter(params, error, message):
    with pytest.raises(error) as caught:
        lookups_from_params(params)
    assert isinstance(caught.value, QueryError)
    assert str(caught.value).startswith(message) or message in str(caught.value)


@pytest.mark.parametrize(
    "params",
    ["type=report", b"type=report", 5, [("type",)], [("type", 5)], {"type": [1]}, {1: "x"}],
)
def test_params_of_the_wrong_shape_are_a_type_error(params):
    with pytest.raises(TypeError, match="params must be|a parameter is|not a str"):
        lookups_from_params(params)


def test_the_command_line_and_the_function_agree(shipped, capsys):
    from migrantres.cli import main  # noqa: PLC0415

    argv = [
        "list",
        "--format",
        "ids",
        "--type",
        "report",
        "--type",
        "guidance-implementation",
        "--until",
        "2018",
        "--where",
        "launch_date__year__in=2015,2018",
    ]
    assert main(argv) == 0
    lookups = lookups_from_params(
        {
            "type": ["report", "guidance-implementation"],
            "until": "2018",
            "launch_date__year__in": "2015,2018",
        }
    )
    assert capsys.readouterr().out.split() == list(shipped.filter(**lookups).ids())


# -- the whole kind --------------------------------------------------------------------------


@given(
    catalogue=catalogues(),
    types=st.lists(st.sampled_from([t.value for t in ResourceType]), unique=True, min_size=1),
    languages=st.lists(st.sampled_from(LANGUAGES), unique=True, max_size=3),
    since=st.none() | partial_dates(),
    until=st.none() | partial_dates(),
)
def test_parameters_filter_as_the_lookups_they_name(catalogue, types, languages, since, until):
    params: dict[str, list[str]] = {"type": types, "languages": languages}
    expected = catalogue.filter(type__in=types)
    if languages:
        expected = expected.filter(languages__in=languages)
    # Each bound stands for its whole span: a date passes when all its days do.
    if since is not None:
        params["since"] = [since.isoformat()]
        expected = expected.filter(
            lambda r, s=since: r.launch_date is not None and r.launch_date.start >= s.start
        )
    if until is not None:
        params["until"] = [until.isoformat()]
        expected = expected.filter(
            lambda r, u=until: r.launch_date is not None and r.launch_date.end <= u.end
        )
    lookups = lookups_from_params(params)
    assert catalogue.filter(**lookups) == expected
    query = urlencode(params, doseq=True)
    assert lookups_from_params(QueryParams(query)) == lookups
    assert lookups_from_params(parse_qsl(query)) == lookups


def test_it_is_public():
    assert migrantres.lookups_from_params is lookups_from_params
    assert "lookups_from_params" in migrantres.__all__


@given(st.text(st.characters(categories=["Nd"]), min_size=1, max_size=5))
def test_a_year_parameter_is_read_only_from_ascii_digits(digits):
    if digits.isascii() and 1000 <= int(digits) <= 9999:
        assert lookups_from_params({"launch_date__year": digits}) == {
            "launch_date__year": int(digits)
        }
    elif digits.isascii():
        with pytest.raises(InvalidValueError, match="expected an int from 1000 to 9999"):
            lookups_from_params({"launch_date__year": digits})
    else:
        with pytest.raises(InvalidValueError, match="a whole number in digits 0-9"):
            lookups_from_params({"launch_date__year": digits})
