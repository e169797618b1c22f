"""Every payment change is announced twice: a domain event (audit log, other plugins) and a
small Socket.IO message. Both leave after commit; a rollback announces nothing.

The Socket.IO message goes once per invoice the payment touches, to the company room and that
invoice's room, and carries ``invoice_id``: an open invoice page picks out its own.
"""

from __future__ import annotations

from core.api import DomainEvent, emit, publish
from plugins.payments.models import Payment, Refund


def facts(payment: Payment) -> dict:
    return {
        "id": payment.id,
        "number": payment.number,
        "customer_id": payment.customer_id,
        "amount": str(payment.amount),
        "currency": payment.currency,
        "status": payment.status,
        "reversal_of": payment.reversal_of_id,
    }


def payment_event(payment: Payment, event: str, socket_event: str, invoice_ids) -> None:
    data = facts(payment)
    publish(DomainEvent(event, "payment", payment.id, payment.company_id, data))
    _broadcast(socket_event, data, payment.company_id, invoice_ids)


def refund_event(refund: Refund, event: str, invoice_ids) -> None:
    data = {
        "id": refund.id,
        "payment_id": refund.payment_id,
        "amount": str(refund.amount),
        "status": refund.status,
    }
    publish(DomainEvent(event, "refund", refund.id, refund.company_id, data))
    payment = {**facts(refund.payment), "refund": data}
    _broadcast("payments_payment_updated", payment, refund.company_id, invoice_ids)


def _broadcast(socket_event: str, data: dict, company_id: int, invoice_ids) -> None:
    for invoice_id in sorted(set(invoice_ids)):
        emit(socket_event, {**data, "invoice_id": invoice_id}, company_id, ("invoice", invoice_id))
