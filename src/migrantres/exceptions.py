"""The errors migrantres raises: one base class, and builtin bases for ``except`` clauses.

.. code-block:: text

    MigrantresError(Exception)
    ├── QueryError(ValueError)             a query the catalogue cannot answer
    │   ├── UnknownFieldError              filter, sort or group on a field Resource lacks
    │   ├── UnknownLookupError             the "__op" suffix is not a known lookup
    │   └── InvalidValueError              the value cannot be compared with the field
    ├── ResourceNotFoundError(KeyError)    cat["no-such-id"]
    ├── InvalidDateError(ValueError)       not a real date at year, month or day precision
    ├── InvalidLanguageError(ValueError)   not an ISO 639 code or BCP 47 tag
    ├── ParseError(ValueError)             compendium text that cannot be placed
    ├── CorrectionError(ValueError)        a reviewed correction that no longer applies
    ├── LoadError(ValueError)              a catalogue file with problems, all listed
    ├── DataError(RuntimeError)            the bundled data is broken (a packaging bug)
    │   └── IntegrityError                 the bundled data does not match its manifest
    └── MissingDependencyError(ImportError)  an optional extra is not installed

Every message starts in lower case, names the offending value with ``repr`` and says
what would be valid. Exceptions keep the pieces as attributes (``field``, ``value``,
``suggestions``, ...), so programs need not parse messages.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from migrantres._suggest import close_matches, hint

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

__all__ = [
    "CorrectionError",
    "DataError",
    "IntegrityError",
    "InvalidDateError",
    "InvalidLanguageError",
    "InvalidValueError",
    "LoadError",
    "MigrantresError",
    "MissingDependencyError",
    "ParseError",
    "Problem",
    "QueryError",
    "ResourceNotFoundError",
    "UnknownFieldError",
    "UnknownLookupError",
]


class MigrantresError(Exception):
    """Base class of every error migrantres raises on purpose.

    .. versionadded:: 0.1
    """


class QueryError(MigrantresError, ValueError):
    """A query the catalogue cannot answer. Finding nothing is not an error.

    .. versionadded:: 0.1
    """


class UnknownFieldError(QueryError):
    """A query names a field that :class:`~migrantres.Resource` does not have.

    .. versionadded:: 0.1
    """

    def __init__(self, field: str, valid: Iterable[str], *, reason: str = "") -> None:
        """Name the field and suggest the nearest of the ``valid`` ones.

        With a ``reason``, the field exists but cannot be used this way; the message
        says why instead of suggesting others.
        """
        valid = tuple(valid)
        self.field = field
        self.valid = valid
        self.suggestions = () if reason else close_matches(field, valid)
        if reason:
            message = f"field {field!r} of Resource: {reason}"
        else:
            message = f"unknown field {field!r} for Resource{hint(self.suggestions, valid)}"
        super().__init__(message)


class UnknownLookupError(QueryError):
    """The ``__op`` part of a lookup is not one the field supports.

    .. versionadded:: 0.1
    """

    def __init__(self, field: str, lookup: str, valid: Iterable[str]) -> None:
        """Name the lookup as written and list or suggest the supported ones."""
        valid = tuple(valid)
        self.field = field
        self.lookup = lookup
        self.valid = valid
        self.suggestions = close_matches(lookup, valid)
        super().__init__(
            f"unknown lookup {lookup!r} in {field + '__' + lookup!r}{hint(self.suggestions, valid)}"
        )


class InvalidValueError(QueryError):
    """A query value cannot be compared with its field.

    .. versionadded:: 0.1
    """

    def __init__(self, field: str, value: object, expected: str, *, reason: str = "") -> None:
        """Name the field and the value, and say what the field accepts."""
        self.field = field
        self.value = value
        self.expected = expected
        self.reason = reason
        detail = f" ({reason})" if reason else ""
        super().__init__(
            f"invalid value {value!r} for {field!r}{detail}; expected {expected}",
        )


class ResourceNotFoundError(MigrantresError, KeyError):
    """No resource in the catalogue has the requested id.

    .. versionadded:: 0.1
    """

    def __init__(self, resource_id: object, known_ids: Iterable[str]) -> None:
        """Name the id and suggest ids that look like it."""
        known = tuple(known_ids)
        self.id = resource_id
        self.suggestions = close_matches(resource_id, known) if isinstance(resource_id, str) else ()
        tail = "; did you mean " + " or ".join(map(repr, self.suggestions)) + "?"
        self.message = f"no resource with id {resource_id!r}" + (tail if self.suggestions else "")
        super().__init__(self.message)

    def __str__(self) -> str:
        """Return the message itself: ``KeyError`` would wrap it in quotes."""
        return self.message


class InvalidDateError(MigrantresError, ValueError):
    """Text or numbers that are not a real date at year, month or day precision.

    ``kind`` names the kind of text refused as needing a guess: ``"day-range"``,
    ``"month-range"``, ``"year-range"``, ``"two-digit-year"``, ``"no-year"``,
    ``"not-a-year"``, ``"two-readings"``, ``"time-of-day"`` or ``"not-a-date"``; it is
    ``None`` for a date that does not exist ("31 February 2019", "2019-13").

    .. versionadded:: 0.1
    """

    def __init__(self, value: object, reason: str, kind: str | None = None) -> None:
        """Name the value and say why it is not a date."""
        self.value = value
        self.reason = reason
        self.kind = kind
        super().__init__(f"invalid date {value!r}: {reason}")


class InvalidLanguageError(MigrantresError, ValueError):
    """A language code that is neither an ISO 639 code nor a valid BCP 47 tag.

    .. versionadded:: 0.1
    """

    def __init__(self, value: object, reason: str = "") -> None:
        """Name the code and say what is accepted."""
        self.value = value
        self.reason = reason
        detail = f" ({reason})" if reason else ""
        super().__init__(
            f"invalid language {value!r}{detail}; expected an ISO 639 code such as 'en', "
            "'fra' or 'ZHO', or a BCP 47 tag such as 'pt-BR'"
        )


class ParseError(MigrantresError, ValueError):
    """Compendium text that the parser cannot place in a record.

    .. versionadded:: 0.1
    """

    def __init__(
        self,
        message: str,
        *,
        line: int | None = None,
        text: str | None = None,
        source: str | None = None,
    ) -> None:
        """Keep the file, the 1-based line number and the line's text beside the message."""
        self.line = line
        self.text = text
        self.source = source
        self.detail = message
        where = ", ".join(
            part for part in (source, f"line {line}" if line is not None else None) if part
        )
        shown = f" (in {text[:80]!r})" if text is not None else ""
        super().__init__(f"{where + ': ' if where else ''}{message}{shown}")

    def at(self, source: str) -> ParseError:
        """The same error, naming the file it was found in."""
        return ParseError(self.detail, line=self.line, text=self.text, source=source)


