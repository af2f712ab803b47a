"""The public surface: what `import migrantres` offers, and its version."""

from __future__ import annotations

import importlib.metadata
import inspect

import migrantres
from migrantres import exceptions


def test_all_is_sorted_and_complete():
    assert migrantres.__all__ == sorted(migrantres.__all__)
    public = {name for name in dir(migrantres) if not name.startswith("_")}
    modules = {"build", "cli", "exceptions", "ingest"}
    assert public - modules == set(migrantres.__all__) - {"__version__"}


def test_version_matches_the_installed_metadata():
    assert migrantres.__version__ == importlib.metadata.version("migrantres")


def test_version_is_major_minor_date():
    major, minor, date = migrantres.__version__.split(".")[:3]
    assert major.isdigit()
    assert minor.isdigit()
    assert len(date) == 8
    assert date.isdigit()


def test_every_error_derives_from_the_base_and_a_builtin():
    for name in exceptions.__all__:
        cls = getattr(exceptions, name)
        if name == "Problem":
            continue
        assert issubclass(cls, migrantres.MigrantresError)
        if cls is not migrantres.MigrantresError:
            assert any(
                issubclass(cls, builtin)
                for builtin in (ValueError, KeyError, RuntimeError, ImportError)
            ), name


def test_every_public_object_is_documented():
    for name in migrantres.__all__:
        obj = getattr(migrantres, name)
        if inspect.isclass(obj) or inspect.isfunction(obj):
            assert inspect.getdoc(obj), name


def test_py_typed_is_shipped():
    from importlib.resources import files  # noqa: PLC0415

    assert files("migrantres").joinpath("py.typed").is_file()
