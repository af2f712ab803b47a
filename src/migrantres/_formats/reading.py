"""What every reader shares: decoding bytes, reporting problems, and a quiet collector.

Readers report every problem at once, each with its line or record and field, as the
:class:`~migrantres.Problem` entries of one :class:`~migrantres.LoadError`.

JSON nested more than :data:`MAX_DEPTH` levels deep (no record nests more than five)
is refused with one problem that names the record and field where the nesting goes too
deep (:func:`too_deep`): pydantic-core's parser stops there, and Python's own would
raise a bare ``RecursionError``.
"""

from __future__ import annotations

import functools
import gc
import json
import re
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final, NamedTuple, ParamSpec, TypeVar

from migrantres._records.compact import share_field_sets
from migrantres._records.dates import PartialDate
from migrantres.exceptions import InvalidDateError, LoadError, Problem

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping, Sequence

    from migrantres._records.fulltext import StoredIndex
    from migrantres._records.models import Resource

_P = ParamSpec("_P")
_R = TypeVar("_R")

__all__ = [
    "DATE_PARTS",
    "MAX_DEPTH",
    "DeepPoint",
    "Parsed",
    "collector_paused",
    "date_part_problems",
    "decode",
    "json_or_none",
    "record_problems",
    "too_deep",
    "value_of",
]

#: How deep JSON may nest: records nest five levels deep, pydantic-core's parser 200.
MAX_DEPTH: Final = 200

#: Columns that tabular formats derive from ``launch_date``: its year, month and day.
DATE_PARTS: Final = ("launch_year", "launch_month", "launch_day")


class _CollectorPause:
    """Pause Python's cyclic garbage collector while records are built, then restore it.

    Building 100,000 records allocates millions of objects, and every few hundred
    allocations the collector walks them all: it more than doubles the time of a load.
    Records hold no reference cycles, so nothing they allocate needs the collector.
    The pause lasts only while a file is parsed; the collector's earlier state comes
    back afterwards (it stays off if it was off), and nested or concurrent loads in
    several threads restore it once, when the last one ends.

    When it comes back, the new records would all sit in the youngest generation, and
    the collector's next passes would walk every one of them (a sixth of a load's
    time at 100,000 records). They are moved straight to the oldest generation
    instead: :func:`gc.freeze` then :func:`gc.unfreeze`, which move the objects the
    collector tracks without walking them. Every object then alive is moved alike;
    cyclic garbage among them is still collected, by the collector's full passes.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._depth = 0
        self._was_enabled = False

    def __enter__(self) -> None:
        with self._lock:
            if self._depth == 0:
                self._was_enabled = gc.isenabled()
                gc.disable()
            self._depth += 1

    def __exit__(self, *_: object) -> None:
        with self._lock:
            self._depth -= 1
            if self._depth == 0 and self._was_enabled:
                gc.freeze()
                gc.unfreeze()
                gc.enable()


_PAUSE: Final = _CollectorPause()


def collector_paused(parse: Callable[_P, _R]) -> Callable[_P, _R]:
    """Run a parser with the garbage collector paused (see :class:`_CollectorPause`).

    The records it returns then share their sets of field names
    (:func:`~migrantres._records.compact.share_field_sets`), if the reader did not
    share them as it built them.
    """

    @functools.wraps(parse)
    def run(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        with _PAUSE:
            parsed = parse(*args, **kwargs)
            if isinstance(parsed, Parsed):
                share_field_sets(parsed.records)
            return parsed

    return run


class Parsed(NamedTuple):
    """Records read from a file: the version its header gives, and its stored index."""

    records: tuple[Resource, ...]
    version: str | None
    #: A full-text index the file stores, for the search engine to reuse, if any.
    fulltext: StoredIndex | None = None


def decode(raw: bytes | str, source: str) -> str:
    """Text from bytes that must be UTF-8 (a byte-order mark is allowed)."""
    if isinstance(raw, str):
        return raw
    if not isinstance(raw, bytes | bytearray | memoryview):
        msg = f"expected str or bytes, not {type(raw).__name__}"
        raise TypeError(msg)
    raw = bytes(raw)
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise LoadError(source, [Problem("the file is UTF-16 text; save it as UTF-8")])
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        byte = exc.object[exc.start]
        raise LoadError(
            source, [Problem(f"the file is not UTF-8 text (byte {exc.start}: {byte:#04x})")]
        ) from None


def value_of(error: Mapping[str, Any]) -> object:
    """The offending input, unless it is a whole record (too long to show)."""
    value = error.get("input")
    return None if isinstance(value, dict | list) else value


def record_problems(
    errors: Iterable[Mapping[str, Any]],
    *,
    index: int | None = None,
    record_id: str | None = None,
    line: int | None = None,
    ids: Mapping[int, str] | None = None,
) -> list[Problem]:
    """Problems from pydantic errors; without ``index``, the location's first part is it."""
    problems = []
    for error in errors:
        loc: Sequence[int | str] = error["loc"]
        position = index
        if position is None and loc and isinstance(loc[0], int):
            position, loc = loc[0], loc[1:]
        problems.append(
            Problem(
                str(error["msg"]),
                index=position,
                id=record_id or ((ids or {}).get(position) if position is not None else None),
                field=".".join(str(part) for part in loc) or None,
                value=value_of(error),
                line=line,
            )
        )
    return problems


