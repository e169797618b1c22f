"""What an invoice still owed right after a given payment: the figure a receipt shows.

Today's amount due is the wrong number on a receipt: a receipt for a 1,000.00 partial payment
read "Balance due 0.00" once later payments had settled the invoice. Allocations are numbered
in the order they were made, so the ledger up to this payment's own allocation (live and
archived alike) gives the balance at that moment; credit notes count when they were final by
then.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import func, select

from core.api import db
from plugins.invoicing.public import Invoice, settlement
from plugins.payments.archive.models import AllocationArchive
from plugins.payments.models import Allocation, Payment

ZERO = Decimal("0.00")


def balances_after(payment: Payment, invoices: dict[int, Invoice]) -> dict[int, Decimal]:
    """invoice id -> amount due right after ``payment`` was applied (never below zero)."""
    return {i: _after(payment, invoice) for i, invoice in invoices.items()}


def _after(payment: Payment, invoice: Invoice) -> Decimal:
    bound = _last_allocation(payment, invoice.id)
    if bound is None:
        return invoice.amount_due or ZERO
    paid = _paid_up_to(Allocation, invoice.id, bound) + _paid_up_to(
        AllocationArchive, invoice.id, bound
    )
    due = Decimal(invoice.total or 0) - _credited_by(invoice, payment) - paid
    return max(due.quantize(ZERO), ZERO)


def _last_allocation(payment: Payment, invoice_id: int) -> int | None:
    """The id of the payment's last own allocation on the invoice (refunds come later)."""
    ids = [
        db.session.scalar(
            select(func.max(model.id)).where(
                model.payment_id == payment.id,
                model.invoice_id == invoice_id,
                model.refund_id.is_(None),
            )
        )
        for model in (Allocation, AllocationArchive)
    ]
    found = [i for i in ids if i is not None]
    return max(found) if found else None


def _paid_up_to(model, invoice_id: int, bound: int) -> Decimal:
    total = db.session.scalar(
        select(func.coalesce(func.sum(model.amount), 0)).where(
            model.invoice_id == invoice_id, model.id <= bound
        )
    )
    return Decimal(total or 0)


def _credited_by(invoice: Invoice, payment: Payment) -> Decimal:
    """Credit notes on the invoice that were final when the payment was recorded."""
    total = db.session.scalar(
        select(func.coalesce(func.sum(Invoice.total), 0)).where(
            Invoice.credit_note_of_id == invoice.id,
            Invoice.type == "credit_note",
            Invoice.status.in_(settlement.PAYABLE_STATUSES),
            Invoice.finalized_at <= payment.created_at,
        )
    )
    return Decimal(total or 0)
