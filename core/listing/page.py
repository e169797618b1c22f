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
from core.tenancy import scope_statement


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
        stmt = query.where(keyset.after(back, value, row_id, dialect)).order_by(
            *back.order_by(dialect)
        )
        rows = run(stmt.limit(limit + 1), options)
        more_before = len(rows) > limit
        rows = rows[:limit][::-1]
        position = max(position, limit) - limit if more_before else 0
        return _page(rows, sort, limit, position, more_after=True, more_before=more_before)
    stmt = query.order_by(*sort.order_by(dialect))
    if after:
        value, row_id = cursor.decode(after, "after")
        stmt = stmt.where(keyset.after(sort, value, row_id, dialect))
    else:
        stmt = stmt.offset(position)
    rows = run(stmt.limit(limit + 1), options)
    more_before = bool(after) or position > 0
    return _page(rows[:limit], sort, limit, position, len(rows) > limit, more_before)


def run(stmt, options=()) -> list:
    """ORM objects for ``select(Model)``; plain rows (no identity map) for a column list,
    read by name or position (``Row.name``), never keyed by column object: SQLAlchemy then
    skips re-keying the cached statement's result columns to this statement's (the ORM's own
    setting; each key is an ORM column whose comparison builds an expression: profiled, it
    cost an API page of 26 columns more than its query)."""
    if objects(stmt):
        return list(db.session.scalars(stmt.options(*options)).unique())
    stmt = stmt.execution_options(_result_disable_adapt_to_context=True)
    return list(_columns(db.session(), stmt.options(*options)))


def _columns(session, stmt):
    """A SELECT of columns run as Core on the session's connection, narrowed to the tenant
    as the session would: the ORM's result rows cost more per row than the query (profiled:
    most of an export's time went to them)."""
    return session.connection().execute(scope_statement(stmt))


def scalar(stmt):
    """The one value of a SELECT (a count), read as ``_columns`` reads rows."""
    stmt = stmt.execution_options(_result_disable_adapt_to_context=True)
    return _columns(db.session(), stmt).scalar()


def first_column(stmt):
    """The first column of a SELECT of columns, as written (``selected_columns`` builds every
    column's entry first)."""
    return stmt._raw_columns[0]  # the columns clause as written


def objects(stmt) -> bool:
    """True for ``select(Model)``, False for a SELECT of columns. One entry in the columns
    clause is looked at before ``column_descriptions``, which describes every column (0.18 ms
    for a 26-column page: measured, several times a request)."""
    if len(stmt._raw_columns) != 1:  # the columns clause as written
        return False
    described = stmt.column_descriptions
    return described[0].get("entity") is described[0].get("type")


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
    """Every row of ``query`` in ``sort`` order, ``size`` at a time, from one streamed
    statement (``yield_per``: a server-side cursor on PostgreSQL), so an export of a million
    rows holds one batch in memory and pays for one query, not one per batch (measured: the
    per-batch keyset queries cost more than the rows they read). Objects of a batch are let
    go of (expunged) before the next is read. A query of columns (not a model) yields plain
    rows, several times cheaper than objects; it must select each sort column under its own
    name and ``id``.

    A download reads its first batch in the request (so a bad filter is a 400) and the rest
    after Flask has torn the request down and removed its session: the stream is then
    opened again in the current session, by keyset where the last batch ended."""
    orm = objects(query)
    stmt = query.order_by(*sort.order_by(db.engine.dialect.name)).options(*options)
    stream, last = None, None
    while True:
        session = db.session()
        if stream is None or stream[0] is not session:
            resumed = stmt
            if last is not None:
                value, row_id = sort.column.read(last), last.id
                resumed = stmt.where(keyset.after(sort, value, row_id, db.engine.dialect.name))
            stream = (session, _stream(session, resumed.execution_options(yield_per=size)))
        rows = stream[1].fetchmany(size)
        if not rows:
            return
        yield rows
        last = rows[-1]
        for row in rows if orm else ():
            if object_session(row) is not None:
                object_session(row).expunge(row)


def _stream(session, stmt):
    return session.scalars(stmt) if objects(stmt) else _columns(session, stmt)
