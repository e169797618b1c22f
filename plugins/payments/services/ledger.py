"""Sums over the allocation ledger, and handing them to invoicing to settle invoices.

An invoice's paid amount is the plain sum of its allocation rows: payments add positive rows,
reversals and processed refunds add negative ones. Nothing else stores it.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import func, select

from core.api import db
from plugins.invoicing.public import settlement
from plugins.payments.models import Allocation, Payment


def paid_on(invoice_id: int) -> Decimal:
    total = db.session.scalar(
        select(func.coalesce(func.sum(Allocation.amount), 0)).where(
            Allocation.invoice_id == invoice_id
        )
    )
    return Decimal(total or 0) + archived_paid_on(invoice_id)


def archived_paid_on(invoice_id: int) -> Decimal:
    """Allocations moved to the archive still paid the invoice (archive/move.py)."""
    from plugins.payments.archive.models import AllocationArchive

    total = db.session.scalar(
        select(func.coalesce(func.sum(AllocationArchive.amount), 0)).where(
            AllocationArchive.invoice_id == invoice_id
        )
    )
    return Decimal(total or 0)


def net_by_invoice(payment: Payment) -> dict[int, Decimal]:
    """What ``payment`` still covers on each invoice (refunds taken off), in allocation order."""
    rows = db.session.execute(
        select(Allocation.invoice_id, func.sum(Allocation.amount), func.min(Allocation.id))
        .where(Allocation.payment_id == payment.id)
        .group_by(Allocation.invoice_id)
        .order_by(func.min(Allocation.id))
    )
    return {invoice_id: Decimal(amount) for invoice_id, amount, _ in rows}


def resettle(invoice_ids, reason: dict) -> None:
    """Recompute amount due and payment status of each invoice from the ledger."""
    db.session.flush()
    for invoice_id in sorted(set(invoice_ids)):
        settlement.settle(settlement.lock(invoice_id), paid_on(invoice_id), reason)
