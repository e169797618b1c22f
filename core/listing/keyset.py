"""Keyset ("seek") pagination: the next page starts after the last row's (value, id).

``OFFSET n`` reads and throws away n rows, so page 4,000 costs 4,000 times page 1; the keyset
condition ``(column, id) > (value, last_id)`` starts on the index where the last page ended,
so every page costs the same. NULLs sort below every value on SQLite and above on PostgreSQL;
the condition follows the engine's rule, so a nullable column pages through its NULLs too.
"""

from __future__ import annotations

from sqlalchemy import and_, literal, or_

from core.listing.sorting import SortKey


def nulls_sort_low(dialect_name: str) -> bool:
    return dialect_name == "sqlite"


def after(sort: SortKey, value, row_id: int, dialect_name: str):
    """The WHERE clause selecting the rows that follow ``(value, row_id)`` in ``sort``."""
    col, pk = sort.column.expr, sort.id
    beyond = (lambda a, b: a < b) if sort.descending else (lambda a, b: a > b)
    # Do NULLs come after every value in this direction?
    nulls_after = nulls_sort_low(dialect_name) == sort.descending and _nullable(col)
    if value is None:
        tail = and_(col.is_(None), beyond(pk, literal(row_id, pk.type)))
        return tail if nulls_after else or_(tail, col.is_not(None))
    # The bound values take the columns' types (an exact-money column stores minor units).
    # ``col <= v AND (col < v OR id < last)`` rather than the row value ``(col, id) < (v,
    # last)``: SQLite turns only the first into an index range (measured: the row value form
    # read every index entry before the cursor).
    v, last = literal(value, col.type), literal(row_id, pk.type)
    if sort.descending:
        ahead = and_(col <= v, or_(col < v, pk < last))
    else:
        ahead = and_(col >= v, or_(col > v, pk > last))
    return or_(ahead, col.is_(None)) if nulls_after else ahead


def _nullable(col) -> bool:
    """False for a NOT NULL column: its keyset condition needs no NULL branch (an OR there
    keeps SQLite from reading the index as a range)."""
    return getattr(getattr(col, "expression", col), "nullable", True) is not False
