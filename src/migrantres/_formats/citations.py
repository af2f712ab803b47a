r"""Citations of resources for reference managers: CSL-JSON, BibTeX, BibLaTeX and RIS.

Each exporter takes any sequence of :class:`~migrantres.Resource` (a
:class:`~migrantres.Catalogue`, a list or a tuple, possibly empty), keeps its order,
and returns the same text, byte for byte, whenever it is given the same records.
Nothing is added that the record does not hold: the only links written are the
record's own http(s) URLs. Record ids must be unique, since they become the citation
keys. Each format is written so that the engines people cite with (pandoc's citeproc,
citeproc-js in Zotero and Mendeley, Zotero's importers, Citation.js, BibTeX and biber)
read every organization as one organization and keep as much of the date and the
languages as they can; the formats guide has the table of what each engine keeps,
measured by the tests.

**CSL-JSON** (:mod:`~migrantres._formats.csl_json`) is the input of Citation Style
Language processors: a JSON array of items, valid against the official CSL data schema.

* ``id``, ``title``: the record's. ``type``: ``report`` for reports and the three kinds
  of guidance, ``document`` for practical tools and political commitments, ``webpage``
  for platforms. ``genre``: the type as the source spells it ("Report / Analysis").
* ``author``: every organization, as ``{"literal": name}``, the one spelling that every
  engine keeps as one name, commas and "and" included. ``publisher``: the first.
* ``issued``: ``{"date-parts": [[2018, 3]]}``, with exactly the parts the record knows.
  Never a date string: citeproc-js and Zotero drop it, and the schema refuses it.
* ``URL``: the first availability URL. ``abstract``: the description.
* ``language``: the **first** language, a BCP 47 tag. The schema allows one string, and
  processors read it as one tag (citeproc-js fails on a list; pandoc refuses the whole
  file); a string such as "en, fr" would be read as no language or the wrong one. The
  other languages are not carried.

**BibTeX** and **BibLaTeX** (:mod:`~migrantres._formats.bibtex`) are LaTeX's
bibliography databases (BibTeX, and biber with biblatex), also read by pandoc, JabRef,
Zotero and Citation.js. Both write:

* ``author``: ``{{Org One} and {Org Two}}``, each organization in its own braces, so
  that it is neither split at an "and" or a comma nor read as a person's name.
* ``title`` in double braces, so styles do not lower the case of acronyms and names.
* ``institution`` (reports and guidance) or ``organization`` (the others): the first
  organization, in double braces too, since biblatex reads these as lists split at "and".
* ``type``: the source's type label, printed instead of "Technical report"; ``url`` (the
  first); ``abstract``.
* ``langid``: babel's name of the first language (``english``), the language biblatex
  hyphenates in and the only language field pandoc reads; left out when pandoc would not
  read the name back as that language (``chinese``). ``language``: **every** language,
  joined by ``and`` as biblatex's list fields are, each by its babel name where it has
  one and by its BCP 47 tag otherwise (``english and french and spanish and chinese``).

They differ in entry types and dates. BibTeX: ``@techreport`` for reports and guidance,
``@misc`` for the others; ``year``, ``month`` as a macro (``mar``) and ``day``, as far as
the record knows them (pandoc, Zotero and Citation.js read all three; Citation.js reads
no ``date`` in BibTeX). BibLaTeX: ``@report``, ``@misc`` for tools and commitments,
``@online`` for platforms; one ``date`` in ISO 8601 at the record's precision (``2015``,
``2018-03``, ``2019-03-13``), biblatex's own date field, which pandoc, Zotero and
Citation.js read.

Every text field has LaTeX's special characters escaped
(:func:`~migrantres._formats.bibtex.latex`):
``\&``, ``\%``, ``\$``, ``\#``, ``\_``, ``\textbackslash{}``, ``\textasciitilde{}``,
``\textasciicircum{}``; ``\{`` … ``\}`` for a pair of braces and, for a lone brace,
``\{\vphantom{\}}`` or ``\vphantom{\{}\}``, so that braces balance as BibTeX counts them
(it counts escaped braces too); ``-{}-`` for ``--``, which TeX would print as a dash.
Other text, accents and non-Latin scripts included, is kept as UTF-8. The ``url``
field is written as it is: a record's URL never holds a brace or a backslash (RFC 3986
excludes them, and so does validation).

**RIS** (:mod:`~migrantres._formats.ris`) is the tagged line format of EndNote, Zotero,
Mendeley and library catalogues: one ``TAG  - value`` line per value, each record from
``TY`` to ``ER``.

* ``TY``: ``RPRT`` for reports and guidance, ``GEN`` for practical tools and political
  commitments, ``ELEC`` for platforms. ``ID`` (the record id), ``TI`` (title), ``PB``
  (the first organization), ``M3`` (type of work: the source's type label).
* one ``AU`` line per organization, **ending with a comma** (``AU  - H&M Group,``):
  RIS names are "Lastname, Firstname, Suffix", and a trailing comma is EndNote's
  convention for a corporate author, which pandoc, Zotero and Citation.js all read as
  one name. What RIS cannot carry: a name that itself holds a comma (every reader splits
  it there: pandoc prints it whole in the bibliography but cites only the part before
  the comma), and, in pandoc, a name whose first word is in lower case ("de
  Nederlandsche Bank" becomes "Nederlandsche Bank, de").
* ``PY``: the year, bare (pandoc reads no other form, and nothing else of the date);
  ``DA``: ``2018/03//`` at the date's precision (``2015///``, ``2019/03/13/``), which
  Zotero and Citation.js read.
* one ``UR`` line per availability URL; ``LA``: the first language (RIS has one
  language field; pandoc and Zotero keep only the first ``LA`` line); ``AB``: the
  description.

In every format, a record without a date has no date field (CSL styles then print
"n.d." or "no date"), and a record without URLs or languages has no such field. The
text is Unicode: write it to a file with ``encoding="utf-8"``. BibTeX, BibLaTeX and
RIS hold each value on one line, so there the description's paragraphs are joined by a
single space: RIS cannot continue a value on a second line, and TeX reads a blank line
in a field as the end of a paragraph, which breaks the commands that print it.

>>> import migrantres
>>> print(to_ris(migrantres.load().filter(launch_date="2018-03")))
TY  - RPRT
ID  - remediation-guidelines-victims-human-trafficking-mineral-supply-chains
TI  - Remediation Guidelines for Victims of Human Trafficking in Mineral Supply Chains
AU  - International Organization for Migration,
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

from migrantres._formats.bibtex import to_biblatex, to_bibtex
from migrantres._formats.csl_json import csl_items, to_csl_json
from migrantres._formats.ris import to_ris

__all__ = ["csl_items", "to_biblatex", "to_bibtex", "to_csl_json", "to_ris"]
