"""What a receipt says, gathered from the database once; the layout only draws it."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select

from core.api import Company, _, db, format_date, format_datetime
from plugins.invoicing.public import Customer, Invoice
from plugins.payments.forms import method_label
from plugins.payments.labels import reference_shown
from plugins.payments.models import REVERSED, Payment
from plugins.payments.services import ledger
from plugins.payments.services.balance_after import balances_after


@dataclass(frozen=True)
class ReceiptLine:
    invoice_number: str
    applied: Decimal
    remaining: Decimal
    currency: str


@dataclass(frozen=True)
class Receipt:
    company: list[str]
    customer: list[str]
    number: str
    date: str
    recorded: str  # the moment it was entered, in the document's time zone
    method: str
    reference: str
    amount: Decimal
    currency: str
    lines: list[ReceiptLine]
    notice: str | None  # reversed / reversal: a receipt must never look like live money


def _address(party) -> list[str]:
    parts = [party.name]
    if party.trn:
        parts.append(f"TRN {party.trn}")
    street = ", ".join(p for p in (party.address_line1, party.city, party.country) if p)
    return [*parts, street] if street else parts


def _notice(payment: Payment) -> str | None:
    if payment.reversal_of_id:
        original = db.session.get(Payment, payment.reversal_of_id)
        return _("REVERSAL of payment %(number)s", number=original.number)
    if payment.status == REVERSED:
        reversal = db.session.scalar(select(Payment).where(Payment.reversal_of_id == payment.id))
        if reversal is None:
            return _("REVERSED: this payment no longer counts")
        return _(
            "REVERSED by %(number)s on %(date)s: this payment no longer counts",
            number=reversal.number,
            date=format_date(reversal.date),
        )
    return None


def _lines(payment: Payment) -> list[ReceiptLine]:
    # What the payment still covers per invoice (refunds taken off), next to what is left due.
    covered = ledger.net_by_invoice(payment)
    if payment.reversal_of_id or payment.status == REVERSED:
        covered = {a.invoice_id: a.amount for a in payment.allocations if not a.refund_id}
    invoices = {
        i.id: i for i in db.session.scalars(select(Invoice).where(Invoice.id.in_(covered))).unique()
    }
    # The balance right after this payment, not today's (later payments would show 0.00).
    after = balances_after(payment, invoices)
    return [
        ReceiptLine(
            invoice_number=invoices[i].number,
            applied=amount,
            remaining=after[i],
            currency=invoices[i].currency,
        )
        for i, amount in covered.items()
    ]


def gather(payment: Payment) -> Receipt:
    company = db.session.get(Company, payment.company_id)
    customer = db.session.get(Customer, payment.customer_id)
    return Receipt(
        company=_address(company),
        customer=_address(customer),
        number=payment.number,
        date=format_date(payment.date),
        recorded=format_datetime(payment.created_at),
        method=method_label(payment.method),
        reference=reference_shown(payment.reference, payment.reversal_of_id) or "-",
        amount=payment.amount,
        currency=payment.currency,
        lines=_lines(payment),
        notice=_notice(payment),
    )
