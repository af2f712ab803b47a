"""What every reader shares: decoding bytes, reporting problems, and a quiet collector.

Readers report every problem at once, each with its line or record and field, as the
:class:`~migrantres.Problem` entries of one :class:`~migrantres.LoadError`.
"""

from __future__ import annotations

import functools
import gc
import threading
from typing import TYPE_CHECKING, Any, Final, NamedTuple, ParamSpec, TypeVar

from migrantres._records.compact import share_field_sets
from migrantres.exceptions import LoadError, Problem

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping, Sequence

    from migrantres._records.models import Resource

_P = ParamSpec("_P")
_R = TypeVar("_R")

__all__ = ["Parsed", "collector_paused", "decode", "record_problems", "value_of"]


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
    (:func:`~migrantres._records.compact.share_field_sets`).
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
    """Records read from text, and the dataset version its header gives, if any."""

    records: tuple[Resource, ...]
    version: str | None


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
