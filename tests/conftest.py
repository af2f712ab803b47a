"""Shared fixtures, the Hypothesis profiles, and which tests a run includes.

``pytest`` runs the quick suite: every test but the slow ones, each property test on the
``dev`` profile's few generated inputs. ``pytest --slow`` (or any ``-m`` expression)
adds the slow ones; ``--hypothesis-profile=ci`` gives every property test CI's 300
inputs (README, "Develop").
"""

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

#: The profiles: quick for a run by hand, thorough in CI, longer still for a soak.
settings.register_profile("dev", max_examples=20, deadline=None)
settings.register_profile("soak", max_examples=3000, deadline=None)
settings.register_profile(
    "ci",
    max_examples=300,
    deadline=None,
    derandomize=True,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)


def pytest_configure(config: pytest.Config) -> None:
    """Load the profile --hypothesis-profile or HYPOTHESIS_PROFILE names; ``dev`` if none.

    Loaded here, not when this file is imported: test modules import it too (``from
    conftest import ...``), and that import must not undo the choice.
    """
    chosen = config.getoption("hypothesis_profile", None)
    settings.load_profile(chosen or os.environ.get("HYPOTHESIS_PROFILE", "dev"))


def pytest_addoption(parser: pytest.Parser) -> None:
    """``--slow``: run the slow tests too."""
    parser.addoption(
        "--slow",
        action="store_true",
        help=(
            "run the slow tests too (marked slow: they build wheels, releases and the docs "
            "site, and start kernels, browsers and terminals); CI does"
        ),
    )


def _slow_included(config: pytest.Config) -> bool:
    """Whether the run includes the slow tests: with --slow, or when -m chooses."""
    return bool(config.getoption("--slow") or config.getoption("markexpr"))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Leave out the slow tests unless the run includes them."""
    if _slow_included(config):
        return
    slow = [item for item in items if item.get_closest_marker("slow")]
    if slow:
        config.hook.pytest_deselected(items=slow)
        items[:] = [item for item in items if not item.get_closest_marker("slow")]


def pytest_report_header(config: pytest.Config) -> str:
    """Say which tests the run includes and how many inputs each property test gets."""
    profile = settings.get_current_profile_name()
    slow = "included" if _slow_included(config) else "left out (pytest --slow runs them)"
    return (
        f"property tests: Hypothesis profile {profile!r}, "
        f"{settings.default.max_examples} inputs each; slow tests: {slow}"
    )


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


@pytest.fixture(autouse=True)
def _no_terminal_width(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test starts without COLUMNS and LINES, as in a plain run from a script.

    A width exported by the shell that runs pytest, or the COLUMNS=80 that pytest-xdist
    gives its workers, must not change what the commands print; a test that needs a
    width sets one.
    """
    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.delenv("LINES", raising=False)


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
