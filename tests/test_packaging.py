"""The built wheel: it holds the data and py.typed, installs, and loads from a zip too."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile

import pytest

import migrantres
from conftest import ROOT

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (path,) = out.glob("migrantres-*.whl")
    return path


def test_wheel_name_carries_the_version(wheel):
    assert wheel.name.startswith(f"migrantres-{migrantres.__version__}-py3-none-any")


def test_wheel_holds_code_data_and_py_typed_but_no_tests(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {
        "migrantres/py.typed",
        "migrantres/data/resources.json",
        "migrantres/data/manifest.json",
        "migrantres/__init__.py",
    } <= names
    assert not any(name.startswith(("tests/", "upstream/")) for name in names)
    metadata = next(n for n in names if n.endswith("METADATA"))
    text = zipfile.ZipFile(wheel).read(metadata).decode()
    assert "Requires-Python: >=3.11" in text
    assert "Provides-Extra: pandas" in text
    assert "Provides-Extra: arrow" in text
    assert "Requires-Dist: pyarrow>=14; extra == 'arrow'" in text


def _python_with(path, code):
    """Run ``code`` with ``path`` first on sys.path, away from the source tree."""
    env = {**os.environ, "PYTHONPATH": str(path)}
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=False,
        cwd=path.parent,
        env=env,
        timeout=120,
    )


LOAD = (
    "import migrantres, sys\n"
    "c = migrantres.load()\n"
    "print(migrantres.__file__)\n"
    "print(len(c), c.version)\n"
)


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory):
    target = tmp_path_factory.mktemp("site") / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "-q",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return target


def test_installed_wheel_loads_the_catalogue(installed):
    result = _python_with(installed, LOAD)
    assert result.returncode == 0, result.stderr
    location, summary = result.stdout.splitlines()
    assert location.startswith(str(installed))
    assert summary == f"5 {migrantres.__version__}"


def test_catalogue_loads_from_a_zip(installed, tmp_path):
    archive = tmp_path / "migrantres.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for path in (installed / "migrantres").rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts:
                zf.write(path, path.relative_to(installed))
    result = _python_with(archive, LOAD)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0].startswith(str(archive))


def test_tampered_installed_data_raises_an_integrity_error(installed, tmp_path):
    import shutil  # noqa: PLC0415

    copy = tmp_path / "site"
    shutil.copytree(installed, copy)
    data = copy / "migrantres" / "data" / "resources.json"
    data.write_bytes(data.read_bytes().replace(b'"Global"', b'"Mars"', 1))
    result = _python_with(copy, LOAD)
    assert result.returncode == 1
    assert "migrantres.exceptions.IntegrityError" in result.stderr
    assert "does not match its manifest" in result.stderr
