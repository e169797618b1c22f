"""Limit/offset pagination with a stable order, for every list endpoint of the API.

Rows with equal sort keys would swap places between pages (databases promise no order among
ties), so the primary key always ends the ORDER BY.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from types import SimpleNamespace

from flask import current_app, request

from core import listing
from core.db import db
from core.inputs import MAX_INT, query_int
from core.listing.counting import counted_page, page_total
from core.listing.page import first_column
from core.listing.sorting import id_order

DEFAULT_LIMIT = 50
_KEYSET_OFF = object()

QUERY_PARAMETERS = {
    "limit": {"type": "integer", "minimum": 1, "default": DEFAULT_LIMIT},
    "offset": {"type": "integer", "minimum": 0, "maximum": MAX_INT, "default": 0},
}


def paginate(
    query, order_by=(), serialize: Callable | None = None, sort=None, options=(), prepare=None
) -> dict:
    """Run ``query`` for one page; return the API envelope.

    ``query`` is a ``select(Model)`` (rows are ORM objects) or a SELECT of columns, the
    model's ``id`` first (rows are plain ``Row``s read as Core on the session's connection,
    narrowed to the tenant: no ORM object per row, which cost a cheap list more than its
    query; profiled).

    ``order_by`` is a column or a sequence of columns/expressions; the model's ``id`` is
    added last. ``serialize`` turns a row into JSON (default: ``row.to_dict()``). With
    ``sort`` (a ``core.listing.SortKey``) the list also pages by keyset: the envelope's
    ``next_cursor`` passed back as ``?after=`` starts the next page where this one ended, at
    the same cost on page 1 and page 10,000. ``total`` is exact (cached above 1,000 rows);
    a SELECT of columns reads it with the page, as one more column that
    the serializer does not read (``counted_page``).
    ``options`` are loader options for the page's rows (not the count); ``prepare(rows)``,
    when given, loads what ``serialize`` reads of the whole page at once (one query for the
    page, never one per row) before the rows are serialized; what it returns, if not None,
    is serialized in their place (plain rows turned into what the serializer reads).
    """
    limit, offset = page_parameters()
    serialize = serialize or (lambda row: row.to_dict())
    page_query, known = counted_page(query)  # a plain page carries its count: one statement
    if sort is not None:
        page = listing.fetch(
            page_query.order_by(None), sort, limit, position=offset, after=_after(), options=options
        )
        total = page_total(query, page.rows, known)
        return envelope(
            _serialized(page.rows, serialize, prepare), limit, offset, total, page.next_cursor
        )
    ordered = page_query.order_by(None).order_by(*_stable_order(order_by, _primary_key(query)))
    rows = listing.run(ordered.limit(limit).offset(offset), options)
    total = page_total(query, rows, known)
    return envelope(_serialized(rows, serialize, prepare), limit, offset, total)


@functools.cache
def plain_columns(model, without=()) -> tuple:
    """Every mapped column of ``model`` except ``without`` (attribute names), ``id`` first:
    a ``select(*plain_columns(Model))`` page's rows carry them by the model's attribute
    names, so a serializer written for the model reads a row alike."""
    from sqlalchemy import inspect

    keys = [a.key for a in inspect(model).column_attrs if a.key not in without]
    keys.sort(key=lambda k: k != "id")
    return tuple(getattr(model, k) for k in keys)


@functools.cache
def _plain_type(model) -> type:
    """A namespace class with ``model``'s own Python properties (``is_draft``, ``emirate``),
    so they are computed from a plain row's values by the model's code, not copied."""
    props = {
        name: attr
        for klass in reversed(model.__mro__)
        for name, attr in vars(klass).items()
        if isinstance(attr, property)
    }
    return type(f"Plain{model.__name__}", (SimpleNamespace,), props)


def plain_objects(model, rows, **more) -> list:
    """Plain rows (of ``plain_columns(model)``) as objects that ``model``'s serializer reads
    alike: the row's values, the model's properties and, per name in ``more``, a function
    of the row giving what the serializer reads beyond the columns (e.g. a relationship
    loaded for the whole page)."""
    make = _plain_type(model)
    return [make(**row._mapping, **{k: f(row) for k, f in more.items()}) for row in rows]


def _serialized(rows: list, serialize: Callable, prepare) -> list:
    if prepare is not None and rows:
        rows = prepare(rows) or rows
    return [serialize(r) for r in rows]


def _after() -> str | None:
    return request.args.get("after") or None


def envelope(data: list, limit: int, offset: int, total: int, next_cursor=_KEYSET_OFF) -> dict:
    next_offset = offset + limit if offset + limit < total else None
    pagination = {"limit": limit, "offset": offset, "total": total, "next_offset": next_offset}
    if next_cursor is not _KEYSET_OFF:  # lists sorted by a SortKey also page by keyset
        pagination["next_cursor"] = next_cursor
    return {"data": data, "pagination": pagination}


def page_parameters() -> tuple[int, int]:
    """``limit`` and ``offset`` from the query string; 400 ``invalid_parameter`` if bad
    (ASCII digits only, ``offset`` within 64 bits)."""
    maximum = int(current_app.config.get("API_PAGE_LIMIT_MAX", 200))
    limit = query_int("limit", DEFAULT_LIMIT, 1, maximum)
    offset = query_int("offset", 0, 0)
    return limit, offset


def _primary_key(query):
    """The model's ``id``: of ``select(Model)``, or a SELECT of columns' first one."""
    if listing.objects(query):
        return query.column_descriptions[0]["entity"].id
    return first_column(query)


def _stable_order(order_by, pk) -> list:
    columns = list(order_by) if isinstance(order_by, list | tuple) else [order_by]
    if len(columns) == 1 and (descending := _pk_direction(columns[0], pk)) is not None:
        return [id_order(pk, descending, db.engine.dialect.name)]  # newest (oldest) first
    if not any(c is pk for c in columns):
        columns.append(pk)
    return columns


def _pk_direction(column, pk) -> bool | None:
    """True for ``pk.desc()``, False for ``pk`` (or ``pk.asc()``), None for another order."""
    if column is pk:
        return False
    for descending, order in ((True, pk.desc()), (False, pk.asc())):
        if order.compare(column):
            return descending
    return None
