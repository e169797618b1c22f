"""/api/v1/bills/<id>/payments: pay approved vendor bills (partially or in full), reverse."""

from __future__ import annotations

from sqlalchemy import select

from core.api import (
    describe,
    get_or_404,
    idempotent,
    json_body,
    paginate,
    require_permission,
    user_id,
)
from plugins.ap.api import bp
from plugins.ap.api.common import commit
from plugins.ap.api.schemas import PAYMENT, PAYMENT_REQUEST, REVERSE_REQUEST
from plugins.ap.api.serialize import iso
from plugins.ap.models import Bill, BillPayment
from plugins.ap.permissions import READ
from plugins.ap.services import paying
from plugins.ap.services.numbers import money_text
from plugins.invoicing.public import amount_places

TAGS = ("ap",)


def payment(row: BillPayment, bill: Bill) -> dict:
    places = amount_places(bill.currency)
    return {
        "id": row.id,
        "bill_id": row.bill_id,
        "amount": money_text(row.amount, places),
        "currency": row.currency,
        "method": row.method,
        "date": iso(row.paid_on),
        "reference": row.reference,
        "notes": row.notes,
        "reversal_of": row.reversal_of_id,
        "reversed_by": None if row.reversal_of_id else paying.reversed_by(row.id),
        "created_at": iso(row.created_at),
        "bill": {
            "id": bill.id,
            "status": bill.status,
            "amount_paid": money_text(bill.amount_paid, places),
            "amount_due": money_text(paying.due(bill), places),
        },
    }


@bp.get("/bills/<int:bill_id>/payments")
@require_permission(READ)
@describe(tags=TAGS, paginated=True, response=PAYMENT)
def bill_payments_list(bill_id: int):
    """The bill's payments and reversals, oldest first."""
    bill = get_or_404(Bill, bill_id, "bill")
    query = select(BillPayment).where(BillPayment.bill_id == bill.id)
    return paginate(query, order_by=(BillPayment.id,), serialize=lambda r: payment(r, bill))


@bp.post("/bills/<int:bill_id>/payments")
@require_permission("ap.pay")
@idempotent
@describe(tags=TAGS, request=PAYMENT_REQUEST, response=PAYMENT, status=201)
def bill_payments_create(bill_id: int):
    """Pay an APPROVED (or PARTIALLY_PAID) bill: ``amount`` (at most what is still due),
    ``method``, ``date`` (default today), ``reference``. The bill becomes PARTIALLY_PAID, or
    PAID once paid in full; 409 ``bill_not_approved`` for any other status."""
    bill = get_or_404(Bill, bill_id, "bill")
    row = paying.pay(bill.id, json_body(), user_id())
    commit()
    return payment(row, db_bill(bill.id)), 201


@bp.post("/bills/<int:bill_id>/payments/<int:payment_id>/reverse")
@require_permission("ap.pay")
@idempotent
@describe(tags=TAGS, request=REVERSE_REQUEST, response=PAYMENT, status=201)
def bill_payments_reverse(bill_id: int, payment_id: int):
    """Reverse a payment with a ``reason``: a new negative record (the original is never
    changed); the bill moves back to PARTIALLY_PAID or APPROVED."""
    bill = get_or_404(Bill, bill_id, "bill")
    row = paying.reverse(bill.id, payment_id, json_body().get("reason"), user_id())
    commit()
    return payment(row, db_bill(bill.id)), 201


def db_bill(bill_id: int) -> Bill:
    from core.api import db

    return db.session.get(Bill, bill_id)
