"""The compendium's controlled vocabularies: resource types and date kinds.

The compendium spells its type labels in several ways ("Report / Analysis",
"Report/analysis", "Report"). :class:`ResourceType` gives each kind one stable value;
:meth:`ResourceType.from_label` maps every known spelling to it, and each record keeps
the label exactly as its source wrote it.
"""

from __future__ import annotations

import enum
import functools
import re
from types import MappingProxyType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["DateKind", "ResourceType"]


@functools.lru_cache(maxsize=256)
def label_key(label: str) -> str:
    """Fold a label's spelling: case, spacing around slashes, and "co-operation" hyphens.

    >>> label_key("Report/analysis") == label_key(" Report /  Analysis ")
    True
    """
    folded = " ".join(label.split()).casefold()
    folded = re.sub(r"\s*/\s*", "/", folded)
    return folded.replace("co-operation", "cooperation")


class ResourceType(enum.StrEnum):
    """What kind of resource a record describes.

    Values are stable kebab-case words. The three kinds of guidance share the prefix
    ``guidance``, so ``type__startswith="guidance"`` finds them all, while
    ``type="guidance"`` finds only resources the compendium labels plainly "Guidance".
    """

    #: "Report / Analysis" (also written "Report/analysis" and "Report").
    REPORT = "report"
    #: "Guidance", with no further detail in the source.
    GUIDANCE = "guidance"
    #: "Guidance on policy / legislation implementation".
    GUIDANCE_IMPLEMENTATION = "guidance-implementation"
    #: "Guidance for legislation/policy drafting".
    GUIDANCE_DRAFTING = "guidance-drafting"
    #: "Practical/implementation tool" (also "Practical implementation tool").
    PRACTICAL_TOOL = "practical-tool"
    #: "International political commitments".
    POLITICAL_COMMITMENTS = "political-commitments"
    #: "Platform for co-operation".
    PLATFORM = "platform"

    @property
    def label(self) -> str:
        """The compendium's usual spelling of this type."""
        return _SPELLINGS[self][0]

    @property
    def spellings(self) -> tuple[str, ...]:
        """Every spelling of this type known from the compendium, the usual one first."""
        return _SPELLINGS[self]

    @classmethod
    def labels(cls) -> Mapping[str, ResourceType]:
        """Every known spelling (folded with :func:`label_key`) and the type it names."""
        return _LABELS

    @classmethod
    def from_label(cls, label: str) -> ResourceType | None:
        """Return the type a source label names, or ``None`` when the label is unknown.

        >>> ResourceType.from_label("Report/analysis")
        <ResourceType.REPORT: 'report'>
        """
        return _LABELS.get(label_key(label))


_SPELLINGS: Mapping[ResourceType, tuple[str, ...]] = MappingProxyType(
    {
        ResourceType.REPORT: ("Report / Analysis", "Report/analysis", "Report"),
        ResourceType.GUIDANCE: ("Guidance",),
        ResourceType.GUIDANCE_IMPLEMENTATION: ("Guidance on policy / legislation implementation",),
        ResourceType.GUIDANCE_DRAFTING: ("Guidance for legislation/policy drafting",),
        ResourceType.PRACTICAL_TOOL: (
            "Practical/implementation tool",
            "Practical implementation tool",
        ),
        ResourceType.POLITICAL_COMMITMENTS: ("International political commitments",),
        ResourceType.PLATFORM: ("Platform for co-operation",),
    }
)

_LABELS: Mapping[str, ResourceType] = MappingProxyType(
    {label_key(label): kind for kind, labels in _SPELLINGS.items() for label in labels}
)


class DateKind(enum.StrEnum):
    """What a record's date means, after the label the compendium gives it."""

    #: "Initiative launch date".
    LAUNCH = "launch"
    #: "Date of publishing".
    PUBLICATION = "publication"

    @property
    def label(self) -> str:
        """The compendium's label for this kind of date."""
        return "Initiative launch date" if self is DateKind.LAUNCH else "Date of publishing"
