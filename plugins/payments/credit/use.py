"""Using customer credit on an invoice: ``POST /api/v1/payments/credit-allocations``.

The credit is money of earlier overpaying payments, so using it allocates *those* payments to
the invoice (oldest payment first) and writes an ``applied`` credit entry per payment used.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select

from core.api import Refused, db
from core.api import gettext as _
from plugins.invoicing.public import settlement
from plugins.payments import chain, credit
from plugins.payments.models import Allocation, Payment
from plugins.payments.services import ledger, notify
from plugins.payments.services.record import overpayment


def apply(company_id: int, customer_id: int, invoice_id: int, amount: Decimal, user_id=None):
    """Pay ``amount`` of ``invoice_id`` from ``customer_id``'s credit; returns the entries."""
    invoice = settlement.payable(invoice_id)
    if invoice.customer_id != customer_id:
        raise Refused(
            "customer_mismatch",
            _(
                "Invoice %(invoice_number)s belongs to another customer.",
                invoice_number=invoice.number,
            ),
            {"invoice_id": invoice.id, "invoice_customer_id": invoice.customer_id},
        )
    chain.hold(company_id)  # balances cannot change under us from here on
    _check_due(invoice, amount)
    sources = _sources(company_id, customer_id, invoice.currency)
    available = sum(sources.values(), Decimal("0.00"))
    if amount > available:
        raise Refused(
            "insufficient_credit",
            _(
                "The customer has %(available)s %(invoice_currency)s of credit, not %(amount)s.",
                available=available,
                invoice_currency=invoice.currency,
                amount=amount,
            ),
            {"available": str(available), "currency": invoice.currency, "amount": str(amount)},
        )
    entries = _draw(sources, invoice, amount, user_id)
    ledger.resettle([invoice.id], {"credit_applied": str(amount)})
    for entry in entries:
        payment = db.session.get(Payment, entry.payment_id)
        notify.payment_event(
            payment, "CustomerCreditApplied", "payments_payment_updated", [invoice.id]
        )
    return invoice, entries


def _check_due(invoice, amount: Decimal) -> None:
    due = settlement.amount_due(invoice, ledger.paid_on(invoice.id))
    if amount > due:
        raise overpayment(invoice, amount, due)


def _sources(company_id: int, customer_id: int, currency: str) -> dict[Payment, Decimal]:
    """Unused credit per live overpaying payment (an archived payment's credit is not drawn:
    its allocations could no longer be written next to it)."""
    left = credit.left_by_payment(company_id, customer_id, currency)
    if not left:
        return {}
    live = db.session.scalars(select(Payment).where(Payment.id.in_(list(left))))
    payments = {p.id: p for p in live}
    return {payments[pid]: amount for pid, amount in left.items() if pid in payments}


def _draw(sources: dict, invoice, amount: Decimal, user_id) -> list:
    entries, wanted = [], amount
    for payment, left in sources.items():
        share = min(wanted, left)
        if share <= 0:
            break
        allocation = Allocation(
            company_id=payment.company_id,
            payment_id=payment.id,
            invoice_id=invoice.id,
            amount=share,
        )
        db.session.add(allocation)
        db.session.flush()
        entries.append(
            credit.add(
                payment,
                -share,
                credit.APPLIED,
                user_id,
                invoice_id=invoice.id,
                allocation_id=allocation.id,
            )
        )
        wanted -= share
    return entries
