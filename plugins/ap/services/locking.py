"""Row locks for the transitions that move money (approve, match, receipts).

``SELECT ... FOR UPDATE OF <table>`` on PostgreSQL makes a concurrent transition wait, and the
row is re-read (``populate_existing``) so the caller re-checks what it decided on. SQLite has
no row locks, but every transaction there starts with ``BEGIN IMMEDIATE`` (core/sqlite.py), so
writers are serialized anyway.
"""

from __future__ import annotations

from sqlalchemy import select

from core.api import ApiError, db


def lock(model, ident: int):
    query = (
        select(model)
        .where(model.id == ident)
        .with_for_update(of=model)
        .execution_options(populate_existing=True)
    )
    row = db.session.scalars(query).unique().one_or_none()
    if row is None:
        raise ApiError(404, "not_found", f"No {model.__name__} with id {ident}.", {"id": ident})
    return row


def lock_many(model, idents) -> list:
    query = (
        select(model)
        .where(model.id.in_(sorted(set(idents))))
        .order_by(model.id)
        .with_for_update(of=model)
        .execution_options(populate_existing=True)
    )
    return list(db.session.scalars(query).unique())
