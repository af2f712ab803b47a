"""Parse compendium text, as extracted from the PDF, into records.

The compendium lists resources as labelled fields ("Name of Resource", "Type",
"Country / jurisdiction", "Organization", "Initiative launch date" or "Date of
publishing", "Description", "Availability"), a tab between label and value, under a
section heading such as "International Organization for Migration (IOM)".

Text extracted from the PDF is damaged, and the parser repairs what a rule can repair:

* labels broken by stray spaces or missing their slash ("Cou ntry / juris dicti on",
  "Co unt ry juri sdi cti on") are matched with spaces and slashes ignored;
* labels written with look-alike letters of another script (Cyrillic "Туре") are read as
  the Latin label (:data:`~migrantres.RepairKind.LOOKALIKE_LABEL`);
* a line holding only a stray fragment of a label and no value ("се") is skipped
  (:data:`~migrantres.RepairKind.LABEL_FRAGMENT`);
* a title right under the section heading, with no label, starts a record
  (:data:`~migrantres.RepairKind.UNLABELLED_TITLE`);
* a label cut short and run into its value ("Na me of Res Supply Chains") is read as
  that label (:data:`~migrantres.RepairKind.DAMAGED_LABEL`);
* a URL broken by a space at a path separator is joined again
  (:data:`~migrantres.RepairKind.REJOINED_URL`).

Every repair is recorded in the record's provenance. Nothing is dropped silently: a line
the parser cannot place raises :class:`~migrantres.ParseError` with its line number.
What no rule can repair (a title the extraction destroyed) is fixed by a reviewed
correction; see :mod:`migrantres.build`.

:func:`ingest` reads whole files of compendium text, of any section, into a validated
catalogue and saves it (``migrantres ingest FILE... -o catalogue.json``).
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from migrantres.exceptions import ParseError
from migrantres.ingest._assemble import Origin, assemble
from migrantres.ingest._files import ingest
from migrantres.ingest._labels import FIELDS, fold_lookalikes
from migrantres.ingest._reader import ParsedField, ParsedRecord, Section, parse_compendium

# Importable from here as before, though not part of ``*``: the parser's building blocks.
from migrantres.ingest._values import AvailabilityEntry as AvailabilityEntry
from migrantres.ingest._values import date_error as date_error
from migrantres.ingest._values import date_kind as date_kind
from migrantres.ingest._values import parse_availability as parse_availability
from migrantres.ingest._values import split_organizations as split_organizations

if TYPE_CHECKING:
    from migrantres._records.models import Resource

__all__ = [
    "FIELDS",
    "ParsedField",
    "ParsedRecord",
    "Section",
    "fold_lookalikes",
    "ingest",
    "parse_compendium",
    "parse_resources",
]


def parse_resources(
    text: str,
    *,
    document: str = "compendium text",
    file: str = "<text>",
    section: str | None = None,
) -> tuple[Resource, ...]:
    """Read compendium text all the way to validated resources, with their provenance.

    The same as the build does for each upstream text, without corrections: a title the
    extraction destroyed stays as the text gives it. ``document`` and ``file`` name the
    source in each record's provenance; ``section`` is the heading of records that come
    before any heading of the text's own (see :func:`parse_compendium`).

    Raises:
        ParseError: anything in the text that cannot become a valid record, with its
            file and line.
    """
    sha256 = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    origin = Origin(document=document, file=file, sha256=sha256)
    try:
        records = parse_compendium(text, section=section)
    except ParseError as exc:
        raise exc.at(file) from None
    return assemble([(origin, records)])
