r"""Citations of resources for reference managers: CSL-JSON, BibTeX and RIS.

Each exporter takes any sequence of :class:`~migrantres.Resource` (a
:class:`~migrantres.Catalogue`, a list or a tuple, possibly empty), keeps its order,
and returns the same text, byte for byte, whenever it is given the same records.
Nothing is added that the record does not hold: the only links written are the
record's own http(s) URLs. Record ids must be unique, since they become the citation
keys.

**CSL-JSON** is the input of Citation Style Language processors (citeproc-js in Zotero
and Mendeley, pandoc's citeproc, citeproc-py): a JSON array of items.
:func:`csl_items` builds the items and :func:`to_csl_json` writes them as text.

* ``id``, ``title``: the record's.
* ``type``: ``report`` for reports and the three kinds of guidance, ``document`` for
  practical tools and political commitments, ``webpage`` for platforms.
* ``genre``: the type as the source spells it (``type_label``, "Report / Analysis").
* ``author``: every organization, as ``{"literal": name}``, so that no processor
  mistakes an organization for a person's given and family names.
* ``publisher``: the first organization.
* ``issued``: ``{"date-parts": [[2018, 3]]}``, with exactly the parts the record knows
  (year; year and month; or year, month and day).
* ``URL``: the first availability URL. ``language``: the first language, a BCP 47 tag.
* ``abstract``: the description, paragraphs separated by a blank line.

**BibTeX** is the bibliography format of LaTeX (BibTeX, and biber with biblatex), also
read by JabRef, Zotero and most reference managers. :func:`to_bibtex` writes one entry
per resource, keyed by its id.

* ``@techreport`` for reports and guidance, with ``institution`` (the first
  organization); ``@misc`` for the others, with ``organization`` instead.
* ``author``: ``{{Org One} and {Org Two}}``: each organization in its own braces, so it
  is neither split at an "and" in its name nor read as a person's name.
* ``title``: in double braces, so styles do not lower the case of acronyms and names.
* ``type``: the source's type label, which styles print instead of "Technical report".
* ``year``; ``month`` as a macro (``mar``) when the month is known; ``date`` (ISO 8601,
  for biblatex) when the day is known too.
* ``url`` (the first), ``language`` (the first, BCP 47), ``abstract``.

Every text field has LaTeX's special characters escaped: ``\&``, ``\%``, ``\$``,
``\#``, ``\_``, ``\textbackslash{}``, ``\textbraceleft{}``, ``\textbraceright{}``,
``\textasciitilde{}`` and ``\textasciicircum{}`` (not ``\{`` and ``\}``: BibTeX counts
those braces too, and a lone one unbalances the entry). Other text, accents and
non-Latin scripts included, is kept as UTF-8. The ``url`` field is written as it is,
since biblatex and the ``url`` package read it verbatim; it cannot unbalance the entry,
because a record's URL never holds a brace or a backslash (RFC 3986 excludes them, and
so does validation).

**RIS** is the tagged line format of EndNote, Zotero, Mendeley and library catalogues:
one ``TAG  - value`` line per value, each record from ``TY`` to ``ER``. :func:`to_ris`
writes one record per resource.

* ``TY``: ``RPRT`` for reports and guidance, ``GEN`` for practical tools and political
  commitments, ``ELEC`` for platforms.
* ``ID`` (the record id), ``TI`` (title), one ``AU`` line per organization, ``PB``
  (the first organization), ``M3`` (type of work: the source's type label).
* ``PY``: the year; ``DA``: ``2018/03//`` at the date's precision (``2015///``,
  ``2019/03/13/``).
* one ``UR`` line per availability URL; ``LA``: the first language; ``AB``: the
  description.

In every format, a record without a date has no date field (CSL styles then print
"n.d." or "no date"), and a record without URLs or languages has no such field. The
text is Unicode: write it to a file with ``encoding="utf-8"``. BibTeX and RIS hold
each value on one line, so there the description's paragraphs are joined by a single
space: RIS cannot continue a value on a second line, and TeX reads a blank line in a
field as the end of a paragraph, which breaks the commands that print it.

>>> import migrantres
>>> print(to_ris(migrantres.load().filter(launch_date="2018-03")))
TY  - RPRT
ID  - remediation-guidelines-victims-human-trafficking-mineral-supply-chains
TI  - Remediation Guidelines for Victims of Human Trafficking in Mineral Supply Chains
AU  - International Organization for Migration
PB  - International Organization for Migration
PY  - 2018
DA  - 2018/03//
M3  - Guidance on policy / legislation implementation
UR  - https://publications.iom.int/books/remediation-guidelines-...
LA  - en
AB  - ...
ER  -
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Final, NamedTuple, assert_never

from migrantres._records.identity import check_resources
from migrantres._records.models import Resource
from migrantres._records.vocab import ResourceType

__all__ = ["csl_items", "to_bibtex", "to_csl_json", "to_ris"]


class _Kinds(NamedTuple):
    """A resource type's counterpart in each format."""

    csl: str
    bibtex: str
    ris: str


