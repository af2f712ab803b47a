"""Case and accent folding: the keys by which text compares without regard to case.

Two keys, one per rule of the queries guide:

* :func:`caseless`: Unicode's canonical caseless match (The Unicode Standard, D145):
  case does not matter, accents do. Categorical fields compare this way.
* :func:`fold`: case and accents both ignored, for the ``i`` lookups and search.

Both give one key for canonically equivalent strings (NFC and NFD spellings alike).
"""

from __future__ import annotations

import unicodedata

__all__ = ["caseless", "fold"]


def caseless(text: str) -> str:
    """The canonical caseless key: ``NFC(casefold(NFD(text)))``.

    "Côte d'Ivoire" in NFC or NFD and "CÔTE D'IVOIRE" share a key; "Cote d'Ivoire"
    does not: accents are letters of their own here. "Straße" matches "STRASSE".

    >>> caseless("C\u00f4te d'Ivoire") == caseless("CO\u0302TE D'IVOIRE")
    True
    >>> caseless("Côte") == caseless("Cote"), caseless("Straße")
    (False, 'strasse')
    """
    if text.isascii():  # the common case, and a fast one: nothing to decompose
        return text.lower()
    return unicodedata.normalize("NFC", unicodedata.normalize("NFD", text).casefold())


def fold(text: str) -> str:
    """Fold case and accents: Unicode case folding, then decomposition without the marks.

    "Sécurité" and "SECURITE" both fold to "securite"; "Straße" folds to "strasse".

    >>> fold("Coopération ÉTHIQUE"), fold("Straße")
    ('cooperation ethique', 'strasse')
    """
    if text.isascii():  # the common case, and a fast one: nothing to decompose
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFD", text).casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))
