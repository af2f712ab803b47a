"""Shared fixtures: the shipped catalogue, a hand-written sample, and Hypothesis profiles."""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, settings

import migrantres
from migrantres import Catalogue, Resource

if TYPE_CHECKING:
    from collections.abc import Callable

settings.register_profile("dev", max_examples=100, deadline=None)
settings.register_profile("soak", max_examples=3000, deadline=None)
settings.register_profile(
    "ci",
    max_examples=300,
    deadline=None,
    derandomize=True,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))

ROOT = Path(__file__).resolve().parent.parent
UPSTREAM = ROOT / "upstream"
SOURCE_TEXT = UPSTREAM / "osce-compendium-iom.txt"

IOM = {"name": "International Organization for Migration", "acronym": "IOM"}

#: Six hand-written records with the edge cases the bundled data lacks: no date, several
#: organizations and languages, accents, non-Latin text, every date precision.
SAMPLE_RECORDS: list[dict[str, object]] = [
    {
        "id": "guide-ethical-recruitment",
        "title": "Guide to Ethical Recruitment",
        "type": "guidance",
        "jurisdiction": "Global",
        "organizations": [IOM, {"name": "H&M Group"}],
        "launch_date": "2019-12-10",
        "description": "Recruitment fees must not be charged to workers.\n\nA second paragraph.",
        "availability": [
            {"languages": ["en", "fr"], "url": "https://example.org/guide.pdf"},
            {"languages": ["es"], "url": "https://example.org/guia.pdf"},
        ],
    },
    {
        "id": "rapport-sur-la-traite",
        "title": "Rapport sur la traite des êtres humains",
        "type": "report",
        "type_label": "Report/analysis",
        "jurisdiction": "OSCE area",
        "organizations": [
            {"name": "Organisation pour la sécurité et la coopération en Europe", "acronym": "OSCE"}
        ],
        "launch_date": "2018",
        "date_kind": "publication",
        "description": "Étude des chaînes d'approvisionnement et du travail forcé.",
        "availability": [{"languages": ["fr", "de"], "url": "https://example.org/rapport.pdf"}],
    },
    {
        "id": "undated-platform",
        "title": "Undated Platform for Co-operation",
        "type": "platform",
        "jurisdiction": "Global",
        "organizations": [{"name": "Global Platform"}],
        "description": "A platform with no date and no links.",
    },
    {
        "id": "supply-chain-tool",
        "title": "Supply Chain Due Diligence Tool",
        "type": "practical-tool",
        "type_label": "Practical implementation tool",
        "jurisdiction": "Global",
        "organizations": [IOM],
        "launch_date": "2018-06",
        "description": "A practical tool on forced labour in supply chains.",
        "availability": [{"languages": ["en", "ru", "zh"], "url": "https://example.org/tool"}],
    },
    {
        "id": "drafting-guidance-2021",
        "title": "Руководство по разработке законодательства",
        "type": "guidance-drafting",
        "jurisdiction": "OSCE area",
        "organizations": [{"name": "ODIHR"}],
        "launch_date": "2021-03-01",
        "description": "Guidance for legislation drafting on trafficking in human beings.",
        "availability": [{"languages": ["ru"], "url": "http://example.org/ru"}],
    },
    {
        "id": "commitments-2018",
        "title": "International Commitments on Forced Labour",
        "type": "political-commitments",
        "jurisdiction": "Global",
        "organizations": [{"name": "United Nations", "acronym": "UN"}],
        "launch_date": "2018-03",
        "description": "Commitments by States to end forced labour and modern slavery.",
        "availability": [{"url": "https://example.org/commitments"}],
    },
]


@pytest.fixture(scope="session")
def shipped() -> Catalogue:
    """The bundled catalogue."""
    return migrantres.load()


@pytest.fixture(scope="session")
def sample() -> Catalogue:
    """Six hand-written records with edge cases."""
    return Catalogue(Resource.model_validate(r) for r in SAMPLE_RECORDS)


@pytest.fixture(params=["shipped", "sample"])
def catalogue(request: pytest.FixtureRequest) -> Catalogue:
    """Each of the two catalogues in turn."""
    return request.getfixturevalue(request.param)


@pytest.fixture(scope="session")
def source_text() -> str:
    """The upstream text the bundled data is built from."""
    return SOURCE_TEXT.read_text(encoding="utf-8")


def concurrently(work: Callable[[], object], threads: int) -> list[object]:
    """Run ``work`` in ``threads`` threads started together; their results, or the first error."""
    barrier = threading.Barrier(threads)
    results: list[object] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            barrier.wait()  # every thread starts at once
            results.append(work())
        except BaseException as exc:  # noqa: BLE001 - reraised below, in the test's thread
            errors.append(exc)

    pool = [threading.Thread(target=run) for _ in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    if errors:
        raise errors[0]
    return results
