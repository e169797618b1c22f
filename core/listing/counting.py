"""Counts for list pages without a COUNT(*) over the whole table on every page.

* :func:`capped_count` counts at most ``cap + 1`` rows (``SELECT count(*) FROM (... LIMIT
  cap + 1)``): its cost is bounded whatever the table's size, and it is always exact up to the
  cap; beyond it the page says "10,000+".
* :func:`cached_count` is the exact count, kept per query for ``TTL`` seconds and dropped as
  soon as this process writes to one of the query's tables (ORM flush or bulk statement). Other
  processes' writes show after at most ``TTL`` seconds: the API's ``total`` may be that old.
"""

from __future__ import annotations

import threading
import time

from sqlalchemy import event, func, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.util import find_tables

from core.db import db
from core.listing.page import first_column, objects, scalar
from core.tenancy import current_scope

TTL = 30.0
COUNT_LABEL = "_capped_count"  # the count's column in a page's rows (no model's column name)
_cache: dict[tuple, tuple[float, frozenset, int]] = {}
_lock = threading.Lock()


def capped_count(query, cap: int) -> tuple[int, bool]:
    """``(count, exact)``: the number of rows up to ``cap``; ``exact`` False beyond it."""
    # One number: read as Core on the session's connection, tenant-scoped as the session
    # would (the ORM's execution around it cost more than the count itself: profiled).
    n = scalar(_capped(query, cap))
    return (cap, False) if n > cap else (n, True)


def _capped(query, cap: int):
    """``SELECT count(*)`` of ``query``'s first ``cap + 1`` rows."""
    inner = query.order_by(None).with_only_columns(*_key_columns(query)).limit(cap + 1)
    return select(func.count()).select_from(inner.subquery())


def counted_page(query, cap: int = 1_000) -> tuple:
    """``(page_query, known)``: for a SELECT of columns whose count is not known yet, the
    query with its capped count as one more column, last (the page and its ``total`` in one
    statement: one round trip fewer; the database computes the uncorrelated subquery once),
    and ``known`` None; else ``query`` itself and its exact count (``select(Model)``
    counted apart, or a count above ``cap`` still cached: see ``exact_count``)."""
    if objects(query):
        return query, exact_count(query, cap)
    known = _cached(_key(query))
    if known is not None and known > cap:
        return query, known
    return query.add_columns(_capped(query, cap).scalar_subquery().label(COUNT_LABEL)), None


def page_total(query, rows, known: int | None, cap: int = 1_000) -> int:
    """The exact count of ``query``: ``known``, else read from its page's ``rows`` (their last
    column, from ``counted_page``) unless the page is empty or the list longer than ``cap``
    (counted apart then, as ``exact_count`` would)."""
    if known is not None:
        return known
    if not rows:
        return exact_count(query, cap)
    n = rows[0][-1]
    return n if n <= cap else cached_count(query)


def exact_count(query, cap: int = 1_000) -> int:
    """The exact count: counted directly up to ``cap`` rows, from the cache beyond. A count
    still cached above the cap is used as it is (no capped count first): it is as fresh as
    any cached count, and a big list's page then runs no count at all."""
    known = _cached(_key(query))
    if known is not None and known > cap:
        return known
    n, exact = capped_count(query, cap)
    return n if exact else cached_count(query)


def _cached(key) -> int | None:
    with _lock:
        hit = _cache.get(key)
    return hit[2] if hit and hit[0] > time.monotonic() else None


def cached_count(query) -> int:
    key = _key(query)
    if (known := _cached(key)) is not None:
        return known
    now = time.monotonic()
    tables = frozenset(t.name for t in find_tables(query, include_joins=True) if hasattr(t, "name"))
    total = db.session.scalar(select(func.count()).select_from(query.order_by(None).subquery()))
    with _lock:
        _cache[key] = (now + TTL, tables, total)
    return total


def forget(table_names) -> None:
    names = set(table_names)
    with _lock:
        for key in [k for k, v in _cache.items() if v[1] & names]:
            del _cache[key]


def _key_columns(query):
    """What the capped count selects: the model's ``id`` for ``select(Model)``, else the
    first column, the ``id`` by convention (not ``column_descriptions`` nor
    ``selected_columns``, which cost more than the count for a wide SELECT)."""
    if objects(query):
        return [query.column_descriptions[0]["entity"].id]
    return [first_column(query)]


def _key(query) -> tuple:
    """SQLAlchemy's own cache key of the statement (its shape) and its bound values: cheap,
    where compiling the statement to text cost more than the count it saves (profiled)."""
    cache_key = query._generate_cache_key()
    values = tuple(repr(b.effective_value) for b in cache_key.bindparams)
    return (str(db.engine.url), repr(current_scope()), cache_key.key, values)


@event.listens_for(Session, "after_flush")
def _after_flush(session, flush_context) -> None:
    touched = {*session.new, *session.dirty, *session.deleted}
    forget(obj.__table__.name for obj in touched if hasattr(obj, "__table__"))


@event.listens_for(Session, "do_orm_execute")
def _after_bulk(state) -> None:
    if (state.is_update or state.is_delete or state.is_insert) and state.bind_mapper:
        forget([state.bind_mapper.local_table.name])