_REPORT: Final = _Kinds(csl="report", bibtex="techreport", ris="RPRT")
_DOCUMENT: Final = _Kinds(csl="document", bibtex="misc", ris="GEN")
_WEBPAGE: Final = _Kinds(csl="webpage", bibtex="misc", ris="ELEC")


def _kinds(kind: ResourceType) -> _Kinds:
    """The type in each format; mypy checks that every resource type has one."""
    match kind:
        case (
            ResourceType.REPORT
            | ResourceType.GUIDANCE
            | ResourceType.GUIDANCE_IMPLEMENTATION
            | ResourceType.GUIDANCE_DRAFTING
        ):
            return _REPORT
        case ResourceType.PRACTICAL_TOOL | ResourceType.POLITICAL_COMMITMENTS:
            return _DOCUMENT
        case ResourceType.PLATFORM:
            return _WEBPAGE
        case _:  # pragma: no cover - unreachable while the match is exhaustive
            assert_never(kind)


def _checked(resources: Sequence[Resource]) -> Sequence[Resource]:
    """Refuse what cannot be exported: non-resources and repeated ids.

    Ids must be unique: they are the CSL item ids, BibTeX keys and RIS ids that cite
    the records, and a repeated key makes a BibTeX file invalid.
    """
    if isinstance(resources, Resource):
        msg = "expected a sequence of Resource, not a single Resource; pass [resource]"
        raise TypeError(msg)
    # A set or a generator is refused: a set's order changes from run to run, and the
    # output must not.
    if isinstance(resources, str | bytes) or not isinstance(resources, Sequence):
        msg = f"expected a sequence of Resource, not a {type(resources).__name__}"
        raise TypeError(msg)
    check_resources(tuple(resources))  # each item a Resource, each id once (LoadError if not)
    return resources


# Every character that ends a line for str.splitlines(), or for a line-based reader.
_LINE_BREAKS: Final = re.compile("[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]+")


def _one_line(text: str) -> str:
    """Join lines and paragraphs with one space, for formats that hold a value per line."""
    return _LINE_BREAKS.sub(" ", text)


# -- CSL-JSON -------------------------------------------------------------------------


def csl_items(resources: Sequence[Resource]) -> list[dict[str, object]]:
    """Return one CSL-JSON item per resource, in order, as plain JSON-ready data.

    Dates are always ``{"date-parts": [[year, month, day]]}`` with only the parts the
    record knows, never a date string, which some processors cannot read. Optional keys
    (``issued``, ``URL``, ``language``) are left out when the record has no value.

    Raises:
        TypeError: ``resources`` is not a sequence of :class:`~migrantres.Resource`.
        LoadError: two resources share an id.

    >>> import migrantres
    >>> item = csl_items(migrantres.load().filter(launch_date="2018-03"))[0]
    >>> item["type"], item["issued"]
    ('report', {'date-parts': [[2018, 3]]})
    >>> item["author"]
    [{'literal': 'International Organization for Migration'}]
    """
    return [_csl_item(resource) for resource in _checked(resources)]


