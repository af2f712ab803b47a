"""Releases pin with pip: two releases built by the release command, installed by pip.

In a temporary copy of this repository, the release command makes the current release's
dists, then a second release whose data the real build makes from modified upstream
text: the last record of the upstream text is left out, a change made for this test
only, which invents nothing. Both go into a folder that pip reads as its only package
index. Each install runs a real pip in a fresh virtual environment, with this machine's
pip configuration switched off and no network: the dependencies come from wheels packed
from what is installed here (tests/wheelhouse.py).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.metadata
import json
import os
import re
import shutil
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest

import migrantres
from conftest import ROOT
from migrantres.build import as_of
from wheelhouse import closure, repack, wheelhouse

if TYPE_CHECKING:
    from pathlib import Path

pytestmark = pytest.mark.slow

if not (ROOT / ".git").exists():
    pytest.skip("the release tests copy a git checkout of the repository", allow_module_level=True)

OLD = migrantres.__version__
NEW_DATE = (dt.date.fromisoformat(as_of(OLD)) + dt.timedelta(days=1)).strftime("%Y%m%d")
NEW = f"{'.'.join(OLD.split('.')[:2])}.{NEW_DATE}"
DROPPED = "migrant-workers-fair-recruitment-treatment-guidelines"
UPSTREAM_TEXT = "upstream/osce-compendium-iom.txt"
README_URL = "https://github.com/migrantres/migrantres"
README_VERSION = "0.1.20261128"
GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "migrantres tests",
    "GIT_AUTHOR_EMAIL": "tests@example.org",
    "GIT_COMMITTER_NAME": "migrantres tests",
    "GIT_COMMITTER_EMAIL": "tests@example.org",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}

SHOW = (
    "import json, migrantres; c = migrantres.load(); "
    "print(json.dumps([migrantres.__version__, migrantres.manifest().version, "
    "migrantres.manifest().record_count, list(c.ids()), migrantres.__file__]))"
)


def _run(*command, cwd, env=None, timeout=600):
    result = subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=timeout,
    )
    assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
    return result.stdout


def _pip_env(*links: Path) -> dict[str, str]:
    """This environment without pip's configuration: no index, only the folders given."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PIP_", "UV_")) and key not in {"VIRTUAL_ENV", "PYTHONPATH"}
    }
    return {
        **env,
        "PIP_CONFIG_FILE": os.devnull,  # skips the global, site and user files alike
        "PIP_NO_INDEX": "1",
        "PIP_FIND_LINKS": " ".join(str(link) for link in links),
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
        "PIP_NO_CACHE_DIR": "1",
        **GIT_IDENTITY,
    }


@pytest.fixture(scope="module")
def deps(tmp_path_factory):
    """Wheels of migrantres's dependencies and of its build backend, from what is installed."""
    folder = wheelhouse(tmp_path_factory.mktemp("wheelhouse"), "migrantres")
    for dist in [*closure("hatchling"), importlib.metadata.distribution("hatchling")]:
        repack(dist, folder)
    return folder


@pytest.fixture(scope="module")
def releases(tmp_path_factory):
    """A copy of the repository with two releases, and the folder of their dists."""
    base = tmp_path_factory.mktemp("releases")
    repo, index = base / "repo", base / "index"
    env = {**os.environ, **GIT_IDENTITY}
    env.pop("PYTHONPATH", None)
    listed = _run("git", "ls-files", "-z", "-co", "--exclude-standard", cwd=ROOT)
    for name in filter(None, listed.split("\0")):
        if (ROOT / name).is_file():
            (repo / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, repo / name)
    _run("git", "init", "-q", "-b", "main", cwd=repo, env=env)
    _run("git", "add", "-A", cwd=repo, env=env)
    _run("git", "commit", "-q", "-m", f"migrantres {OLD}", cwd=repo, env=env)
    _run("git", "tag", "-a", f"v{OLD}", "-m", f"migrantres {OLD}", cwd=repo, env=env)
    release = [sys.executable, "tools/release.py", "--no-isolation", "--out", index]
    first = _run(*release, "--dists", f"v{OLD}", cwd=repo, env=env)

    # For this test only: the upstream text without its last record (lines from its
    # "Name of Resource" on). The data shrinks to a true subset; nothing is made up.
    text = (repo / UPSTREAM_TEXT).read_text(encoding="utf-8")
    last = text.rindex("\nNa me of Re so urce\t")
    (repo / UPSTREAM_TEXT).write_text(text[: last + 1], encoding="utf-8")
    _run(
        "git", "commit", "-qam", "Test only: leave out the last upstream record", cwd=repo, env=env
    )
    second = _run(*release, NEW_DATE, cwd=repo, env=env)
    return repo, index, first, second


