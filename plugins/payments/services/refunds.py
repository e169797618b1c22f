"""Refunds: requested → approved → processed, or rejected from either open state.

A refund is capped at what is left of its payment (amount minus refunds not rejected).
Processing it gives the money back out of the invoices the payment covered, newest allocation
first, as negative allocations: their amount due reopens by that much. Customer credit the
payment created and nobody used yet is paid back before any invoice reopens. A processed
refund is chained (``plugins/payments/chain/``).

Concurrency: a request locks its payment, a move locks its refund (and, to process, then the
payment), and every check runs on what the lock read: of simultaneous requests for the whole
amount one wins, of simultaneous moves of one refund one wins. Lock order: refund, payment,
invoices (by id), chain head; the same as a reversal from the payment on.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import func, select

from core.api import (
    Conflict,
    Refused,
    db,
    format_money,
    gettext,
    lock_checked,
    lock_for_update,
    lock_in,
    status_word,
    utcnow,
)
from plugins.invoicing.public import settlement
from plugins.payments import chain, credit
from plugins.payments.chain import records as chain_records
from plugins.payments.models import (
    APPROVED,
    POSTED,
    PROCESSED,
    REJECTED,
    REQUESTED,
    Allocation,
    Payment,
    Refund,
)
from plugins.payments.services import ledger, notify

KIND = "refund_status"  # the label kind of refund statuses (plugins/payments/labels.py)

MOVES = {
    "approve": ({REQUESTED}, APPROVED, "RefundApproved"),
    "process": ({APPROVED}, PROCESSED, "RefundProcessed"),
    "reject": ({REQUESTED, APPROVED}, REJECTED, "RefundRejected"),
}


def refundable(payment: Payment) -> Decimal:
    """What is left of ``payment`` to refund: its amount minus refunds not rejected."""
    taken = db.session.scalar(
        select(func.coalesce(func.sum(Refund.amount), 0)).where(
            Refund.payment_id == payment.id, Refund.status != REJECTED
        )
    )
    return payment.amount - Decimal(taken or 0)


def request_refund(payment: Payment, amount: Decimal, reason: str, user_id=None) -> Refund:
    payment = lock_checked(Payment, payment.id, _check_refundable)  # one request at a time
    left = refundable(payment)
    if amount > left:
        raise Refused(
            "refund_exceeds_payment",
            gettext(
                "Only %(left)s of %(payment_number)s is left to refund.",
                left=format_money(left, payment.currency),
                payment_number=payment.number,
            ),
            {"amount": str(amount), "refundable": str(left)},
        )
    refund = Refund(
        company_id=payment.company_id,
        payment=payment,
        amount=amount,
        reason=reason,
        status=REQUESTED,
        requested_by_id=user_id,
        requested_at=utcnow(),
    )
    db.session.add(refund)
    db.session.flush()
    notify.refund_event(refund, "RefundRequested", ledger.net_by_invoice(payment))
    return refund


def _check_refundable(payment: Payment) -> None:
    if payment.is_reversal or payment.status != POSTED:
        raise Conflict(
            "payment_not_refundable",
            gettext(
                "%(payment_number)s is %(value)s; only posted payments can be refunded.",
                payment_number=payment.number,
                value="a reversal" if payment.is_reversal else payment.status,
            ),
        )


def move(refund: Refund, action: str, reason: str | None = None) -> Refund:
    sources, target, event = MOVES[action]
    refund = lock_in(
        Refund,
        refund.id,
        sources,
        "invalid_transition",
        gettext("A {status} refund cannot be %(target)s.", target=status_word(KIND, target)),
        {"allowed_from": sorted(sources)},
        kind=KIND,
    )
    if target == PROCESSED:  # what the payment still covers must not move under us
        lock_for_update(Payment, refund.payment_id)
    covered = ledger.net_by_invoice(refund.payment)
    refund.status = target
    setattr(refund, f"{target}_at", utcnow())
    if target == REJECTED:
        refund.rejection_reason = reason
    if target == PROCESSED:
        _give_back(refund, covered)
    db.session.flush()
    if target == PROCESSED:
        chain_records.append_record(refund.company_id, chain.REFUND, refund.id)
    notify.refund_event(refund, event, covered)
    return refund


def _give_back(refund: Refund, covered: dict) -> None:
    if refund.payment.status != POSTED:
        raise Conflict("payment_not_refundable", gettext("The payment was reversed meanwhile."))
    for invoice_id in sorted(covered):  # invoices before the chain: the order record() locks
        settlement.lock(invoice_id)
    chain.hold(refund.company_id)
    left = refund.amount - _from_credit(refund)
    touched = []
    for invoice_id, amount in reversed(list(covered.items())):
        share = min(left, amount)
        if share <= 0:
            continue
        db.session.add(
            Allocation(
                company_id=refund.company_id,
                payment_id=refund.payment_id,
                invoice_id=invoice_id,
                amount=-share,
                refund_id=refund.id,
            )
        )
        touched.append(invoice_id)
        left -= share
    ledger.resettle(touched, {"payment_id": refund.payment_id, "refund_id": refund.id})


def _from_credit(refund: Refund) -> Decimal:
    """Pay back the payment's unused customer credit first; returns how much that covered."""
    _, unused = credit.of_payment(refund.payment_id)
    share = min(unused, refund.amount)
    if share > 0:
        credit.add(refund.payment, -share, credit.REFUNDED, refund_id=refund.id)
    return max(share, Decimal("0"))
