"""Language codes: the compendium's ISO 639 codes to canonical BCP 47 tags.

The compendium writes ISO 639-2 codes ("ENG", "ZHO"); records hold BCP 47 tags, which
use the shortest ISO 639 code ("en", "zh"). :mod:`langcodes` does the mapping and knows
the registry. It takes tens of milliseconds to import, so it is imported on first use:
the bundled data, verified by checksum, never needs it.
"""

from __future__ import annotations

import functools

from migrantres.exceptions import InvalidLanguageError

__all__ = ["to_bcp47"]


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
