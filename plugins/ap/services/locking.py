"""Row locks for the transitions that move money (approve, match, receipts).

``SELECT ... FOR NO KEY UPDATE OF <table>`` on PostgreSQL makes a concurrent transition wait,
and the row is re-read (``populate_existing``) so the caller re-checks what it decided on. "No
key" because a plain FOR UPDATE would also block the foreign-key checks of rows that merely
point at the locked one (a bill naming its PO), which deadlocked a receipt against an approval.
SQLite has no row locks, but every transaction there starts with ``BEGIN IMMEDIATE``
(core/sqlite.py), so writers are serialized anyway.
"""

from __future__ import annotations

from sqlalchemy import select

from core.api import ApiError, db


def lock(model, ident: int):
    query = (
        select(model)
        .where(model.id == ident)
        .with_for_update(of=model, key_share=True)
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
        .with_for_update(of=model, key_share=True)
        .execution_options(populate_existing=True)
    )
    return list(db.session.scalars(query).unique())


def lock_in(model, ident: int, statuses: tuple[str, ...], code: str, message: str):
    """``lock``, then 409 ``code`` unless the row's status is one of ``statuses``.

    ``message`` may name the status as ``{status}``; the details carry it too.
    """
    row = lock(model, ident)
    if row.status not in statuses:
        raise ApiError(409, code, message.format(status=row.status), {"status": row.status})
    return row
