"""CSL-JSON: the items that Citation Style Language processors cite.

The rules, and what each engine keeps of them, are in :mod:`migrantres._formats.citations`.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from migrantres._formats.citing import checked, kinds

if TYPE_CHECKING:
    from collections.abc import Sequence

    from migrantres._records.models import Resource

__all__ = ["csl_items", "to_csl_json"]


def csl_items(resources: Sequence[Resource]) -> list[dict[str, object]]:
    """Return one CSL-JSON item per resource, in order, as plain JSON-ready data.

    Dates are always ``{"date-parts": [[year, month, day]]}`` with only the parts the
    record knows, never a date string, which citeproc-js and Zotero drop. Optional keys
    (``issued``, ``URL``, ``language``) are left out when the record has no value.
    ``language`` is the first language: the CSL schema allows one string there, and
    processors read it as one BCP 47 tag.

    Raises:
        TypeError: ``resources`` is not a sequence of :class:`~migrantres.Resource`.
        LoadError: two resources share an id.

    >>> import migrantres
    >>> item = csl_items(migrantres.load().filter(launch_date="2018-03"))[0]
    >>> item["type"], item["issued"], item["language"]
    ('report', {'date-parts': [[2018, 3]]}, 'en')
    >>> item["author"]
    [{'literal': 'International Organization for Migration'}]
    """
    return [_csl_item(resource) for resource in checked(resources)]


def _csl_item(resource: Resource) -> dict[str, object]:
    item: dict[str, object] = {
        "id": resource.id,
        "type": kinds(resource.type).csl,
        "title": resource.title,
        "author": [{"literal": org.name} for org in resource.organizations],
        "publisher": resource.organizations[0].name,
    }
    if resource.launch_date is not None:
        item["issued"] = {"date-parts": [list(resource.launch_date.parts)]}
    if resource.availability:
        item["URL"] = resource.availability[0].url
    if resource.languages:
        item["language"] = resource.languages[0]
    item["abstract"] = resource.description
    item["genre"] = resource.type_label
    return item


def to_csl_json(resources: Sequence[Resource]) -> str:
    r"""Return the CSL-JSON array of :func:`csl_items` as text, ending with a newline.

    The text is UTF-8 ready (non-ASCII characters are written as they are, not as
    ``\u`` escapes) and indented by two spaces, so it diffs well.

    Raises:
        TypeError: ``resources`` is not a sequence of :class:`~migrantres.Resource`.
        LoadError: two resources share an id.

    >>> to_csl_json([])
    '[]\n'
    """
    return json.dumps(csl_items(resources), ensure_ascii=False, indent=2) + "\n"
