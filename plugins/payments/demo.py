"""Demo payments for ``flask demo``: a few receipts on the demo invoices, spread over recent
months, so the payment pages, receipts and the dashboard's cash chart have something to show.

Recorded through the real service (numbers, ledger, settlement, audit), like the invoicing
demo. Idempotent: nothing is added while the company has any payment.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import select

from core.api import Company, Scope, db, scoped
from plugins.invoicing.public import INVOICE, Invoice, settlement
from plugins.payments.models import Payment
from plugins.payments.services import record
from plugins.payments.services.inputs import PaymentInput

# A quarter of one overdue invoice (it stays overdue) and two invoices paid in full; invoices
# that credit notes correct are left alone, so the invoicing demo's figures stay as they are.
PARTIAL, FULL = Decimal("0.25"), Decimal("1")


def seed(company: Company) -> int:
    """Record the demo payments; returns how many were recorded (0 on a second run)."""
    with scoped(Scope(company_id=company.id)):
        if db.session.scalar(select(Payment.id).where(Payment.company_id == company.id)):
            return 0
        today = dt.date.today()
        made = 0
        for invoice, share in _plan(company.id):
            day = min(invoice.issue_date + dt.timedelta(days=7), today)
            amount = (invoice.amount_due * share).quantize(Decimal("0.01"))
            data = PaymentInput(
                customer_id=invoice.customer_id,
                amount=amount,
                currency=invoice.currency,
                method="bank_transfer",
                date=day,
                reference=f"Demo transfer for {invoice.number}",
                notes=None,
                provider_transaction_id=None,
                allocations=[(invoice.id, amount)],
            )
            record.record(company.id, data)
            made += 1
        return made


def _plan(company_id: int) -> list[tuple[Invoice, Decimal]]:
    open_ = [i for i in _open_invoices(company_id) if not settlement.credited(i)]
    overdue = [i for i in open_ if i.payment_status == "overdue"][:1]
    current = [i for i in open_ if i.payment_status != "overdue"][:2]
    return [(i, PARTIAL) for i in overdue] + [(i, FULL) for i in current]


def _open_invoices(company_id: int) -> list[Invoice]:
    query = (
        select(Invoice)
        .where(
            Invoice.company_id == company_id,
            Invoice.type == INVOICE,
            Invoice.status.in_(settlement.PAYABLE_STATUSES),
            Invoice.amount_due > 0,
            Invoice.currency == "AED",
        )
        .order_by(Invoice.issue_date, Invoice.id)
    )
    return list(db.session.scalars(query))
