"""The compendium's field labels, and how damaged ones are still recognised.

Labels are compared in a compact form (look-alike letters folded, spaces and slashes
removed, case folded), so "Cou ntry / juris dicti on" and "Туре" are still labels.
"""

from __future__ import annotations

import difflib
import re
from types import MappingProxyType
from typing import TYPE_CHECKING, Final, NamedTuple

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = [
    "DATE_LABELS",
    "FIELDS",
    "LABELS",
    "REQUIRED",
    "LabelMatch",
    "clean",
    "closest_label",
    "compact",
    "fold_lookalikes",
    "is_label_fragment",
    "match_label_prefix",
]

#: The parser's names for the compendium's fields, in the order the compendium gives them.
FIELDS: Final = (
    "title",
    "type",
    "jurisdiction",
    "organization",
    "date",
    "description",
    "availability",
)
REQUIRED: Final = ("title", "type", "jurisdiction", "organization", "description")

#: Labels, compacted (see :func:`_compact`), and the field each names.
LABELS: Final[Mapping[str, str]] = MappingProxyType(
    {
        "nameofresource": "title",
        "type": "type",
        "countryjurisdiction": "jurisdiction",
        "organization": "organization",
        "organisation": "organization",
        "organizations": "organization",
        "organisations": "organization",
        "initiativelaunchdate": "date",
        "dateofpublishing": "date",
        "description": "description",
        "availability": "availability",
    }
)
#: The compacted label of each date kind.
DATE_LABELS: Final[Mapping[str, str]] = MappingProxyType(
    {"initiativelaunchdate": "launch", "dateofpublishing": "publication"}
)
#: A label cut short must keep at least this many letters to be recognised.
_MIN_DAMAGED_LABEL: Final = 4
#: A stray piece of a label must have at least this many letters to be skipped.
_MIN_FRAGMENT: Final = 2
#: How similar a misspelt label must be to a real one, and how much more than to others.
_LABEL_SIMILARITY: Final = 0.85
_LABEL_MARGIN: Final = 0.15

# Cyrillic and Greek letters that look like Latin ones. Only labels are folded: values
# keep their letters, since a title may well be written in Cyrillic.
_LOOKALIKES: Final[Mapping[int, int]] = MappingProxyType(
    str.maketrans(
        "АВЕЅІЈКМНОРСТХУаеіјорсуххѕԁԛԝҮΑΒΕΖΗΙΚΜΝΟΡΤΥΧαοντ",
        "ABESIJKMHOPCTXYaeijopcyxxsdqwYABEZHIKMNOPTYXaovt",
    )
)


def fold_lookalikes(text: str) -> str:
    """Replace Cyrillic and Greek look-alike letters with the Latin letters they mimic.

    >>> fold_lookalikes("Туре") == "Type"
    True
    """
    return text.translate(_LOOKALIKES)


def compact(label: str) -> str:
    """A label with look-alikes folded, spaces and slashes removed, and case folded."""
    return re.sub(r"[\s/]+", "", fold_lookalikes(label)).casefold()


def clean(text: str) -> str:
    """Collapse runs of whitespace, which the PDF extraction scatters, to one space."""
    return " ".join(text.split())


class LabelMatch(NamedTuple):
    key: str  # the label's compact form
    label: str  # the label as written in the line
    rest: str  # the text after it
    complete: bool  # False for a label cut short


def match_label_prefix(line: str) -> LabelMatch | None:
    """Match a label at the start of a line that has no tab.

    Letters are matched one by one against each label's compact form, skipping spaces
    and slashes in the line, and the match must end at a word boundary. A label matched
    in full is complete; one cut short counts only with at least four letters that
    name a single field.
    """
    folded = fold_lookalikes(line).casefold()
    best: LabelMatch | None = None
    for key in LABELS:
        matched, position, end = 0, 0, 0
        while position < len(folded) and matched < len(key):
            char = folded[position]
            position += 1
            if char.isspace() or char == "/":
                continue
            if char != key[matched]:
                break
            matched += 1
            end = position
        at_boundary = end == len(folded) or folded[end].isspace()
        if not at_boundary or matched < _MIN_DAMAGED_LABEL:
            continue
        found = LabelMatch(key, line[:end].strip(), line[end:].strip(), matched == len(key))
        if not found.complete and any(
            other.startswith(key[:matched]) and LABELS[other] != LABELS[key] for other in LABELS
        ):
            continue  # the fragment does not say which label it was
        if best is None or (found.complete, len(found.label)) > (best.complete, len(best.label)):
            best = found
    return best


def closest_label(head: str) -> str | None:
    """The label ``head`` names despite a lost or stray letter ("D e cr ip ti on").

    A label counts when its compact form is at least 85% similar to exactly one field's
    labels and clearly closer to it than to any other field's.
    """
    folded = compact(head)
    scores: dict[str, float] = {}
    for key, name in LABELS.items():
        ratio = difflib.SequenceMatcher(None, folded, key).ratio()
        scores[name] = max(scores.get(name, 0.0), ratio)
    ranked = sorted(scores.items(), key=lambda item: item[1], reverse=True)
    best_name, best = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
    if best >= _LABEL_SIMILARITY and best - runner_up >= _LABEL_MARGIN:
        return next(key for key, name in LABELS.items() if name == best_name)
    return None


def is_label_fragment(head: str) -> bool:
    """Whether ``head`` is only a short piece of some label, such as a stray "се"."""
    folded = compact(head)
    return len(folded) >= _MIN_FRAGMENT and folded.isalpha() and any(folded in k for k in LABELS)
