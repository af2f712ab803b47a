"""Ranked full-text search: an inverted index with BM25F scoring.

Text is folded (case and accents, see :func:`~migrantres._records.folding.fold`) and split into
words of letters and digits. Three fields are indexed, with weights: the title (3),
the organizations' names and acronyms (2) and the description (1). A document's term
frequency and length are the weighted sums over its fields (BM25F), scored with
``k1 = 1.2`` and ``b = 0.75`` and Lucene's non-negative inverse document frequency.

Query syntax:

* words: ``recruitment fees`` finds resources with any of the words; those with more
  of them, and rarer ones, rank higher;
* phrases: ``"forced labour"`` matches the words together, in order, in one field;
  a word with inner punctuation (``multi-country``) is a phrase too;
* prefixes: ``recruit*`` matches every word that starts with ``recruit``.

The index is built once per catalogue, on the first search, and reused by every
catalogue derived from it (filtered, sorted or sliced), which search it and keep their
own resources. Building costs O(total words); a query costs O(postings of its words).
"""

from __future__ import annotations

import bisect
import heapq
import math
import operator
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from migrantres._records.folding import fold

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from migrantres._records.models import Resource

__all__ = ["FIELD_WEIGHTS", "Query", "SearchIndex", "parse_query", "tokens"]

K1: Final = 1.2
B: Final = 0.75
#: Fields searched, and how much a word in each counts.
FIELD_WEIGHTS: Final = (("title", 3.0), ("organizations", 2.0), ("description", 1.0))

_WORD = re.compile(r"\w+")
_QUERY_PART = re.compile(r'"(?P<phrase>[^"]*)"?|(?P<word>[^\s"]+)')


def tokens(text: str) -> list[str]:
    """The words of ``text``, folded: ``tokens("Coopération, Éthique")`` is two words."""
    return _WORD.findall(fold(text))


