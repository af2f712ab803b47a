"""Did-you-mean hints for error messages, built on :func:`difflib.get_close_matches`."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

_MAX_SUGGESTIONS = 3
#: Below this many options, an error lists them all when nothing is close.
MAX_LISTED = 12


def close_matches(word: str, options: Iterable[str]) -> tuple[str, ...]:
    """Return up to three options that look like ``word``, closest first.

    Options that start with ``word``, or contain it, count too: a long id is
    often typed in part.

    >>> close_matches("jurisdicton", ["id", "jurisdiction"])
    ('jurisdiction',)
    >>> close_matches("migrant-workers", ["migrant-workers-fair-recruitment", "theory-change"])
    ('migrant-workers-fair-recruitment',)
    """
    import difflib  # noqa: PLC0415 - only an error needs it, never a start

    candidates = list(options)
    found = difflib.get_close_matches(word, candidates, n=3, cutoff=0.6)
    if word and len(found) < _MAX_SUGGESTIONS:
        found += [o for o in sorted(candidates) if o.startswith(word) and o not in found]
        found += [o for o in sorted(candidates) if word in o and o not in found]
    return tuple(found[:_MAX_SUGGESTIONS])


def hint(suggestions: tuple[str, ...], options: Iterable[str]) -> str:
    """Return the tail of a message: the suggestions, or every option when there are few.

    >>> hint(("jurisdiction",), ["id", "jurisdiction"])
    "; did you mean 'jurisdiction'?"
    >>> hint((), ["b", "a"])
    '; expected one of: a, b'
    """
    if suggestions:
        return "; did you mean " + " or ".join(repr(s) for s in suggestions) + "?"
    listed = sorted(set(options))
    if 0 < len(listed) <= MAX_LISTED:
        return "; expected one of: " + ", ".join(listed)
    return ""
