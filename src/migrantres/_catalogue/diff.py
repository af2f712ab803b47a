"""What changed between two catalogues, for instance two versions of the dataset."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from migrantres._catalogue.catalogue import Catalogue

if TYPE_CHECKING:
    from migrantres._records.models import Resource

__all__ = ["CatalogueDiff", "FieldChange", "ResourceChange", "diff"]


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One field of one resource, before and after, as JSON-ready values."""

    field: str
    old: Any
    new: Any


@dataclass(frozen=True, slots=True)
class ResourceChange:
    """A resource present in both catalogues whose fields differ."""

    id: str
    changes: tuple[FieldChange, ...]

    @property
    def fields(self) -> tuple[str, ...]:
        """The names of the changed fields, in field order."""
        return tuple(change.field for change in self.changes)


@dataclass(frozen=True, slots=True)
class CatalogueDiff:
    """Resources added, removed and changed from an old catalogue to a new one, by id.

    False when the two catalogues hold the same resources (order aside). Added and
    changed resources come in the new catalogue's order, removed ones in the old's.
    """

    old_version: str | None
    new_version: str | None
    added: tuple[Resource, ...]
    removed: tuple[Resource, ...]
    changed: tuple[ResourceChange, ...]

    def __bool__(self) -> bool:
        """Whether anything was added, removed or changed."""
        return bool(self.added or self.removed or self.changed)

    def reversed(self) -> CatalogueDiff:
        """The diff the other way round: ``diff(new, old)``."""
        return CatalogueDiff(
            old_version=self.new_version,
            new_version=self.old_version,
            added=self.removed,
            removed=self.added,
            changed=tuple(
                ResourceChange(c.id, tuple(FieldChange(f.field, f.new, f.old) for f in c.changes))
                for c in self.changed
            ),
        )

    def to_text(self) -> str:
        """A readable report: one line per resource, and each changed field's values."""
        if not self:
            return "no differences\n"
        lines = [f"{self.old_version or '(no version)'} -> {self.new_version or '(no version)'}"]
        lines.extend(f"+ {r.id}" for r in self.added)
        lines.extend(f"- {r.id}" for r in self.removed)
        for change in self.changed:
            lines.append(f"~ {change.id}")
            lines.extend(
                f"    {f.field}: {_short(f.old)} -> {_short(f.new)}" for f in change.changes
            )
        summary = (
            f"{len(self.added)} added, {len(self.removed)} removed, {len(self.changed)} changed"
        )
        return "\n".join([*lines, summary]) + "\n"

    def to_markdown(self) -> str:
        """The changelog's Data section: ids added, changed (with fields) and removed."""
        parts = ["### Data", ""]
        if not self:
            parts.append("No changes.")
        for title, items in (
            ("Added", [f"- `{r.id}`" for r in self.added]),
            ("Changed", [f"- `{c.id}`: {', '.join(c.fields)}" for c in self.changed]),
            ("Removed", [f"- `{r.id}`" for r in self.removed]),
        ):
            if items:
                parts.extend([f"{title}:", "", *items, ""])
        return "\n".join(parts).rstrip() + "\n"

    def __str__(self) -> str:
        """The readable report of :meth:`to_text`."""
        return self.to_text()


def _short(value: object, width: int = 70) -> str:
    text = repr(value)
    return text if len(text) <= width else text[: width - 1] + "…"


def diff(old: Catalogue, new: Catalogue) -> CatalogueDiff:
    """Compare two catalogues by id, field by field.

    >>> import migrantres
    >>> catalogue = migrantres.load()
    >>> changes = migrantres.diff(catalogue[:4], catalogue[1:])
    >>> [r.id[:30] for r in changes.added], [r.id[:30] for r in changes.removed]
    (['theory-change-working-together'], ['labour-exploitation-traffickin'])
    """
    for name, value in (("old", old), ("new", new)):
        if not isinstance(value, Catalogue):
            msg = f"diff() compares two Catalogues; {name} is a {type(value).__name__}"
            raise TypeError(msg)
    old_ids = {r.id: r for r in old}
    new_ids = {r.id: r for r in new}
    changed = []
    for resource in new:
        before = old_ids.get(resource.id)
        if before is None or before == resource:
            continue
        # Fields as stored: the derived languages change only with availability.
        was = before.model_dump(mode="json", exclude={"languages"})
        now = resource.model_dump(mode="json", exclude={"languages"})
        changed.append(
            ResourceChange(
                resource.id,
                tuple(FieldChange(f, was[f], now[f]) for f in now if was[f] != now[f]),
            )
        )
    return CatalogueDiff(
        old_version=old.version,
        new_version=new.version,
        added=tuple(r for r in new if r.id not in old_ids),
        removed=tuple(r for r in old if r.id not in new_ids),
        changed=tuple(changed),
    )
