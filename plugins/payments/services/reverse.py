"""Reversal: the correction of a posted payment is a new, linked record, never an edit.

The reversal carries the negative of what the payment still covers (refunds already processed
are not reversed twice) and mirrors it as negative allocations, so the invoices reopen.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from core.api import ApiError, db, next_number
from plugins.payments.models import (
    APPROVED,
    POSTED,
    REQUESTED,
    REVERSED,
    Allocation,
    Payment,
    Refund,
)
from plugins.payments.services import ledger, notify


def reverse(payment: Payment, reason: str | None, user_id: int | None = None) -> Payment:
    _check_reversible(payment)
    covered = ledger.net_by_invoice(payment)
    total = sum(covered.values())
    if total <= 0:
        raise ApiError(409, "nothing_to_reverse", "This payment was refunded in full already.")
    today = dt.date.today()
    reversal = Payment(
        company_id=payment.company_id,
        number=next_number(payment.company_id, "PAY", on=today),
        customer_id=payment.customer_id,
        amount=-total,
        currency=payment.currency,
        method=payment.method,
        date=today,
        reference=f"Reversal of {payment.number}",
        notes=reason,
        status=POSTED,
        reversal_of_id=payment.id,
        possible_duplicate=False,
        created_by_id=user_id,
    )
    reversal.allocations = [
        Allocation(company_id=payment.company_id, invoice_id=i, amount=-a)
        for i, a in covered.items()
        if a
    ]
    payment.status = REVERSED
    db.session.add(reversal)
    db.session.flush()
    ledger.resettle(covered, {"payment_id": payment.id, "reversal_id": reversal.id})
    notify.payment_event(payment, "PaymentReversed", "payment_deleted", covered)
    return reversal


def _check_reversible(payment: Payment) -> None:
    if payment.is_reversal:
        raise ApiError(409, "payment_is_reversal", "A reversal record cannot itself be reversed.")
    if payment.status == REVERSED:
        raise ApiError(409, "payment_already_reversed", f"{payment.number} is reversed already.")
    pending = db.session.scalar(
        select(Refund.id)
        .where(Refund.payment_id == payment.id, Refund.status.in_((REQUESTED, APPROVED)))
        .limit(1)
    )
    if pending is not None:
        raise ApiError(
            409,
            "refund_pending",
            "Process or reject the open refunds of this payment before reversing it.",
            {"refund_id": pending},
        )
