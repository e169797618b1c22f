"""Helpers shared by the AP pages: permissions, look-ups, sorting."""

from __future__ import annotations

from flask import abort, request

from core.api import MAX_ID, current_actor, get_scoped

READ, WRITE, APPROVE = "ap.read", "ap.write", "ap.approve"


def may(permission: str) -> bool:
    actor = current_actor()
    if actor is None or not actor.can(permission):
        return False
    return permission == READ or actor.can_write


def require(permission: str) -> None:
    if not may(permission):
        abort(403, "Your role cannot do this.")


def whole(value: str | None) -> int | None:
    """A query-string id, or None when it is not one."""
    value = value or ""
    return int(value) if value.isascii() and value.isdigit() and int(value) <= MAX_ID else None


def found(model, record_id: int):
    row = get_scoped(model, record_id) if 0 < record_id <= MAX_ID else None
    if row is None:
        abort(404)
    return row


def sorted_by(query, columns: dict, default: str):
    """``?sort=name`` or ``?sort=-name`` among ``columns``; the id breaks ties."""
    key = request.args.get("sort") or default
    column = columns.get(key.lstrip("-")) or columns[default.lstrip("-")]
    descending = key.startswith("-") if key.lstrip("-") in columns else default.startswith("-")
    entity = query.column_descriptions[0]["entity"]
    order = (column.desc(), entity.id.desc()) if descending else (column.asc(), entity.id.asc())
    return query.order_by(*order), key
