"""Text refused by a pattern in pydantic-core is explained by the check that goes with it."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

import migrantres
from migrantres import LoadError, Organization, Resource
from migrantres._records.text import _check_line, _check_paragraphs, _check_url

RECORD = {
    "id": "x",
    "title": "A title",
    "type": "report",
    "jurisdiction": "Global",
    "organizations": [{"name": "IOM"}],
    "description": "A description.",
    "availability": [{"languages": ["en"], "url": "https://example.org/x.pdf"}],
}


def test_a_refused_title_says_why_through_every_way_in(tmp_path):
    bad = {**RECORD, "title": "A\ttitle"}
    expected = re.escape("Value error, must be one line of printable text; found '\\t'")
    with pytest.raises(ValidationError, match=expected):
        Resource.model_validate(bad)
    with pytest.raises(ValidationError, match=expected):
        Resource.model_validate_json(json.dumps(bad))
    with pytest.raises(ValidationError, match=expected):
        Resource(**bad)
    with pytest.raises(ValidationError, match="Value error, must not start or end with whitespace"):
        Organization.model_validate({"name": " IOM"})
    path = tmp_path / "bad.json"
    path.write_text(json.dumps([RECORD, bad]), encoding="utf-8")
    with pytest.raises(LoadError, match=r"record 1 \(id 'x'\), field 'title': " + expected):
        migrantres.load(path)


def test_a_refused_url_nested_in_a_document_says_why(tmp_path):
    bad = {**RECORD, "availability": [{"url": "https://example.org/a|b"}]}
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"schema_version": 1, "records": [bad]}), encoding="utf-8")
    with pytest.raises(LoadError, match=r"field 'availability\.0\.url': Value error, a URL must"):
        migrantres.load(path)


def test_other_errors_are_kept_as_they_are():
    with pytest.raises(ValidationError) as caught:
        Resource.model_validate({**RECORD, "title": 3, "description": "a\n\n\nb"})
    errors = {e["loc"][0]: e for e in caught.value.errors()}
    assert errors["title"]["type"] == "string_type"
    assert errors["description"]["msg"].startswith("Value error, paragraph 2 must not start")


@pytest.mark.parametrize(
    ("field", "check"),
    [("title", _check_line), ("description", _check_paragraphs), ("url", _check_url)],
)
@given(text=st.text(max_size=30))
def test_pattern_and_check_agree_and_the_check_explains(field, check, text):
    """Every value the pattern refuses, the check refuses too, and its words are the error's.

    (The converse does not hold yet: pydantic-core's newer Unicode tables accept some
    characters that Python's call unassigned, such as U+1CC00.)
    """
    if field == "url":
        record = {**RECORD, "availability": [{"url": "https://example.org/" + text}]}
        value = "https://example.org/" + text
    else:
        record = {**RECORD, field: text}
        value = text
    try:
        Resource.model_validate(record)
    except ValidationError as exc:
        (error,) = exc.errors()
        try:
            check(value)
        except ValueError as why:
            assert error["msg"] == f"Value error, {why}"
        else:
            pytest.fail(f"the pattern refused {value!r}, which the check accepts")
