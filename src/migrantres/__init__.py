"""migrantres: a typed, versioned catalogue of resources on migrant-worker exploitation.

The package ships its dataset and a query API over it::

    >>> import migrantres
    >>> catalogue = migrantres.load()
    >>> [resource.launch_date.year for resource in catalogue if resource.launch_date]
    [2015, 2019, 2019, 2018, 2019]

Importing the package reads no data; :func:`load` reads, verifies and validates the
bundled data on first use and returns the same immutable :class:`Catalogue` after that.
The few names a first query does not need (:func:`diff` and its results,
:func:`json_schema`, :func:`lookups_from_params`, :class:`Manifest`) are imported on
first use.
"""

import typing as _typing

from migrantres._catalogue.catalogue import Catalogue, SearchResults
from migrantres._records.dates import PartialDate, Precision
from migrantres._records.models import (
    Availability,
    Correction,
    Organization,
    Provenance,
    Repair,
    RepairKind,
    Resource,
    SourceLocation,
)
from migrantres._records.vocab import DateKind, ResourceType
from migrantres._storage.bundled import manifest
from migrantres._storage.loader import load
from migrantres._version import __version__
from migrantres.exceptions import (
    CorrectionError,
    DataError,
    IntegrityError,
    InvalidDateError,
    InvalidLanguageError,
    InvalidValueError,
    LoadError,
    MigrantresError,
    MissingDependencyError,
    ParseError,
    Problem,
    QueryError,
    ResourceNotFoundError,
    UnknownFieldError,
    UnknownLookupError,
)

if _typing.TYPE_CHECKING:
    from migrantres._catalogue.diff import CatalogueDiff, FieldChange, ResourceChange, diff
    from migrantres._formats.schema import json_schema
    from migrantres._query.params import lookups_from_params
    from migrantres._storage.manifest import Manifest
else:
    _ON_USE = {
        "CatalogueDiff": "migrantres._catalogue.diff",
        "FieldChange": "migrantres._catalogue.diff",
        "ResourceChange": "migrantres._catalogue.diff",
        "diff": "migrantres._catalogue.diff",
        "json_schema": "migrantres._formats.schema",
        "lookups_from_params": "migrantres._query.params",
        "Manifest": "migrantres._storage.manifest",
    }

    def __getattr__(name: str) -> object:
        """A public name imported on first use (PEP 562)."""
        module = _ON_USE.get(name)
        if module is None:
            msg = f"module 'migrantres' has no attribute {name!r}"
            raise AttributeError(msg)
        from importlib import import_module  # noqa: PLC0415 - the name's module, on use

        return getattr(import_module(module), name)

    def __dir__() -> list[str]:
        """Every public name, those imported on first use too."""
        return sorted({*globals(), *_ON_USE})


__all__ = [
    "Availability",
    "Catalogue",
    "CatalogueDiff",
    "Correction",
    "CorrectionError",
    "DataError",
    "DateKind",
    "FieldChange",
    "IntegrityError",
    "InvalidDateError",
    "InvalidLanguageError",
    "InvalidValueError",
    "LoadError",
    "Manifest",
    "MigrantresError",
    "MissingDependencyError",
    "Organization",
    "ParseError",
    "PartialDate",
    "Precision",
    "Problem",
    "Provenance",
    "QueryError",
    "Repair",
    "RepairKind",
    "Resource",
    "ResourceChange",
    "ResourceNotFoundError",
    "ResourceType",
    "SearchResults",
    "SourceLocation",
    "UnknownFieldError",
    "UnknownLookupError",
    "__version__",
    "diff",
    "json_schema",
    "load",
    "lookups_from_params",
    "manifest",
]