def _csl_item(resource: Resource) -> dict[str, object]:
    item: dict[str, object] = {
        "id": resource.id,
        "type": _kinds(resource.type).csl,
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


# -- BibTeX ---------------------------------------------------------------------------

# One pass with str.translate, so an escape is never escaped again. Braces become
# commands, not \{ and \}: BibTeX counts every brace, escaped or not, and a lone \{
# would unbalance the entry.
_LATEX: Final = str.maketrans(
    {
        "\\": r"\textbackslash{}",
        "&": r"\&",
        "%": r"\%",
        "$": r"\$",
        "#": r"\#",
        "_": r"\_",
        "{": r"\textbraceleft{}",
        "}": r"\textbraceright{}",
        "~": r"\textasciitilde{}",
        "^": r"\textasciicircum{}",
    }
)
# In a URL these are not allowed unencoded (RFC 3986), and would unbalance the entry.
_MONTHS: Final = (
    "jan",
    "feb",
    "mar",
    "apr",
    "may",
    "jun",
    "jul",
    "aug",
    "sep",
    "oct",
    "nov",
    "dec",
)


def _latex(text: str) -> str:
    """One line of text with LaTeX's special characters escaped."""
    return _one_line(text).translate(_LATEX)


def _bibtex_entry(resource: Resource) -> str:
    kind = _kinds(resource.type).bibtex
    first = resource.organizations[0].name
    fields: list[tuple[str, str]] = [
        (
            "author",
            "{" + " and ".join("{" + _latex(o.name) + "}" for o in resource.organizations) + "}",
        ),
        # Double braces keep the title's capitals (acronyms, names) from being lowered.
        ("title", "{{" + _latex(resource.title) + "}}"),
        ("institution" if kind == "techreport" else "organization", "{" + _latex(first) + "}"),
        ("type", "{" + _latex(resource.type_label) + "}"),
    ]
    date = resource.launch_date
    if date is not None:
        fields.append(("year", "{" + str(date.year) + "}"))
        if date.month is not None:
            fields.append(("month", _MONTHS[date.month - 1]))  # a macro: no braces
        if date.day is not None:
            fields.append(("date", "{" + date.isoformat() + "}"))
    if resource.availability:
        fields.append(("url", "{" + resource.availability[0].url + "}"))
    if resource.languages:
        fields.append(("language", "{" + _latex(resource.languages[0]) + "}"))
    fields.append(("abstract", "{" + _latex(resource.description) + "}"))
    body = ",\n".join(f"  {name} = {value}" for name, value in fields)
    return f"@{kind}{{{resource.id},\n{body}\n}}\n"


def to_bibtex(resources: Sequence[Resource]) -> str:
    r"""Return a BibTeX database with one entry per resource, keyed by its id.

    Reports and guidance are ``@techreport`` (with the first organization as
    ``institution`` and the source's type label as ``type``, which styles print instead
    of "Technical report"); other resources are ``@misc``. Organizations are authors,
    each in its own braces so that BibTeX neither splits a name at "and" nor reads it as
    a person's given and family names. Entries are separated by a blank line; the empty
    sequence gives the empty string.

    Raises:
        TypeError: ``resources`` is not a sequence of :class:`~migrantres.Resource`.
        LoadError: two resources share an id.

    >>> import migrantres
    >>> print(to_bibtex(migrantres.load().filter(launch_date="2019-12-10")))
    @techreport{migrant-workers-fair-recruitment-treatment-guidelines,
      author = {{H\&M Group} and {International Organization for Migration}},
      title = {{Migrant Workers Fair Recruitment and Treatment Guidelines}},
      institution = {H\&M Group},
      type = {Guidance},
      year = {2019},
      month = dec,
      date = {2019-12-10},
      url = {https://sustainability.hm.com/...%20Guideline.pdf},
      language = {en},
      abstract = {...}
    }
    """
    return "\n".join(_bibtex_entry(resource) for resource in _checked(resources))


# -- RIS ------------------------------------------------------------------------------


def _ris_record(resource: Resource) -> str:
    lines = [
        ("TY", _kinds(resource.type).ris),
        ("ID", resource.id),
        ("TI", resource.title),
        *(("AU", org.name) for org in resource.organizations),
        ("PB", resource.organizations[0].name),
    ]
    date = resource.launch_date
    if date is not None:
        lines.append(("PY", f"{date.year:04d}"))
        # RIS dates are YYYY/MM/DD/other, with unknown parts left empty.
        month = "" if date.month is None else f"{date.month:02d}"
        day = "" if date.day is None else f"{date.day:02d}"
        lines.append(("DA", f"{date.year:04d}/{month}/{day}/"))
    lines.append(("M3", resource.type_label))
    lines.extend(("UR", entry.url) for entry in resource.availability)
    if resource.languages:
        lines.append(("LA", resource.languages[0]))
    lines.append(("AB", resource.description))
    body = "".join(f"{tag}  - {_one_line(value)}\n" for tag, value in lines)
    return f"{body}ER  - \n"


def to_ris(resources: Sequence[Resource]) -> str:
    """Return RIS records, one per resource, separated by a blank line.

    Every value is on its own ``TAG  - value`` line: RIS has no escaping, so a line
    break inside a value would end it, and a following line that happened to start with
    ``ER  -`` would end the record. Line breaks are therefore replaced by a space, and
    the description's paragraphs are joined by one. Organizations are written as they
    are named, one ``AU`` line each; the empty sequence gives the empty string.

    Raises:
        TypeError: ``resources`` is not a sequence of :class:`~migrantres.Resource`.
        LoadError: two resources share an id.
    """
    return "\n".join(_ris_record(resource) for resource in _checked(resources))
