"""Moving old payments to the archive tables, a group at a time.

A *group* is a payment with its reversal, its refunds and every allocation of either; groups
move whole, so a payment and its correction are never split between live and archive. A group
moves when the payment and its reversal are dated before the cut-off, no refund of it is still
open (requested or approved) and none of its customer credit is left unused.

Why unused credit keeps a payment live: using credit writes a new allocation of the overpaying
payment (``credit/use.py``), and allocations can only be added next to a live
payment. An archived payment's credit would still show in the customer's balance but could
never be drawn. Once its credit is used up, reversed or refunded, the payment archives normally.

The live ledger refuses deletes (migration 0001). Migration 0002 lets one through only inside
a transaction that holds an *archive pass* (a row of ``payments_archive_pass``, inserted and
removed again in the same transaction, so never committed) and only for a row already copied
to the archive table with the same id: the one thing the database allows is a move. Only this
module takes the pass.

Archiving changes no invoice: amounts due are stored on the invoice and the ledger sums
(``services/ledger.paid_on``) count archived allocations too.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, exists, func, insert, select, text
from sqlalchemy.orm import aliased

from core.api import db
from plugins.payments.archive.models import ARCHIVE_OF
from plugins.payments.credit import CreditEntry
from plugins.payments.models import APPROVED, REQUESTED, Allocation, Payment, Refund

BATCH = 200


def movable(company_id: int, before: dt.date):
    """``select`` of the ids of payments (not reversals) whose group may move."""
    reversal = aliased(Payment)
    late_reversal = exists().where(reversal.reversal_of_id == Payment.id, reversal.date >= before)
    open_refund = exists().where(
        Refund.payment_id == Payment.id, Refund.status.in_((REQUESTED, APPROVED))
    )
    unused_credit = (
        select(func.coalesce(func.sum(CreditEntry.amount), 0))
        .where(CreditEntry.payment_id == Payment.id)
        .scalar_subquery()
    )
    return select(Payment.id).where(
        Payment.company_id == company_id,
        Payment.reversal_of_id.is_(None),
        Payment.date < before,
        ~late_reversal,
        ~open_refund,
        unused_credit <= 0,
    )


def count_movable(company_id: int, before: dt.date) -> int:
    return db.session.scalar(
        select(func.count()).select_from(movable(company_id, before).subquery())
    )


def next_batch(company_id: int, before: dt.date, size: int = BATCH) -> list[int]:
    return list(db.session.scalars(movable(company_id, before).order_by(Payment.id).limit(size)))


def move_groups(root_ids: list[int]) -> int:
    """Copy the groups of ``root_ids`` to the archive and delete them from the live tables, in
    the caller's transaction. Returns how many payment rows (originals and reversals) moved."""
    if not root_ids:
        return 0
    payment_ids = root_ids + list(
        db.session.scalars(select(Payment.id).where(Payment.reversal_of_id.in_(root_ids)))
    )
    live_payment, live_refund, live_alloc = (
        Payment.__table__,
        Refund.__table__,
        Allocation.__table__,
    )
    _take_pass()
    _copy(live_payment, live_payment.c.id.in_(payment_ids))
    _copy(live_refund, live_refund.c.payment_id.in_(payment_ids))
    _copy(live_alloc, live_alloc.c.payment_id.in_(payment_ids))
    db.session.execute(delete(live_alloc).where(live_alloc.c.payment_id.in_(payment_ids)))
    db.session.execute(delete(live_refund).where(live_refund.c.payment_id.in_(payment_ids)))
    # Reversals first: they point at their originals.
    db.session.execute(delete(live_payment).where(live_payment.c.reversal_of_id.in_(root_ids)))
    db.session.execute(delete(live_payment).where(live_payment.c.id.in_(root_ids)))
    _return_pass()
    db.session.expire_all()  # loaded Payment objects of moved rows are gone from the live table
    return len(payment_ids)


def _copy(live, where) -> None:
    archive = ARCHIVE_OF[live]
    names = [c.name for c in live.columns]
    rows = select(*[live.c[n] for n in names]).where(where)
    db.session.execute(insert(archive).from_select(names, rows))


def _take_pass() -> None:
    if db.session.get_bind().dialect.name == "postgresql":
        db.session.execute(text("INSERT INTO payments_archive_pass (txid) VALUES (txid_current())"))
    else:
        db.session.execute(text("INSERT INTO payments_archive_pass (txid) VALUES (NULL)"))


def _return_pass() -> None:
    db.session.execute(text("DELETE FROM payments_archive_pass"))
