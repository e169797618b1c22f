"""Row locks for state transitions that move money.

Every transition (reverse a payment, process a refund, void an invoice, ...) follows one
pattern: lock the row it changes, then check its status and remaining amount on what the
lock returned, never on what was read before it. ``lock_for_update`` does the first half,
``lock_checked`` both for any check (a callable that raises to refuse), ``lock_in`` when the
check is "its status is one of these":

* PostgreSQL: ``SELECT ... FOR NO KEY UPDATE OF <table>``. A second transaction locking the same
  row waits until the first commits, then reads the committed row. ``NO KEY``: inserting a row
  that references the locked one (an allocation of a locked payment) is not blocked, so a
  transition that locks a payment never deadlocks with one that only adds rows pointing at it.
* SQLite: the clause is dropped; every transaction already starts with ``BEGIN IMMEDIATE``
  (``core/sqlite.py``), so writers are serialized for the whole transaction.

The row is re-read even if the session already holds it (``populate_existing``): a stale copy
from before the lock would defeat the re-check. The tenant filter applies as to any SELECT.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import select

from core.access import not_found
from core.db import db
from core.errors import Conflict
from core.i18n.status_words import status_word


def lock_for_update(model, ident):
    """``model``'s row ``ident``, locked until the transaction ends and freshly read; ``None``
    when it does not exist (or belongs to another company)."""
    (pk,) = model.__mapper__.primary_key
    query = (
        select(model)
        .where(pk == ident)
        .with_for_update(key_share=True, of=model)
        .execution_options(populate_existing=True)
    )
    return db.session.scalars(query).unique().one_or_none()


def lock_or_404(model, ident, label: str | None = None):
    """``lock_for_update``, or 404 ``not_found`` (worded as ``get_or_404``'s) when missing."""
    row = lock_for_update(model, ident)
    if row is None:
        raise not_found(model, ident, label)
    return row


def lock_checked(model, ident, check: Callable[[Any], None], label: str | None = None):
    """``lock_or_404``, then ``check(row)`` on what the lock read (it raises a ``DomainError``,
    usually a 409 ``Conflict``, to refuse); the locked row. For checks ``lock_in`` does not
    say: a kind as well as a status, a flag, rows of another table."""
    row = lock_or_404(model, ident, label)
    check(row)
    return row


def lock_in(
    model,
    ident,
    statuses,
    code: str,
    message: str,
    details: dict | None = None,
    kind: str | None = None,
):
    """``lock_checked`` with the check "its ``status`` is one of ``statuses``", else 409 ``code``.

    ``message`` may name the status found as ``{status}``: with the label ``kind`` of the
    statuses, as ``status_word`` says it (its label outside English). The error's details carry
    the code as ``status``, with ``details`` (``allowed_from``...) beside it.
    """

    def status_in(row) -> None:
        if row.status not in statuses:
            found = {"status": row.status, **(details or {})}
            named = status_word(kind, row.status) if kind else row.status
            raise Conflict(code, message.format(status=named), found)

    return lock_checked(model, ident, status_in)
