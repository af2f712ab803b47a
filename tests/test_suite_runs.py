"""How the suite runs: the property tests' profile, and which tests a run includes.

``pytest`` is the quick run: the slow tests left out, 20 inputs per property test.
``pytest --slow --hypothesis-profile=ci`` is CI's (README, "Develop").
"""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parent.parent
PROFILES = {"dev": 20, "ci": 300, "soak": 3000}


def test_the_chosen_profile_holds_after_a_test_module_imports_conftest(request):
    """Importing conftest again leaves the profile the run chose.

    Test modules import tests/conftest.py (``from conftest import ...``) as a module of
    their own; that must not bring back the default profile over the one chosen.
    """
    chosen = request.config.getoption("hypothesis_profile", None) or os.environ.get(
        "HYPOTHESIS_PROFILE", "dev"
    )
    spec = importlib.util.spec_from_file_location("conftest_again", ROOT / "tests" / "conftest.py")
    assert spec is not None
    assert spec.loader is not None
    spec.loader.exec_module(importlib.util.module_from_spec(spec))
    assert settings.get_current_profile_name() == chosen
    assert settings.default.max_examples == PROFILES[chosen]


def _collected(*options: str) -> set[str]:
    """The ids of the tests of tests/test_cli.py a run with these options would run."""
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "tests/test_cli.py", *options],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return set(re.findall(r"^tests/test_cli\.py::\S+$", result.stdout, re.MULTILINE))


@pytest.mark.slow
def test_the_slow_tests_run_only_when_asked_for():
    """tests/test_cli.py has slow tests (they start the installed command)."""
    everything = _collected("--slow")
    slow = _collected("-m", "slow")  # pytest's own choice by marker
    assert slow
    assert slow < everything
    assert _collected() == everything - slow
    assert _collected("-m", "not slow") == everything - slow
