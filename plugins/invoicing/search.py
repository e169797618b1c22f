"""Full-text search of invoices (number or customer name), through an index on both databases.

Migration 0009 keeps one search document per invoice ("number customer-name"), by triggers:
SQLite an FTS5 table with the trigram tokenizer, PostgreSQL a table with a ``pg_trgm`` index.
Every word of the query must appear in the document, anywhere and in any case (as the
``LIKE '%q%'`` this replaces did for the whole query). Words shorter than three characters have
no trigram: a query made only of them reads the search table through (small rows, still no pass
over the invoices).

A word shaped like a document number ("BENCH-0099", "INV/2026/00042") shares its letters with
every number of the company: the index entries of "BEN", "ENC", ... list every invoice, so
reading them grows with the book (PostgreSQL, fastest of 15: 11 ms at 100k invoices, 78 ms at
1M; by its digits 1.7 and 3.1 ms; benchmarks/RESULTS.md, notes). Such a word is looked up in
the index by its longest run of digits (its ``core``, the selective part, whose few entries are
read alone) and the whole word is then checked on those candidates only, row by row: the same
invoices are found, at a cost that follows the matches, not the book. (0009's ``tsvector``
index on PostgreSQL, whose prefix match found non-substrings, "Benches -0099" for "bench-0099",
and read every invoice for "bench:*", is dropped by 0013.)
"""

from __future__ import annotations

import re

from sqlalchemy import and_, column, func, literal, literal_column, select, table

from core.api import db

FTS = table("invoicing_invoice_fts", column("rowid"), column("document"))
SEARCH = table("invoicing_invoice_search", column("invoice_id"), column("document"))
DIGITS = re.compile(r"\d{3,}")


def words(q: str) -> list[str]:
    return [w for w in q.split() if w][:8]


def core(word: str) -> str:
    """The part of ``word`` looked up in the index: its longest run of three digits or more
    (the last of equals: a serial follows its year), or the word itself."""
    runs = DIGITS.findall(word)
    if not runs or not word.isascii():  # ASCII: the row check folds case as the index does
        return word
    return max(reversed(runs), key=len)


def _like(w: str) -> str:
    return "%" + w.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def matching_ids(q: str):
    """A SELECT of the ids of the invoices whose number or customer name contain every word."""
    found = words(q)
    if db.engine.dialect.name == "postgresql":
        return _postgresql(found)
    return _sqlite(found)


def _sqlite(found: list[str]):
    looked_up = [core(w) for w in found if len(w) >= 3]
    stmt = select(FTS.c.rowid)
    if looked_up:
        phrase = " ".join('"' + w.replace('"', '""') + '"' for w in looked_up)
        stmt = stmt.where(literal_column("invoicing_invoice_fts").op("MATCH")(phrase))
    # An expression (not the bare column) is not handed to FTS5 as a second index constraint:
    # SQLite checks it on the rows the MATCH found.
    checked = func.coalesce(FTS.c.document, "")
    for w in found:
        if len(w) < 3:
            stmt = stmt.where(FTS.c.document.like(_like(w), escape="\\"))
        elif core(w) != w:
            stmt = stmt.where(checked.like(_like(w), escape="\\"))
    return stmt


def _postgresql(found: list[str]):
    """Each word's core by the trigram index; the whole word by ``lower(..) LIKE lower(..)``
    (exactly ILIKE, which PostgreSQL computes so) on those rows, outside the index scan."""
    document = SEARCH.c.document
    looked_up = [document.ilike(_like(core(w)), escape="\\") for w in found]
    checked = [
        func.lower(document).like(func.lower(literal(_like(w))), escape="\\")
        for w in found
        if core(w) != w
    ]
    return select(SEARCH.c.invoice_id).where(and_(*looked_up, *checked))