class CorrectionError(MigrantresError, ValueError):
    """A reviewed correction that does not apply to the source as it now reads.

    .. versionadded:: 0.1
    """


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem found in a catalogue file: where it is, and what is wrong.

    .. versionadded:: 0.1
    """

    #: What was wrong and what is accepted.
    message: str
    #: 0-based position of the record in the file, when the problem is in a record.
    index: int | None = None
    #: The record's id, when it could be read.
    id: str | None = None
    #: Dotted path of the field inside the record, e.g. ``availability.0.url``.
    field: str | None = None
    #: The offending value, when there is one.
    value: object = None
    #: 1-based line of the file, for line-oriented formats and JSON syntax errors.
    line: int | None = None
    #: 1-based column (in characters) of that line, for JSON syntax errors.
    #:
    #: .. versionadded:: 0.2
    column: int | None = None

    def __str__(self) -> str:
        """Render as ``record 2 (id 'x'), field 'title': message``."""
        parts = []
        if self.line is not None:
            parts.append(f"line {self.line}" + (f", column {self.column}" if self.column else ""))
        if self.index is not None:
            parts.append(f"record {self.index}" + (f" (id {self.id!r})" if self.id else ""))
        if self.field:
            parts.append(f"field {self.field!r}")
        where = ", ".join(parts)
        return f"{where}: {self.message}" if where else self.message


class LoadError(MigrantresError, ValueError):
    """A catalogue file that cannot be loaded; ``problems`` lists every problem found.

    .. versionadded:: 0.1
    """

    #: The message lists at most this many problems; ``problems`` holds them all.
    MAX_LISTED = 50

    def __init__(self, source: str, problems: Sequence[Problem]) -> None:
        """Summarise all ``problems`` found in ``source`` (a path or ``'<data>'``)."""
        self.source = source
        self.problems = tuple(problems)
        count = len(self.problems)
        lines = [f"  - {p}" for p in self.problems[: self.MAX_LISTED]]
        if count > self.MAX_LISTED:
            lines.append(f"  ... and {count - self.MAX_LISTED} more (see .problems)")
        noun = "problem" if count == 1 else "problems"
        heading = f"cannot load catalogue from {source}: {count} {noun}"
        super().__init__("\n".join([heading, *lines]))


class DataError(MigrantresError, RuntimeError):
    """The data bundled with the package failed validation: a packaging bug.

    .. versionadded:: 0.1
    """


class IntegrityError(DataError):
    """The bundled data file does not match the checksum in its manifest.

    .. versionadded:: 0.1
    """


class MissingDependencyError(MigrantresError, ImportError):
    """An optional dependency is needed; the message names the extra to install.

    .. versionadded:: 0.1
    """

    def __init__(self, module: str, extra: str, feature: str, *, install: str = "") -> None:
        """Name the missing module, the feature that needs it and the extra providing it.

        ``install`` says what to install instead, where no extra of migrantres brings
        the module (it is part of Python itself).
        """
        self.module = module
        self.extra = extra
        # migrantres is not on a package index yet, so "migrantres[extra]" cannot be
        # installed by name: the dependency itself can.
        advice = install or f"it with: pip install {module}"
        where = f" (the {extra!r} extra of migrantres)" if extra else ""
        super().__init__(
            f"{feature} needs the optional dependency {module!r}{where}; install {advice}",
            name=module,
        )
