"""Full-text search of invoices (number or customer name), through an index on both databases.

Migration 0009 keeps one search document per invoice ("number customer-name"), by triggers:
SQLite an FTS5 table with the trigram tokenizer, PostgreSQL a table indexed by ``tsvector``
and by ``pg_trgm``. Every word of the query must appear in the document, anywhere and in any
case (as the ``LIKE '%q%'`` this replaces did for the whole query). Words shorter than three
characters have no trigram: a query made only of them reads the search table through (small
rows, still no pass over the invoices).
"""

from __future__ import annotations

from sqlalchemy import and_, column, func, literal_column, or_, select, table

from core.api import db

FTS = table("invoicing_invoice_fts", column("rowid"), column("document"))
SEARCH = table("invoicing_invoice_search", column("invoice_id"), column("document"))


def words(q: str) -> list[str]:
    return [w for w in q.split() if w][:8]


def _like(w: str) -> str:
    return "%" + w.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def matching_ids(q: str):
    """A SELECT of the ids of the invoices whose number or customer name contain every word."""
    found = words(q)
    if db.engine.dialect.name == "postgresql":
        return _postgresql(found)
    return _sqlite(found)


def _sqlite(found: list[str]):
    long = [w for w in found if len(w) >= 3]
    stmt = select(FTS.c.rowid)
    if long:
        phrase = " ".join('"' + w.replace('"', '""') + '"' for w in long)
        stmt = stmt.where(literal_column("invoicing_invoice_fts").op("MATCH")(phrase))
    for w in found:
        if len(w) < 3:
            stmt = stmt.where(FTS.c.document.like(_like(w), escape="\\"))
    return stmt


def _postgresql(found: list[str]):
    document = SEARCH.c.document
    vector = func.to_tsvector(literal_column("'simple'"), document)
    prefixes = " & ".join("'" + w.replace("'", "''").replace("\\", "\\\\") + "':*" for w in found)
    by_words = vector.op("@@")(func.to_tsquery(literal_column("'simple'"), prefixes))
    by_parts = and_(*[document.ilike(_like(w), escape="\\") for w in found])
    return select(SEARCH.c.invoice_id).where(or_(by_words, by_parts))
