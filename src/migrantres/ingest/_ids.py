"""Ids made from titles: stable kebab-case slugs."""

from __future__ import annotations

import re
import unicodedata
from typing import Final

__all__ = ["slugify"]

_STOPWORDS: Final = frozenset(
    {"a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or"}
    | {"the", "their", "to", "with"}
)
_SLUG_WORDS: Final = 8


def slugify(title: str) -> str:
    """Make an id from a title: ASCII words, stop words left out, at most eight words.

    >>> slugify("Remediation Guidelines for Victims of Human Trafficking in Mineral Supply Chains")
    'remediation-guidelines-victims-human-trafficking-mineral-supply-chains'
    """
    ascii_text = (
        unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii").casefold()
    )
    words = [w for w in re.findall(r"[a-z0-9]+", ascii_text) if w not in _STOPWORDS]
    return "-".join(words[:_SLUG_WORDS])
