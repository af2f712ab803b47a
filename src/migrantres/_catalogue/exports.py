"""A catalogue's ways out: data formats, citations and notebook views.

Each method hands the catalogue's resources to the module of :mod:`migrantres._formats`
that owns the format; nothing here knows a format's rules. Each format's module is
imported on first use, so that no start pays for formats it does not write.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import os
    from collections.abc import Mapping

    import pandas as pd
    import pyarrow as pa

    from migrantres._records.models import Resource

__all__ = ["Exports"]


class Exports:
    """The ``to_*`` methods and notebook views of :class:`~migrantres.Catalogue`."""

    __slots__ = ()

    _resources: tuple[Resource, ...]
    _version: str | None

    def to_records(self, *, provenance: bool = True) -> list[dict[str, Any]]:
        """Plain, JSON-ready dicts, one per resource, in order.

        Keys come in field order, then the derived ``languages``. With
        ``provenance=False``, the slim form an API serves: every field but
        ``provenance``, which is about half of a record's bytes.

        >>> import migrantres
        >>> record = migrantres.load().to_records(provenance=False)[0]
        >>> record["launch_date"], record["languages"], "provenance" in record
        ('2015', ['en', 'ru'], False)
        """
        from migrantres._formats.json_codec import dump_records  # noqa: PLC0415 - on use

        return dump_records(self._resources, provenance=provenance)

    def to_json(self, *, provenance: bool = True) -> str:
        """The catalogue as JSON: a header with the version, and the records.

        The same catalogue always gives the same text: UTF-8, non-ASCII unescaped,
        two-space indents, keys in field order. :meth:`from_json` reads it back. With
        ``provenance=False``, records leave their provenance out (see :meth:`to_records`).
        """
        from migrantres._formats.json_codec import dump_json  # noqa: PLC0415 - on use

        return dump_json(self._resources, self._version, provenance=provenance)

    def to_jsonl(self, *, provenance: bool = True) -> str:
        """JSON Lines: one compact record per line. :meth:`from_jsonl` reads it back.

        With ``provenance=False``, records leave their provenance out.
        """
        from migrantres._formats.json_codec import dump_jsonl  # noqa: PLC0415 - on use

        return dump_jsonl(self._resources, provenance=provenance)

    def to_csv(self) -> str:
        """CSV, one row per resource; see the data dictionary for how cells are encoded.

        Cells a spreadsheet would run as formulas are neutralised with a leading
        apostrophe, which :meth:`from_csv` removes. Write it with
        ``encoding="utf-8-sig"`` for spreadsheets that need a byte-order mark.
        """
        from migrantres._formats.csv_codec import dump_csv  # noqa: PLC0415 - on use

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

    def to_arrow(self) -> pa.Table:
        """A pyarrow Table, one row per resource; needs ``pip install 'migrantres[arrow]'``.

        Organizations and availability are lists of structs, the date is ISO text plus
        its year, month and day as nullable integers, ``type`` and ``date_kind`` are
        dictionary-encoded in their vocabulary's order, and the schema's metadata holds
        the dataset version and the source documents; the formats guide has the whole
        schema. :meth:`from_arrow` reads it back.

        Raises:
            MissingDependencyError: pyarrow is not installed.
        """
        from migrantres._formats.arrow import to_arrow  # noqa: PLC0415 - on use

        return to_arrow(self._resources, self._version)

    def to_parquet(self, path: str | os.PathLike[str]) -> None:
        """Write :meth:`to_arrow`'s table to a Parquet file (zstd), for DuckDB, Polars, Spark.

        The file is written under a temporary name and replaces ``path`` only once it
        is complete. ``migrantres.load(path)`` reads it back exactly.

        Raises:
            MissingDependencyError: pyarrow is not installed.
            OSError: the file cannot be written.
        """
        from migrantres._formats.arrow import write_parquet  # noqa: PLC0415 - on use

        write_parquet(self._resources, self._version, path)

    def to_sqlite(
        self, path: str | os.PathLike[str], *, metadata: Mapping[str, str] | None = None
    ) -> None:
        """Write a SQLite database for Datasette and sqlite-utils, and its Datasette metadata.

        Normalised tables with primary and foreign keys (``resources``,
        ``organizations`` and ``resource_organizations``, ``availability`` and
        ``availability_languages``), a full-text index of titles, organizations and
        descriptions in sqlite-utils' layout (``resources_fts``), and
        ``resources_view``, one row per resource with its lists as JSON arrays. It is
        written in one transaction into a temporary file, which replaces ``path``
        only once complete. Beside it, ``<name>.metadata.json`` gives Datasette the
        title, licence and source (``datasette x.sqlite -m x.metadata.json``);
        ``metadata`` adds to or replaces those keys. ``migrantres.load(path)`` reads
        the database back exactly.

        Raises:
            OSError: a file cannot be written.
            MissingDependencyError: Python's SQLite lacks FTS5 (its usual builds have
                it); nothing is written.
        """
        from migrantres._formats.sqlite import write_sqlite  # noqa: PLC0415 - on use

        write_sqlite(self._resources, self._version, path, metadata)

    def to_csl_json(self) -> str:
        """CSL-JSON items for Zotero, pandoc and other CSL processors; see the formats guide.

        Organizations are literal authors and ``issued`` has exactly the date parts the
        record knows: ``{"date-parts": [[2018, 3]]}``.
        """
        from migrantres._formats.citations import to_csl_json  # noqa: PLC0415 - on use

        return to_csl_json(self._resources)

    def to_bibtex(self) -> str:
        """BibTeX entries keyed by id, organizations in double braces, LaTeX escaped.

        Dates are ``year`` and ``month``; ``langid`` is babel's name of the first
        language and ``language`` lists every language.
        """
        from migrantres._formats.citations import to_bibtex  # noqa: PLC0415 - on use

        return to_bibtex(self._resources)

    def to_biblatex(self) -> str:
        """BibLaTeX entries for biber and biblatex: ``@report``, ``@misc``, ``@online``.

        As :meth:`to_bibtex`, with biblatex's entry types and one ISO 8601 ``date`` at
        the record's precision (``date = {2018-03}``).
        """
        from migrantres._formats.citations import to_biblatex  # noqa: PLC0415 - on use

        return to_biblatex(self._resources)

    def to_ris(self) -> str:
        """RIS records for EndNote, Zotero and library catalogues, one line per value.

        Each organization is an ``AU`` line ending with a comma, which marks a
        corporate author; ``PY`` is the year and ``DA`` the date at its precision.
        """
        from migrantres._formats.citations import to_ris  # noqa: PLC0415 - on use

        return to_ris(self._resources)

    def _repr_markdown_(self) -> str:
        """The notebook view in Markdown: the first rows as a table."""
        from migrantres._formats.notebook import MAX_ROWS, markdown_table  # noqa: PLC0415 - on use

        return f"{self!r}\n\n" + markdown_table(self._resources, limit=MAX_ROWS)

    def _repr_html_(self) -> str:
        """The notebook view: an escaped HTML table of the first rows, with links."""
        from migrantres._formats.notebook import table_html  # noqa: PLC0415 - on use

        return table_html(self._resources, caption=repr(self))
