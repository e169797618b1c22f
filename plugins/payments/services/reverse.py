"""Reversal: the correction of a posted payment is a new, linked record, never an edit.

The reversal carries the negative of what the payment still covers (refunds already processed
are not reversed twice) and mirrors it as negative allocations, so the invoices reopen.
Customer credit the payment created and nobody used yet is taken back with it (a ``reversed``
credit entry); once any of that credit paid an invoice the reversal is refused.

Concurrency: the payment row is locked first and every check runs on what the lock read, so
of many simultaneous reversals one wins and the others see ``payment_already_reversed``.
Lock order: payment, its invoices (by id), the chain head.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from core.api import Conflict, db, lock_checked, next_number
from core.api import gettext as _
from plugins.invoicing.public import settlement
from plugins.payments import chain, credit
from plugins.payments.chain import records as chain_records
from plugins.payments.labels import reversal_reference
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
    payment = lock_checked(Payment, payment.id, _check_reversible)
    covered = ledger.net_by_invoice(payment)
    for invoice_id in sorted(covered):  # invoices before the chain: the order record() locks
        settlement.lock(invoice_id)
    chain.hold(payment.company_id)
    unused_credit = _check_credit_unused(payment)
    total = sum(covered.values()) + unused_credit
    if total <= 0:
        raise Conflict("nothing_to_reverse", _("This payment was refunded in full already."))
    today = dt.date.today()
    reversal = Payment(
        company_id=payment.company_id,
        number=next_number(payment.company_id, "PAY", on=today),
        customer_id=payment.customer_id,
        amount=-total,
        currency=payment.currency,
        method=payment.method,
        date=today,
        reference=reversal_reference(payment.number),
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
    chain_records.append_record(payment.company_id, chain.REVERSAL, reversal.id)
    if unused_credit > 0:
        credit.add(payment, -unused_credit, credit.REVERSED, user_id, reversal_id=reversal.id)
    notify.payment_event(payment, "PaymentReversed", "payments_payment_deleted", covered)
    return reversal


def _check_credit_unused(payment: Payment):
    """The payment's unused credit; 409 ``credit_already_used`` if some was applied."""
    applied, unused = credit.of_payment(payment.id)
    if applied > 0:
        raise Conflict(
            "credit_already_used",
            _(
                "%(applied)s of the customer credit %(payment_number)s created was "
                "already used on invoices, so it cannot be reversed; request a refund "
                "instead.",
                applied=applied,
                payment_number=payment.number,
            ),
            {"payment_id": payment.id, "credit_used": str(applied)},
        )
    return unused


def _check_reversible(payment: Payment) -> None:
    if payment.is_reversal:
        raise Conflict("payment_is_reversal", _("A reversal record cannot itself be reversed."))
    if payment.status == REVERSED:
        raise Conflict(
            "payment_already_reversed",
            _("%(payment_number)s is reversed already.", payment_number=payment.number),
        )
    pending = db.session.scalar(
        select(Refund.id)
        .where(Refund.payment_id == payment.id, Refund.status.in_((REQUESTED, APPROVED)))
        .limit(1)
    )
    if pending is not None:
        raise Conflict(
            "refund_pending",
            _("Process or reject the open refunds of this payment before reversing it."),
            {"refund_id": pending},
        )