def test_the_release_command_sets_the_version_rebuilds_the_data_and_writes_the_changelog(
    releases,
):
    repo, _, _, second = releases
    assert f'__version__ = "{NEW}"' in (repo / "src/migrantres/_version.py").read_text()
    manifest = json.loads((repo / "src/migrantres/data/manifest.json").read_text())
    assert (manifest["version"], manifest["record_count"]) == (NEW, 4)
    changelog = (repo / "CHANGELOG.md").read_text(encoding="utf-8")
    entry = changelog.split(f"## {NEW}\n", 1)[1].split("\n## ", 1)[0]
    assert entry.startswith("\n### Data\n\n")
    assert f"Removed:\n\n- `{DROPPED}`\n" in entry
    # the upstream text's checksum is in every record's provenance: the others changed so
    kept = [i for i in migrantres.load().ids() if i != DROPPED]
    assert "Changed:\n\n" + "".join(f"- `{i}`: provenance\n" for i in kept) in entry
    assert "Added:" not in entry
    assert (
        changelog.index("## Unreleased")
        < changelog.index(f"## {NEW}")
        < changelog.index(f"## {OLD}")
    )
    assert f"v{NEW}: previous release v{OLD}" in second
    tags = _run("git", "tag", "--list", cwd=repo).split()
    assert set(tags) == {f"v{OLD}", f"v{NEW}"}
    assert _run("git", "status", "--porcelain", cwd=repo) == ""


def test_each_release_has_a_checked_sdist_and_wheel_built_reproducibly(releases):
    _, index, first, second = releases
    names = sorted(p.name for p in index.iterdir())
    assert names == sorted(
        f"migrantres-{v}{suffix}" for v in (OLD, NEW) for suffix in ("-py3-none-any.whl", ".tar.gz")
    )
    # the command printed each dist's sha256 after building it twice from a clean clone
    for output, version in ((first, OLD), (second, NEW)):
        printed = (re.fullmatch(r"([0-9a-f]{64})  (\S+)", line) for line in output.splitlines())
        digests = {m[2]: m[1] for m in printed if m}
        for path in index.glob(f"migrantres-{version}*"):
            assert digests[str(path)] == hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize(
    ("requirement", "version", "count"),
    [(f"migrantres=={OLD}", OLD, 5), ("migrantres~=0.1.0", NEW, 4)],
    ids=["pinned", "compatible"],
)
def test_pip_installs_the_release_a_requirement_pins(  # noqa: PLR0913, PLR0917 - fixtures
    releases, deps, tmp_path, requirement, version, count
):
    _, index, _, _ = releases
    env = _pip_env(index, deps)
    _run(sys.executable, "-m", "venv", tmp_path / "venv", cwd=tmp_path, env=env)
    python = tmp_path / "venv" / "bin" / "python"
    _run(python, "-m", "pip", "install", requirement, cwd=tmp_path, env=env)
    installed, dataset, records, ids, location = json.loads(
        _run(python, "-c", SHOW, cwd=tmp_path, env=env)
    )
    assert (installed, dataset, records, len(ids)) == (version, version, count, count)
    assert (DROPPED in ids) == (version == OLD)
    assert location.startswith(str(tmp_path / "venv"))


def _readme_block(name: str) -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(rf"<!-- test: {name} -->\s*```sh\n(?P<body>.*?)```", text, re.DOTALL)
    assert match, f"README.md has no block marked <!-- test: {name} -->"
    return match["body"]


def _as_written(block: str, repo: Path) -> str:
    """The block with the project's URL and release pointing at the local copy's."""
    return block.replace(README_URL, f"file://localhost{repo}").replace(README_VERSION, OLD)


def test_the_readmes_install_and_pin_instructions_work_as_written(releases, deps, tmp_path):
    repo, _, _, _ = releases
    env = _pip_env(deps)  # hatchling and the dependencies; migrantres comes from git
    venvs = {}
    for name, venv_names in (
        ("install-tag", [".venv"]),
        ("install-wheel", [".venv"]),
        ("pin-requirements", [".venv-tag", ".venv-wheel"]),
    ):
        folder = tmp_path / name
        folder.mkdir()
        if name == "pin-requirements":
            shutil.copytree(tmp_path / "install-wheel" / "wheels", folder / "wheels")
        _run(
            "bash",
            "-euo",
            "pipefail",
            "-c",
            _as_written(_readme_block(name), repo),
            cwd=folder,
            env=env,
        )
        for venv in venv_names:
            venvs[f"{name}/{venv}"] = folder / venv
    assert (tmp_path / "install-wheel" / "wheels" / f"migrantres-{OLD}-py3-none-any.whl").is_file()
    for where, venv in venvs.items():
        installed, dataset, records, _, location = json.loads(
            _run(venv / "bin" / "python", "-c", SHOW, cwd=tmp_path, env=env)
        )
        assert (installed, dataset, records) == (OLD, OLD, 5), where
        assert location.startswith(str(venv)), where
