"""Case and accent folding, shared by case-insensitive lookups and search."""

from __future__ import annotations

import unicodedata

__all__ = ["fold"]


def fold(text: str) -> str:
    """Fold case and accents: Unicode case folding, then decomposition without the marks.

    "Sécurité" and "SECURITE" both fold to "securite"; "Straße" folds to "strasse".

    >>> fold("Coopération ÉTHIQUE"), fold("Straße")
    ('cooperation ethique', 'strasse')
    """
    if text.isascii():  # the common case, and a fast one: nothing to decompose
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))
