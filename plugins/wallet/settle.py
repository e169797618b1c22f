"""Settled requests become payments in the payments plugin; leaving Settled reverses them.

Called with the request row locked. The payment is in the invoice's currency: the tokens
received converted back at the request's rate. A PaidOver request follows the company's
overpayment policy: ``credit`` keeps the excess as customer credit; ``reject`` posts what was
due and records the excess units in ``refund_units`` for an offline refund.
"""

from __future__ import annotations

from decimal import Decimal

from core.api import DomainError, db
from plugins.payments.public import external
from plugins.wallet import state, units
from plugins.wallet.models import SETTLED

METHOD = "stablecoin"


def received(request) -> Decimal:
    return sum(
        (Decimal(p.amount_units) for p in state.counted(request, request.payments)), Decimal(0)
    )


def out_of_date(request, status: str) -> bool:
    """Does the payments ledger (or ``refund_units``) not match ``status`` yet?"""
    posted = request.payment_id is not None
    if posted != (status == SETTLED):
        return True
    return posted and received(request) - Decimal(request.posted_units) != request.refund_units


def follow(request, status: str) -> str | None:
    """Post or reverse so the payments ledger matches ``status``; return what happened."""
    if status == SETTLED and request.payment_id is None:
        return _post(request)
    if status != SETTLED and request.payment_id is not None:
        return _reverse(request)
    if request.payment_id is not None and out_of_date(request, status):
        request.refund_units = received(request) - Decimal(request.posted_units)
        return f"{int(request.refund_units)} units arrived beyond what was posted (refund due)"
    return None


def _post(request) -> str:
    total = received(request)
    posted = total
    if total > request.amount_units and not external.keeps_credit(request.company_id):
        posted = Decimal(request.amount_units)  # reject policy: post the due, refund the rest
    amount = units.back(posted, request.decimals, request.rate)
    last = max(state.counted(request, request.payments), key=lambda p: p.block_number)
    try:
        with db.session.begin_nested():  # a refusal leaves nothing half-written
            payment_id, credit = _record(request, amount, last)
    except DomainError as exc:  # e.g. the invoice was voided meanwhile: say so, keep watching
        return f"could not post payment: {exc.code}: {exc.message}"
    request.payment_id, request.posted_units = payment_id, posted
    request.refund_units = total - posted
    return f"posted payment {payment_id} of {amount}" + (f" ({credit} as credit)" if credit else "")


def _record(request, amount: Decimal, last):
    return external.record_invoice_payment(
        request.company_id,
        request.invoice_id,
        amount,
        method=METHOD,
        reference=last.tx_hash,
        on=last.block_time.date(),
        provider_transaction_id=f"wallet:{request.id}:{last.tx_hash}",
        notes=f"Stablecoin payment request {request.id} on chain {request.chain_id}",
    )


def _reverse(request) -> str:
    payment_id = request.payment_id
    reversal = external.reverse_payment(payment_id, "Stablecoin payment orphaned by a reorg")
    request.payment_id, request.refund_units, request.posted_units = None, Decimal(0), Decimal(0)
    return f"reversed payment {payment_id} (reversal {reversal})"
