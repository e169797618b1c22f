"""Limit/offset pagination with a stable order, for every list endpoint of the API.

Rows with equal sort keys would swap places between pages (databases promise no order among
ties), so the primary key always ends the ORDER BY.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import current_app
from sqlalchemy import func, select

from core.db import db
from core.inputs import MAX_INT, query_int

DEFAULT_LIMIT = 50

QUERY_PARAMETERS = {
    "limit": {"type": "integer", "minimum": 1, "default": DEFAULT_LIMIT},
    "offset": {"type": "integer", "minimum": 0, "maximum": MAX_INT, "default": 0},
}


def paginate(query, order_by=(), serialize: Callable | None = None) -> dict:
    """Run ``query`` (a ``select(Model)``) for one page; return the API envelope.

    ``order_by`` is a column or a sequence of columns/expressions; the model's ``id`` is
    added last. ``serialize`` turns a row into JSON (default: ``row.to_dict()``).
    """
    limit, offset = page_parameters()
    entity = query.column_descriptions[0]["entity"]
    ordered = query.order_by(None).order_by(*_stable_order(order_by, entity))
    total = db.session.scalar(select(func.count()).select_from(query.order_by(None).subquery()))
    rows = db.session.scalars(ordered.limit(limit).offset(offset)).all()
    serialize = serialize or (lambda row: row.to_dict())
    return envelope([serialize(r) for r in rows], limit, offset, total)


def envelope(data: list, limit: int, offset: int, total: int) -> dict:
    next_offset = offset + limit if offset + limit < total else None
    return {
        "data": data,
        "pagination": {
            "limit": limit,
            "offset": offset,
            "total": total,
            "next_offset": next_offset,
        },
    }


def page_parameters() -> tuple[int, int]:
    """``limit`` and ``offset`` from the query string; 400 ``invalid_parameter`` if bad
    (ASCII digits only, ``offset`` within 64 bits)."""
    maximum = int(current_app.config.get("API_PAGE_LIMIT_MAX", 200))
    limit = query_int("limit", DEFAULT_LIMIT, 1, maximum)
    offset = query_int("offset", 0, 0)
    return limit, offset


def _stable_order(order_by, entity) -> list:
    columns = list(order_by) if isinstance(order_by, list | tuple) else [order_by]
    pk = entity.id
    if not any(c is pk for c in columns):
        columns.append(pk)
    return columns
