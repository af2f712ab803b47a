"""Language codes: the compendium's ISO 639 codes to canonical BCP 47 tags.

The compendium writes ISO 639-2 codes ("ENG", "ZHO"); records hold BCP 47 tags, which
use the shortest ISO 639 code ("en", "zh"). :mod:`langcodes` does the mapping and knows
the registry. It takes tens of milliseconds to import, so it is imported on first use,
and not at all for data that is already canonical and verified (see
:func:`is_well_formed`).
"""

from __future__ import annotations

import functools
import re

from migrantres.exceptions import InvalidLanguageError

__all__ = ["is_well_formed", "to_bcp47"]

# Canonical case of BCP 47: language lower, script title, region upper, the rest lower.
_CANONICAL_SHAPE = re.compile(
    r"[a-z]{2,3}(?:-[A-Z][a-z]{3})?(?:-(?:[A-Z]{2}|[0-9]{3}))?(?:-[a-z0-9]{4,8})*"
)


def is_well_formed(tag: str) -> bool:
    """Whether ``tag`` has the shape of a canonical BCP 47 tag ("en", "zh-Hans", "pt-BR").

    This checks the form only, not the registry; :func:`to_bcp47` checks both.

    >>> is_well_formed("fr"), is_well_formed("FRA"), is_well_formed("fr_FR")
    (True, False, False)
    """
    return _CANONICAL_SHAPE.fullmatch(tag) is not None


@functools.lru_cache(maxsize=1024)
def to_bcp47(code: str) -> str:
    """Return the canonical BCP 47 tag for an ISO 639 code or a BCP 47 tag.

    >>> [to_bcp47(c) for c in ("ENG", "fra", "ZHO", "pt-br")]
    ['en', 'fr', 'zh', 'pt-BR']
    """
    if not isinstance(code, str):
        raise InvalidLanguageError(code, "not text")
    import langcodes  # noqa: PLC0415 - slow to import; most loads never need it

    try:
        tag = langcodes.standardize_tag(code.strip())
    except ValueError as exc:
        raise InvalidLanguageError(code, str(exc)) from None
    if not langcodes.tag_is_valid(tag):
        raise InvalidLanguageError(code, "not in the language subtag registry")
    return tag
