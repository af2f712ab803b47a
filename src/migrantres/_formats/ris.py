"""RIS: the tagged line format of EndNote, Zotero, Mendeley and library catalogues.

The rules, and what each engine keeps of them, are in :mod:`migrantres._formats.citations`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from migrantres._formats.citing import checked, kinds, one_line

if TYPE_CHECKING:
    from collections.abc import Sequence

    from migrantres._records.models import Resource

__all__ = ["ris_name", "to_ris"]


def ris_name(name: str) -> str:
    """An organization's name as an ``AU`` value: the name and a trailing comma.

    A RIS name is "Lastname, Firstname, Suffix"; a trailing comma with nothing after it
    is EndNote's convention for a corporate author, and the one spelling that pandoc,
    Zotero and Citation.js all read as one name. A name that itself holds a comma cannot
    be carried whole: every reader splits it there.

    >>> ris_name("International Organization for Migration")
    'International Organization for Migration,'
    """
    return name + ","


def _ris_record(resource: Resource) -> str:
    lines = [
        ("TY", kinds(resource.type).ris),
        ("ID", resource.id),
        ("TI", resource.title),
        *(("AU", ris_name(org.name)) for org in resource.organizations),
        ("PB", resource.organizations[0].name),
    ]
    date = resource.launch_date
    if date is not None:
        # PY is the bare year (pandoc reads nothing else); DA is the date at its
        # precision, YYYY/MM/DD/other with unknown parts left empty.
        lines.append(("PY", f"{date.year:04d}"))
        month = "" if date.month is None else f"{date.month:02d}"
        day = "" if date.day is None else f"{date.day:02d}"
        lines.append(("DA", f"{date.year:04d}/{month}/{day}/"))
    lines.append(("M3", resource.type_label))
    lines.extend(("UR", entry.url) for entry in resource.availability)
    if resource.languages:
        lines.append(("LA", resource.languages[0]))
    lines.append(("AB", resource.description))
    body = "".join(f"{tag}  - {one_line(value)}\n" for tag, value in lines)
    return f"{body}ER  - \n"


def to_ris(resources: Sequence[Resource]) -> str:
    """Return RIS records, one per resource, separated by a blank line.

    Every value is on its own ``TAG  - value`` line: RIS has no escaping, so a line
    break inside a value would end it, and a following line that happened to start with
    ``ER  -`` would end the record. Line breaks are therefore replaced by a space, and
    the description's paragraphs are joined by one. Each organization is an ``AU`` line
    ending with a comma (:func:`ris_name`); the empty sequence gives the empty string.

    Raises:
        TypeError: ``resources`` is not a sequence of :class:`~migrantres.Resource`.
        LoadError: two resources share an id.
    """
    return "\n".join(_ris_record(resource) for resource in checked(resources))
