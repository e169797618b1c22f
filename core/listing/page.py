"""One page of a list: sorted by a :class:`SortKey`, reached by offset or by keyset cursor.

``after`` (the next page) and ``before`` (the previous one) are cursors from the page shown;
``offset`` alone still works (the API's contract, a typed-in URL) but costs what it skips.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import object_session

from core.db import db
from core.listing import cursor, keyset
from core.listing.sorting import SortKey


@dataclass
class Page:
    rows: list
    sort: SortKey
    limit: int
    position: int  # index of the first row in the whole list
    next_cursor: str | None
    prev_cursor: str | None


def _cursor(sort: SortKey, row) -> str:
    return cursor.encode(sort.column.read(row), row.id)


def fetch(query, sort: SortKey, limit: int, *, position=0, after=None, before=None, options=()):
    """The rows of one page; ``after``/``before`` are tokens, ``position`` the first row's
    index (used as OFFSET only when no cursor is given)."""
    dialect = db.engine.dialect.name
    if before:
        back = sort.reversed()
        value, row_id = cursor.decode(before, "before")
        stmt = query.where(keyset.after(back, value, row_id, dialect)).order_by(*back.order_by())
        rows = _run(stmt.limit(limit + 1), options)
        more_before = len(rows) > limit
        rows = rows[:limit][::-1]
        position = max(position, limit) - limit if more_before else 0
        return _page(rows, sort, limit, position, more_after=True, more_before=more_before)
    stmt = query.order_by(*sort.order_by())
    if after:
        value, row_id = cursor.decode(after, "after")
        stmt = stmt.where(keyset.after(sort, value, row_id, dialect))
    else:
        stmt = stmt.offset(position)
    rows = _run(stmt.limit(limit + 1), options)
    more_before = bool(after) or position > 0
    return _page(rows[:limit], sort, limit, position, len(rows) > limit, more_before)


def _run(stmt, options) -> list:
    """ORM objects for ``select(Model)``; plain rows (no identity map) for a column list."""
    if _objects(stmt):
        return list(db.session.scalars(stmt.options(*options)).unique())
    return list(db.session.execute(stmt.options(*options)))


def _objects(stmt) -> bool:
    described = stmt.column_descriptions
    return len(described) == 1 and described[0].get("entity") is described[0].get("type")


def _page(rows, sort, limit, position, more_after, more_before) -> Page:
    return Page(
        rows=rows,
        sort=sort,
        limit=limit,
        position=position,
        next_cursor=_cursor(sort, rows[-1]) if rows and more_after else None,
        prev_cursor=_cursor(sort, rows[0]) if rows and more_before else None,
    )


def batches(query, sort: SortKey, size: int = 1000, options=()):
    """Every row of ``query`` in ``sort`` order, ``size`` at a time, each batch started by
    keyset where the last one ended and let go of (expunged) before the next is read: an
    export of a million rows holds one batch in memory. A query of columns (not a model)
    yields plain rows, several times cheaper than objects; it must select each sort column
    under its own name and ``id``."""
    after = None
    while True:
        page = fetch(query, sort, size, after=after, options=options)
        yield page.rows
        for row in page.rows if _objects(query) else ():
            session = object_session(row)  # the request's session may be gone (streaming)
            if session is not None:
                session.expunge(row)
        if page.next_cursor is None:
            return
        after = page.next_cursor
