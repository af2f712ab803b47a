"""Review of every reviewed correction: it is needed, it applies once, its evidence holds."""

from __future__ import annotations

import re
import tomllib
from urllib.parse import urlsplit

import pytest

from conftest import UPSTREAM
from migrantres.ingest._corrections import CorrectionSpec
from migrantres.ingest._ids import slugify

CORRECTIONS = [
    CorrectionSpec.model_validate(entry)
    for entry in tomllib.loads((UPSTREAM / "corrections.toml").read_text(encoding="utf-8"))[
        "correction"
    ]
]


def test_there_is_exactly_the_one_known_correction():
    assert [(c.id, c.field) for c in CORRECTIONS] == [
        ("remediation-guidelines-victims-human-trafficking-mineral-supply-chains", "title")
    ]


@pytest.mark.parametrize("correction", CORRECTIONS, ids=lambda c: f"{c.id}:{c.field}")
def test_each_correction_is_recorded_in_its_records_provenance(shipped, correction):
    resource = shipped[correction.id]
    assert correction.applied() in resource.provenance.corrections
    assert getattr(resource, correction.field) == correction.value


@pytest.mark.parametrize("correction", CORRECTIONS, ids=lambda c: f"{c.id}:{c.field}")
def test_each_corrected_source_value_stands_in_the_source(source_text, correction):
    assert correction.source_value in source_text
    assert correction.value not in source_text  # otherwise the parser could have read it


def test_the_restored_title_is_confirmed_by_the_resources_own_url(shipped):
    """The evidence: the URL slug spells the corrected title's words."""
    resource = shipped["remediation-guidelines-victims-human-trafficking-mineral-supply-chains"]
    (entry,) = resource.availability
    url_slug = urlsplit(entry.url).path.rstrip("/").rsplit("/", 1)[-1]
    assert url_slug == slugify(resource.title)
    assert url_slug in next(c.evidence for c in CORRECTIONS)


def test_the_restored_title_keeps_the_words_the_extraction_left(source_text):
    (correction,) = CORRECTIONS
    garbled = next(line for line in source_text.split("\n") if line.startswith("Na me of Res "))
    assert garbled.endswith(correction.source_value)
    assert correction.value.endswith(correction.source_value)
    assert re.search(r"\bSupply Chains\b", correction.value)
