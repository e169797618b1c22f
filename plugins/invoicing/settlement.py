"""How much of an invoice is still due, for plugins that settle invoices (payments).

Public module: a plugin that depends on invoicing may import it. The amount due is never kept
as a second truth: ``settle`` recomputes it from the invoice total, its live credit notes and
the net amount the caller's own records (payment allocations) say were paid, then moves the
payment status to match and announces the change like any other invoice change.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import func, select

from core.api import ApiError, db, lock_checked, lock_or_404
from core.api import gettext as _
from plugins.invoicing.models import APPROVED, CREDIT_NOTE, FINALIZED, INVOICE, SENT, Invoice
from plugins.invoicing.services import notify

PAYABLE_STATUSES = (FINALIZED, APPROVED, SENT)
ZERO = Decimal("0.00")


def lock(invoice_id: int) -> Invoice:
    """The invoice, locked until the caller's transaction ends and read afresh; 404
    ``not_found`` if missing.

    On PostgreSQL two payments for one invoice queue here, so neither over-pays it, and a
    void or a credit note (which lock it too) cannot slip in between; SQLite serializes
    writers with BEGIN IMMEDIATE already.
    """
    return lock_or_404(Invoice, invoice_id)


def payable(invoice_id: int) -> Invoice:
    """The locked invoice; 409 ``invoice_not_payable`` unless it is a finalized, approved or
    sent invoice (not a draft, a void invoice, or a credit note)."""
    return lock_checked(Invoice, invoice_id, _check_payable)


def _check_payable(invoice: Invoice) -> None:
    if invoice.type != INVOICE or invoice.status not in PAYABLE_STATUSES:
        kind = "credit note" if invoice.type == CREDIT_NOTE else f"{invoice.status} invoice"
        raise ApiError(
            409,
            "invoice_not_payable",
            _(
                "A %(kind)s cannot be paid; only finalized, approved or sent invoices can.",
                kind=kind,
            ),
            {"invoice_id": invoice.id, "status": invoice.status, "type": invoice.type},
        )


def credited(invoice: Invoice) -> Decimal:
    """Total of the finalized (not void) credit notes that correct ``invoice``."""
    total = db.session.scalar(
        select(func.coalesce(func.sum(Invoice.total), 0)).where(
            Invoice.credit_note_of_id == invoice.id,
            Invoice.type == CREDIT_NOTE,
            Invoice.status.in_(PAYABLE_STATUSES),
        )
    )
    return Decimal(total or 0)


def amount_due(invoice: Invoice, paid: Decimal) -> Decimal:
    """What is left: total − credit notes − ``paid``."""
    return (Decimal(invoice.total or 0) - credited(invoice) - Decimal(paid)).quantize(ZERO)


def settle(invoice: Invoice, paid: Decimal, reason: dict | None = None) -> Invoice:
    """Store the derived amount due and payment status of ``invoice`` given the net ``paid``.

    ``reason`` (e.g. ``{"payment_id": 3}``) rides along in the announcements. An overdue
    invoice stays overdue until it is paid in full.
    """
    due = max(amount_due(invoice, paid), ZERO)
    previous = invoice.payment_status
    status = _status(invoice, due, previous)
    if due == invoice.amount_due and status == previous:
        return invoice
    invoice.amount_due, invoice.payment_status = due, status
    db.session.flush()
    extra = {"amount_due": str(due), "previous_payment_status": previous, **(reason or {})}
    if status != previous:
        notify.status_changed(invoice, "InvoicePaymentStatusChanged", invoice.status, extra)
    else:
        notify.changed(invoice, "InvoiceSettled", "invoicing_invoice_updated", extra)
    return invoice


def _status(invoice: Invoice, due: Decimal, previous: str) -> str:
    if due == 0:
        return "paid"
    if previous == "overdue":
        return "overdue"
    return "unpaid" if due >= Decimal(invoice.total or 0) else "partial"
