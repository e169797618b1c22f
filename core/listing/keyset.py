"""Keyset ("seek") pagination: the next page starts after the last row's (value, id).

``OFFSET n`` reads and throws away n rows, so page 4,000 costs 4,000 times page 1; the keyset
condition ``(column, id) > (value, last_id)`` starts on the index where the last page ended,
so every page costs the same. NULLs sort below every value on SQLite and above on PostgreSQL;
the condition follows the engine's rule, so a nullable column pages through its NULLs too.
"""

from __future__ import annotations

from sqlalchemy import and_, literal, or_, tuple_

from core.listing.sorting import SortKey


def nulls_sort_low(dialect_name: str) -> bool:
    return dialect_name == "sqlite"


def after(sort: SortKey, value, row_id: int, dialect_name: str):
    """The WHERE clause selecting the rows that follow ``(value, row_id)`` in ``sort``."""
    col, pk = sort.column.expr, sort.id
    beyond = (lambda a, b: a < b) if sort.descending else (lambda a, b: a > b)
    # Do NULLs come after every value in this direction?
    nulls_after = nulls_sort_low(dialect_name) == sort.descending
    if value is None:
        tail = and_(col.is_(None), beyond(pk, literal(row_id, pk.type)))
        return tail if nulls_after else or_(tail, col.is_not(None))
    # The bound values take the columns' types (an exact-money column stores minor units).
    bound = tuple_(literal(value, col.type), literal(row_id, pk.type))
    ahead = beyond(tuple_(col, pk), bound)
    return or_(ahead, col.is_(None)) if nulls_after else ahead
