"""Every change is announced twice: a domain event (audit log, other plugins) and a small
Socket.IO message to the company room and the invoice's own room. Both leave after commit."""

from __future__ import annotations

from core.api import DomainEvent, current_actor, emit, publish
from plugins.invoicing.models import Invoice


def facts(invoice: Invoice) -> dict:
    return {
        "id": invoice.id,
        "number": invoice.number,
        "type": invoice.type,
        "status": invoice.status,
        "payment_status": invoice.payment_status,
    }


def changed(invoice: Invoice, event: str, socket_event: str, extra: dict | None = None) -> None:
    data = {**facts(invoice), **(extra or {})}
    publish(DomainEvent(event, "invoice", invoice.id, invoice.company_id, data))
    emit(socket_event, data, invoice.company_id, record=("invoice", invoice.id))


def status_changed(invoice: Invoice, event: str, previous: str, extra: dict | None = None):
    data = {**facts(invoice), "previous_status": previous, **(extra or {})}
    publish(DomainEvent(event, "invoice", invoice.id, invoice.company_id, data))
    emit("invoicing_status_changed", data, invoice.company_id, record=("invoice", invoice.id))


def edited(invoice: Invoice) -> None:
    """A user's save of a draft: the new version and who saved it travel with the event, so
    an editor open elsewhere can say at once that its form is now behind."""
    actor = current_actor()
    by = {"by_user_id": actor.user_id, "by": actor.display_name} if actor is not None else {}
    changed(
        invoice, "InvoiceUpdated", "invoicing_invoice_updated", {"version": invoice.version, **by}
    )
