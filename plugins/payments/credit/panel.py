"""The customer page's credit panel: unused credit per currency and every credit entry.

Rendered into invoicing's ``invoicing.customer.detail`` slot by payments' ``render_slot``
hookimpl; readers of payments only. The entries link to the payment the credit came from and
the invoice it was applied to.
"""

from __future__ import annotations

from flask import render_template
from markupsafe import Markup
from sqlalchemy import select

from core.api import current_actor, db
from plugins.payments import credit
from plugins.payments.archive.models import PaymentAny
from plugins.payments.permissions import READ
from plugins.payments.views.common import invoices_by_id

SLOT = "invoicing.customer.detail"
KIND_LABELS = {
    credit.OVERPAYMENT: "Overpayment kept",
    credit.APPLIED: "Applied to an invoice",
    credit.REVERSED: "Payment reversed",
    credit.REFUNDED: "Paid back by a refund",
}


def render_slot(slot: str, context: dict):
    customer = context.get("customer")
    actor = current_actor()
    if slot != SLOT or customer is None or actor is None or not actor.can(READ):
        return None
    entries = list(credit.entries(customer.company_id, customer.id))
    balance = credit.balance(customer.company_id, customer.id)
    return Markup(
        render_template(
            "payments/_customer_credit.html",
            customer=customer,
            unused={currency: amount for currency, amount in balance.items() if amount},
            entries=entries,
            payments=_payments(customer.company_id, {e.payment_id for e in entries}),
            invoices=invoices_by_id(e.invoice_id for e in entries if e.invoice_id),
            kind_label=lambda kind: KIND_LABELS.get(kind, kind),
        )
    )


def _payments(company_id: int, ids) -> dict[int, PaymentAny]:
    """The payments the credit came from, live or archived, in one query."""
    if not ids:
        return {}
    query = select(PaymentAny).where(PaymentAny.company_id == company_id, PaymentAny.id.in_(ids))
    return {p.id: p for p in db.session.scalars(query)}
