"""JSON shapes: amounts as strings with two decimals, dates as ISO strings."""

from __future__ import annotations

from decimal import Decimal

from plugins.payments.models import Payment, Refund

CENT = Decimal("0.01")


def amount(value) -> str | None:
    return None if value is None else str(Decimal(value).quantize(CENT))


def iso(value) -> str | None:
    return None if value is None else value.isoformat()


def payment(p: Payment) -> dict:
    return {
        "id": p.id,
        "number": p.number,
        "customer_id": p.customer_id,
        "amount": amount(p.amount),
        "currency": p.currency,
        "method": p.method,
        "date": iso(p.date),
        "reference": p.reference,
        "notes": p.notes,
        "provider_transaction_id": p.provider_transaction_id,
        "status": p.status,
        "reversal_of": p.reversal_of_id,
        "possible_duplicate": p.possible_duplicate,
        "allocations": [
            {"invoice_id": a.invoice_id, "amount": amount(a.amount), "refund_id": a.refund_id}
            for a in p.allocations
        ],
        "created_at": iso(p.created_at),
    }


def refund(r: Refund) -> dict:
    return {
        "id": r.id,
        "payment_id": r.payment_id,
        "amount": amount(r.amount),
        "reason": r.reason,
        "status": r.status,
        "requested_at": iso(r.requested_at),
        "approved_at": iso(r.approved_at),
        "processed_at": iso(r.processed_at),
        "rejected_at": iso(r.rejected_at),
        "rejection_reason": r.rejection_reason,
    }