@dataclass(frozen=True, slots=True)
class DeepPoint:
    """Where JSON text first nests deeper than allowed."""

    #: The key or index inside each enclosing container, outermost first.
    path: tuple[str | int, ...]
    #: The ``"id"`` of each enclosing object, where it came before this point.
    ids: tuple[object, ...]
    #: 1-based line of the text.
    line: int

    def problem(self, record_level: int, *, index: int | None = None) -> Problem:
        """The problem, for records that are the containers at ``record_level``.

        ``record_level`` is how many containers enclose a record (1 in a JSON array of
        records, 2 in a catalogue document, 0 on a JSON Lines line); ``index`` is the
        record's position when the text holds one record.
        """
        if record_level > 0 and len(self.path) >= record_level:
            place = self.path[record_level - 1]
            index = place if isinstance(place, int) else index
        inside = self.path[record_level : record_level + 1]
        record_id = self.ids[record_level] if len(self.ids) > record_level else None
        return Problem(
            f"JSON nested more than {MAX_DEPTH} levels deep",
            index=index,
            id=record_id if isinstance(record_id, str) else None,
            field=inside[0] if inside and isinstance(inside[0], str) else None,
            line=self.line,
        )


# Compiled on first use (re caches them): only a refused file needs them.
_STRUCTURE = r'["\[\]{},:\n]'
_STRING = r'(?s)"((?:[^"\\]|\\.)*)"'


def too_deep(text: str, limit: int = MAX_DEPTH) -> DeepPoint | None:
    """Where ``text`` first nests more than ``limit`` containers deep, if it does.

    A scan of the structure only, for readers whose parser has refused the text: it
    tolerates invalid JSON, reads keys and ids as they are written, and never recurses.
    """
    stack: list[list[Any]] = []  # each container: [key or index, "id" value, is array]
    line, position, expect_key = 1, 0, False
    structure = re.compile(_STRUCTURE)
    while (match := structure.search(text, position)) is not None:
        char, position = match.group(), match.end()
        if char == '"':
            end = _read_string(text, match.start(), stack, expect_key=expect_key)
            if end is None:
                return None
            position = end
        elif char in "[{":
            if len(stack) >= limit:
                path = tuple(frame[0] for frame in stack)
                return DeepPoint(path, tuple(frame[1] for frame in stack), line)
            stack.append([0 if char == "[" else None, None, char == "["])
        elif char in "]}" and stack:
            stack.pop()
        elif char == "," and stack and stack[-1][2]:
            stack[-1][0] += 1
        elif char == "\n":
            line += 1
        expect_key = char in "{," and bool(stack) and not stack[-1][2]
    return None


def _read_string(text: str, start: int, stack: list[list[Any]], *, expect_key: bool) -> int | None:
    """Read the string at ``start`` as an object's key or its id; return where it ends."""
    string = re.compile(_STRING).match(text, start)
    if string is None:
        return None
    if stack and not stack[-1][2]:
        if expect_key:
            stack[-1][0] = string.group(1)
        elif stack[-1][0] == "id":
            stack[-1][1] = json_or_none(string.group())
    return string.end()


def json_or_none(text: str) -> object:
    """Python's reading of JSON text, or ``None`` if it is invalid or nests too deep."""
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        return None


def date_part_problems(
    rows: Iterable[dict[str, Any]], derived: Sequence[dict[str, Any]]
) -> list[Problem]:
    """Problems with ``launch_year``, ``launch_month`` and ``launch_day`` given in a row.

    They must be the parts of the row's ``launch_date`` (nulls where it has none); a
    date that is not ISO text is reported by the record's own validation.
    """
    problems = []
    for index, (row, given) in enumerate(zip(rows, derived, strict=True)):
        text = row.get("launch_date")
        if text is None:
            expected: tuple[int | None, ...] = (None, None, None)
        else:
            try:
                date = PartialDate.fromisoformat(text)
            except InvalidDateError:
                continue
            expected = (date.year, date.month, date.day)
        for name, part in zip(DATE_PARTS, expected, strict=True):
            if name in given and (given[name] != part or isinstance(given[name], bool)):
                record_id = row.get("id") if isinstance(row.get("id"), str) else None
                problems.append(
                    Problem(
                        f"{given[name]!r} is not the {name.removeprefix('launch_')} of "
                        f"launch_date {text!r}, {part!r}; leave the column out or give that",
                        index=index,
                        id=record_id,
                        field=name,
                        value=given[name],
                    )
                )
    return problems
