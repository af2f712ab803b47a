"""migrantres: a typed, versioned catalogue of resources on migrant-worker exploitation.

The package ships its dataset and a query API over it::

    >>> import migrantres
    >>> catalogue = migrantres.load()
    >>> [resource.launch_date.year for resource in catalogue if resource.launch_date]
    [2015, 2019, 2019, 2018, 2019]

Importing the package reads no data; :func:`load` reads, verifies and validates the
bundled data on first use and returns the same immutable :class:`Catalogue` after that.
"""

from migrantres._catalogue.catalogue import Catalogue, SearchResults
from migrantres._catalogue.diff import CatalogueDiff, FieldChange, ResourceChange, diff
from migrantres._formats.schema import json_schema
from migrantres._query.params import lookups_from_params
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
from migrantres._storage.manifest import Manifest
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
