"""The full-text index of a SQLite catalogue: its layout, in the one place it is defined.

The index is an FTS5 table named ``resources_fts`` over the ``title``,
``organizations`` and ``description`` columns of ``resources``, with
``content="resources"``: the layout sqlite-utils' ``enable_fts`` writes, which
Datasette detects for its ``_search`` parameter (it looks for the content table's name
in double quotes). Text is split into words by FTS5's ``unicode61`` tokenizer, which
also folds case and removes diacritics (``remove_diacritics 2``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    import sqlite3

    from migrantres._records.models import Resource

__all__ = ["FULL_TEXT", "FullTextLayout", "create_index", "search_texts"]


@dataclass(frozen=True, slots=True)
class FullTextLayout:
    """Where the index is, what it indexes, and how it splits text into words."""

    #: The FTS5 table.
    table: str
    #: The table it indexes (its ``content``), whose rowids it shares.
    content: str
    #: The indexed columns of the content table, in order.
    columns: tuple[str, ...]
    #: FTS5's ``tokenize`` option.
    tokenizer: str

    def rebuild_sql(self) -> str:
        """The statement that fills the index from the content table's current rows."""
        return f'INSERT INTO "{self.table}" ("{self.table}") VALUES (\'rebuild\')'  # noqa: S608 - names from this module, no input

    def create_sql(self) -> str:
        """The ``CREATE VIRTUAL TABLE`` statement, as sqlite-utils writes it."""
        columns = ", ".join(f'"{column}"' for column in self.columns)
        return (
            f'CREATE VIRTUAL TABLE "{self.table}" USING FTS5 (\n'
            f"    {columns},\n"
            f"    tokenize='{self.tokenizer}',\n"
            f'    content="{self.content}"\n'
            ")"
        )


FULL_TEXT: Final = FullTextLayout(
    table="resources_fts",
    content="resources",
    columns=("title", "organizations", "description"),
    tokenizer="unicode61 remove_diacritics 2",
)


def search_texts(resource: Resource) -> dict[str, str]:
    """The text of each indexed column for ``resource``.

    Organizations are their names with the acronym in brackets, joined by ``"; "``:
    ``International Organization for Migration (IOM); H&M Group``.
    """
    organizations = "; ".join(
        org.name + (f" ({org.acronym})" if org.acronym else "") for org in resource.organizations
    )
    return {
        "title": resource.title,
        "organizations": organizations,
        "description": resource.description,
    }


def create_index(connection: sqlite3.Connection) -> None:
    """Create the index and fill it from the content table's rows as they now are."""
    connection.execute(FULL_TEXT.create_sql())
    connection.execute(FULL_TEXT.rebuild_sql())
