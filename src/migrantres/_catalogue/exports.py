"""A catalogue's ways out: data formats, citations and notebook views.

Each method hands the catalogue's resources to the module of :mod:`migrantres._formats`
that owns the format; nothing here knows a format's rules. The modules a first query
does not need (citations, notebook views, the DataFrame) are imported on first use,
so that they do not slow every start.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from migrantres._formats.csv_codec import dump_csv
from migrantres._formats.json_codec import dump_json, dump_jsonl, dump_records

if TYPE_CHECKING:
    import pandas as pd

    from migrantres._records.models import Resource

__all__ = ["Exports"]


class Exports:
    """The ``to_*`` methods and notebook views of :class:`~migrantres.Catalogue`."""

    __slots__ = ()

    _resources: tuple[Resource, ...]
    _version: str | None

    def to_records(self) -> list[dict[str, Any]]:
        """Plain, JSON-ready dicts, one per resource, in order.

        >>> import migrantres
        >>> migrantres.load().to_records()[0]["launch_date"]
        '2015'
        """
        return dump_records(self._resources)

    def to_json(self) -> str:
        """The catalogue as JSON: a header with the version, and the records.

        The same catalogue always gives the same text: UTF-8, non-ASCII unescaped,
        two-space indents, keys in field order. :meth:`from_json` reads it back.
        """
        return dump_json(self._resources, self._version)

    def to_jsonl(self) -> str:
        """JSON Lines: one compact record per line. :meth:`from_jsonl` reads it back."""
        return dump_jsonl(self._resources)

    def to_csv(self) -> str:
        """CSV, one row per resource; see the data dictionary for how cells are encoded.

        Cells a spreadsheet would run as formulas are neutralised with a leading
        apostrophe, which :meth:`from_csv` removes. Write it with
        ``encoding="utf-8-sig"`` for spreadsheets that need a byte-order mark.
        """
        return dump_csv(self._resources)

    def to_markdown(self) -> str:
        """A Markdown table of every resource: id, date, type, title, organizations, languages.

        Text from the data is escaped, so no cell can break the table or add markup.
        """
        from migrantres._formats.notebook import markdown_table  # noqa: PLC0415 - on use

        return markdown_table(self._resources)

    def to_dataframe(self) -> pd.DataFrame:
        """A pandas DataFrame, one row per resource; needs pandas (``pip install pandas``).

        Columns: ``id``, ``title``, ``type`` and ``date_kind`` (their values),
        ``type_label``, ``jurisdiction``, ``organizations`` (a list of names),
        ``acronyms`` (a list, ``None`` where there is none), ``launch_date`` (ISO text),
        ``year`` (a nullable integer), ``precision``, ``languages`` and ``urls`` (lists),
        ``description``.

        Raises:
            MissingDependencyError: pandas is not installed.
        """
        from migrantres._formats.dataframe import to_dataframe  # noqa: PLC0415 - on use

        return to_dataframe(self._resources)

    def to_csl_json(self) -> str:
        """CSL-JSON items for Zotero, pandoc and other CSL processors; see the formats guide.

        Organizations are literal authors and ``issued`` has exactly the date parts the
        record knows: ``{"date-parts": [[2018, 3]]}``.
        """
        from migrantres._formats.citations import to_csl_json  # noqa: PLC0415 - on use

        return to_csl_json(self._resources)

    def to_bibtex(self) -> str:
        """BibTeX entries keyed by id, organizations in double braces, LaTeX escaped."""
        from migrantres._formats.citations import to_bibtex  # noqa: PLC0415 - on use

        return to_bibtex(self._resources)

    def to_ris(self) -> str:
        """RIS records for EndNote, Zotero and library catalogues, one line per value."""
        from migrantres._formats.citations import to_ris  # noqa: PLC0415 - on use

        return to_ris(self._resources)

    def _repr_markdown_(self) -> str:
        """The notebook view in Markdown: the first rows as a table."""
        from migrantres._formats.notebook import MAX_ROWS, markdown_table  # noqa: PLC0415

        return f"{self!r}\n\n" + markdown_table(self._resources, limit=MAX_ROWS)

    def _repr_html_(self) -> str:
        """The notebook view: an escaped HTML table of the first rows, with links."""
        from migrantres._formats.notebook import table_html  # noqa: PLC0415 - on use

        return table_html(self._resources, caption=repr(self))