def _field_texts(resource: Resource) -> tuple[str, str, str]:
    organizations = " ".join(
        f"{org.name} {org.acronym}" if org.acronym else org.name for org in resource.organizations
    )
    return (resource.title, organizations, resource.description)


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed search query."""

    #: Single words.
    words: tuple[str, ...]
    #: Word prefixes, from ``word*``.
    prefixes: tuple[str, ...]
    #: Phrases of two or more words.
    phrases: tuple[tuple[str, ...], ...]

    def __bool__(self) -> bool:
        """Whether the query has anything to look for."""
        return bool(self.words or self.prefixes or self.phrases)


def parse_query(text: str) -> Query:
    """Split a query into words, prefixes and phrases.

    >>> query = parse_query('"Forced labour" recruit* fees multi-country')
    >>> query.words, query.prefixes, query.phrases
    (('fees',), ('recruit',), (('forced', 'labour'), ('multi', 'country')))
    """
    words: list[str] = []
    prefixes: list[str] = []
    phrases: list[tuple[str, ...]] = []
    for match in _QUERY_PART.finditer(text):
        raw = match["word"] if match["word"] is not None else match["phrase"]
        if match["word"] is not None and raw.endswith("*") and len(found := tokens(raw)) == 1:
            prefixes.append(found[0])
            continue
        found = tokens(raw)
        if len(found) == 1:
            words.append(found[0])
        elif found:
            phrases.append(tuple(found))
    return Query(
        tuple(dict.fromkeys(words)), tuple(dict.fromkeys(prefixes)), tuple(dict.fromkeys(phrases))
    )


class SearchIndex:
    """An inverted index of a sequence of resources, scored with BM25F.

    Each word's postings map a document's position to its weighted frequency. A word's
    *impacts*, its BM25 contribution to each document holding it, depend only on the
    index, so they are computed the first time a query uses the word and kept: a query
    then costs one addition per posting of its words.
    """

    def __init__(self, resources: Sequence[Resource]) -> None:
        """Index every resource: O(total words)."""
        self._resources = resources
        postings: dict[str, dict[int, float]] = {}
        lengths: list[float] = []
        weights = [weight for _, weight in FIELD_WEIGHTS]
        for position, resource in enumerate(resources):
            frequencies: dict[str, float] = {}
            length = 0.0
            for weight, text in zip(weights, _field_texts(resource), strict=True):
                words = tokens(text)
                length += weight * len(words)
                for word in words:
                    frequencies[word] = frequencies.get(word, 0.0) + weight
            for word, frequency in frequencies.items():
                entry = postings.get(word)
                if entry is None:
                    postings[word] = {position: frequency}
                else:
                    entry[position] = frequency
            lengths.append(length)
        self._postings = postings
        self._lengths = lengths
        self._average = (sum(lengths) / len(lengths)) if lengths else 0.0
        self._vocabulary: list[str] | None = None
        self._impacts: dict[str, dict[int, float]] = {}

    def _idf(self, documents: int) -> float:
        count = len(self._lengths)
        return math.log(1.0 + (count - documents + 0.5) / (documents + 0.5))

    def _score(self, postings: dict[int, float]) -> dict[int, float]:
        """Each document's BM25 contribution from one term's postings."""
        idf = self._idf(len(postings))
        average = self._average or 1.0
        lengths = self._lengths
        scale = idf * (K1 + 1.0)
        norm = {position: K1 * (1.0 - B + B * lengths[position] / average) for position in postings}
        return {p: scale * f / (f + norm[p]) for p, f in postings.items()}

    def _word_impacts(self, word: str) -> dict[int, float]:
        impacts = self._impacts.get(word)
        if impacts is None:
            impacts = self._score(self._postings[word])
            self._impacts[word] = impacts
        return impacts

    def _expand(self, prefix: str) -> list[str]:
        """Every indexed word that starts with ``prefix``."""
        if self._vocabulary is None:
            self._vocabulary = sorted(self._postings)
        start = bisect.bisect_left(self._vocabulary, prefix)
        end = bisect.bisect_left(self._vocabulary, prefix + "\U0010ffff")
        return self._vocabulary[start:end]

    def _phrase_postings(self, phrase: tuple[str, ...]) -> dict[int, float]:
        """Weighted counts of the phrase in each document that holds it."""
        lists = [self._postings.get(word, {}) for word in phrase]
        if not all(lists):
            return {}
        smallest = min(lists, key=len)
        candidates = [p for p in smallest if all(p in other for other in lists)]
        found: dict[int, float] = {}
        size = len(phrase)
        for position in candidates:
            count = 0.0
            for (_, weight), text in zip(
                FIELD_WEIGHTS, _field_texts(self._resources[position]), strict=True
            ):
                words = tokens(text)
                count += weight * sum(
                    1 for i in range(len(words) - size + 1) if tuple(words[i : i + size]) == phrase
                )
            if count:
                found[position] = count
        return found

    def _parts(self, query: Query) -> list[dict[int, float]]:
        """The impacts of every word, expanded prefix and phrase of the query."""
        parts = [self._word_impacts(w) for w in query.words if w in self._postings]
        for prefix in query.prefixes:
            parts.extend(self._word_impacts(word) for word in self._expand(prefix))
        for phrase in query.phrases:
            postings = self._phrase_postings(phrase)
            if postings:
                parts.append(self._score(postings))
        return parts

    def search(
        self,
        query: Query,
        keep: Callable[[int], bool] | None = None,
        *,
        limit: int | None = None,
    ) -> list[tuple[int, float]]:
        """Positions and scores of the matching documents, best first, ties in order.

        With ``limit``, only the best ``limit``: a partial sort, O(m log limit) for m
        matches instead of O(m log m).
        """
        parts = self._parts(query)
        if not parts:
            return []
        scores = dict(parts[0])
        for impacts in parts[1:]:
            get = scores.get
            for position, impact in impacts.items():
                scores[position] = get(position, 0.0) + impact
        items = scores.items()
        if keep is not None:
            items = [hit for hit in items if keep(hit[0])]  # type: ignore[assignment]
        if limit is not None:
            return heapq.nsmallest(limit, items, key=lambda hit: (-hit[1], hit[0]))
        hits = sorted(items)  # in position order, so that ties keep it
        hits.sort(key=operator.itemgetter(1), reverse=True)  # stable: ties stay in order
        return hits
