"""Several rows locked at once (a receipt's order lines), in id order so two transitions
never wait on each other; one row is ``core.api.lock_in`` / ``lock_or_404``.

``SELECT ... FOR NO KEY UPDATE OF <table>`` on PostgreSQL makes a concurrent transition wait,
and the row is re-read (``populate_existing``) so the caller re-checks what it decided on. "No
key" because a plain FOR UPDATE would also block the foreign-key checks of rows that merely
point at the locked one (a bill naming its PO), which deadlocked a receipt against an approval.
SQLite has no row locks, but every transaction there starts with ``BEGIN IMMEDIATE``
(core/sqlite.py), so writers are serialized anyway.
"""

from __future__ import annotations

from sqlalchemy import select

from core.api import db


def lock_many(model, idents) -> list:
    query = (
        select(model)
        .where(model.id.in_(sorted(set(idents))))
        .order_by(model.id)
        .with_for_update(of=model, key_share=True)
        .execution_options(populate_existing=True)
    )
    return list(db.session.scalars(query).unique())
