r"""BibTeX and BibLaTeX: the bibliography databases of LaTeX, as text.

Both share the escaping of LaTeX's special characters (:func:`latex`), the protected
organization names and titles, ``langid`` and ``language``; they differ in entry types
and dates. The rules, and what each engine keeps of them, are in
:mod:`migrantres._formats.citations`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Final

from migrantres._formats.citing import babel_name, checked, kinds, langid, one_line

if TYPE_CHECKING:
    from collections.abc import Sequence

    from migrantres._records.models import Resource

__all__ = ["latex", "to_biblatex", "to_bibtex"]

# One pass with str.translate, so an escape is never escaped again. Braces are paired
# separately (see latex()).
_LATEX: Final = str.maketrans(
    {
        "\\": r"\textbackslash{}",
        "&": r"\&",
        "%": r"\%",
        "$": r"\$",
        "#": r"\#",
        "_": r"\_",
        "~": r"\textasciitilde{}",
        "^": r"\textasciicircum{}",
    }
)
# BibTeX counts every brace, escaped or not, so a lone \{ would unbalance the entry. A
# lone brace is written beside an invisible partner (\vphantom), which TeX and pandoc
# read as the one brace.
_LONE_OPEN: Final = r"\{\vphantom{\}}"
_LONE_CLOSE: Final = r"\vphantom{\{}\}"
_BRACES: Final = re.compile(r"([{}])")
# TeX reads "--" as an en dash and "---" as an em dash: "-{}-" keeps the hyphens.
_HYPHEN_RUN: Final = re.compile(r"-(?=-)")
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


def latex(text: str) -> str:
    r"""One line of text with LaTeX's special characters escaped.

    ``\ & % $ # _ ~ ^`` become ``\textbackslash{}``, ``\&``, ``\%``, ``\$``, ``\#``,
    ``\_``, ``\textasciitilde{}`` and ``\textasciicircum{}``; a pair of braces becomes
    ``\{`` … ``\}`` and a lone brace ``\{\vphantom{\}}`` or ``\vphantom{\{}\}``, so that
    the braces of the result balance as BibTeX counts them; ``--`` becomes ``-{}-``.

    >>> print(latex("R&D {Unit} 100% { --"))
    R\&D \{Unit\} 100\% \{\vphantom{\}} -{}-
    """
    pieces = _BRACES.split(one_line(text))
    opened: list[int] = []
    for index, piece in enumerate(pieces):
        if piece == "{":
            opened.append(index)
        elif piece == "}":
            if opened:
                pieces[opened.pop()] = r"\{"
                pieces[index] = r"\}"
            else:
                pieces[index] = _LONE_CLOSE
        else:
            pieces[index] = piece.translate(_LATEX)
    for index in opened:
        pieces[index] = _LONE_OPEN
    return _HYPHEN_RUN.sub("-{}", "".join(pieces))


def _common(resource: Resource, entry_type: str) -> list[tuple[str, str]]:
    """The fields both formats write before the dates: names, title, publisher, type."""
    first = resource.organizations[0].name
    publisher = "institution" if entry_type in {"techreport", "report"} else "organization"
    return [
        # Each organization in its own braces: one name, never split at "and" or a comma,
        # never read as a person's given and family names.
        (
            "author",
            "{" + " and ".join("{" + latex(o.name) + "}" for o in resource.organizations) + "}",
        ),
        # Double braces keep the title's capitals (acronyms, names) from being lowered.
        ("title", "{{" + latex(resource.title) + "}}"),
        # Braced too: biblatex reads institution and organization as lists split at "and".
        (publisher, "{{" + latex(first) + "}}"),
        ("type", "{" + latex(resource.type_label) + "}"),
    ]


def _rest(resource: Resource) -> list[tuple[str, str]]:
    """The fields both formats write after the dates: link, languages, abstract."""
    fields = []
    if resource.availability:
        # Verbatim: a record's URL never holds a brace or a backslash (RFC 3986).
        fields.append(("url", "{" + resource.availability[0].url + "}"))
    first = langid(resource.languages)
    if first is not None:
        fields.append(("langid", "{" + first + "}"))
    if resource.languages:
        names = dict.fromkeys(babel_name(tag) or tag for tag in resource.languages)
        fields.append(("language", "{" + " and ".join(names) + "}"))
    fields.append(("abstract", "{" + latex(resource.description) + "}"))
    return fields


def _entry(entry_type: str, key: str, fields: list[tuple[str, str]]) -> str:
    body = ",\n".join(f"  {name} = {value}" for name, value in fields)
    return f"@{entry_type}{{{key},\n{body}\n}}\n"


def _bibtex_entry(resource: Resource) -> str:
    entry_type = kinds(resource.type).bibtex
    fields = _common(resource, entry_type)
    date = resource.launch_date
    if date is not None:
        fields.append(("year", "{" + str(date.year) + "}"))
        if date.month is not None:
            fields.append(("month", _MONTHS[date.month - 1]))  # a macro: no braces
        if date.day is not None:
            # day, not date: every reader that reads date reads day, and Citation.js
            # reads no date in a BibTeX file.
            fields.append(("day", "{" + str(date.day) + "}"))
    return _entry(entry_type, resource.id, fields + _rest(resource))


def _biblatex_entry(resource: Resource) -> str:
    entry_type = kinds(resource.type).biblatex
    fields = _common(resource, entry_type)
    if resource.launch_date is not None:
        fields.append(("date", "{" + resource.launch_date.isoformat() + "}"))
    return _entry(entry_type, resource.id, fields + _rest(resource))


def to_bibtex(resources: Sequence[Resource]) -> str:
    r"""Return a BibTeX database with one entry per resource, keyed by its id.

    Reports and guidance are ``@techreport`` (with the first organization as
    ``institution`` and the source's type label as ``type``, which styles print instead
    of "Technical report"); other resources are ``@misc``. Dates are ``year``,
    ``month`` (a macro) and ``day``, as far as the record knows them. Entries are separated by a
    blank line; the empty sequence gives the empty string.

    Raises:
        TypeError: ``resources`` is not a sequence of :class:`~migrantres.Resource`.
        LoadError: two resources share an id.

    >>> import migrantres
    >>> print(to_bibtex(migrantres.load().filter(launch_date="2019-12-10")))
    @techreport{migrant-workers-fair-recruitment-treatment-guidelines,
      author = {{H\&M Group} and {International Organization for Migration}},
      title = {{Migrant Workers Fair Recruitment and Treatment Guidelines}},
      institution = {{H\&M Group}},
      type = {Guidance},
      year = {2019},
      month = dec,
      day = {10},
      url = {https://sustainability.hm.com/...%20Guideline.pdf},
      langid = {english},
      language = {english},
      abstract = {...}
    }
    """
    return "\n".join(_bibtex_entry(resource) for resource in checked(resources))


def to_biblatex(resources: Sequence[Resource]) -> str:
    r"""Return a BibLaTeX database (for biber and biblatex), one entry per resource.

    Reports and guidance are ``@report`` (with ``institution`` and ``type``), practical
    tools and political commitments ``@misc`` and platforms ``@online`` (both with
    ``organization``). The date is one ``date`` field in ISO 8601 at the record's
    precision. Names, titles, ``langid``, ``language`` and the escaping are those of
    :func:`to_bibtex`.

    Raises:
        TypeError: ``resources`` is not a sequence of :class:`~migrantres.Resource`.
        LoadError: two resources share an id.

    >>> import migrantres
    >>> print(to_biblatex(migrantres.load().filter(launch_date="2018-03")))
    @report{remediation-guidelines-victims-human-trafficking-mineral-supply-chains,
      author = {{International Organization for Migration}},
      title = {{Remediation Guidelines for Victims of Human Trafficking in Mineral Supply Chains}},
      institution = {{International Organization for Migration}},
      type = {Guidance on policy / legislation implementation},
      date = {2018-03},
      url = {https://publications.iom.int/books/remediation-guidelines-...},
      langid = {english},
      language = {english and french and spanish and chinese},
      abstract = {...}
    }
    """
    return "\n".join(_biblatex_entry(resource) for resource in checked(resources))
