"""Who may join an invoice's Socket.IO room: readers of that invoice's company."""

from core.api import db
from plugins.invoicing.models import Invoice


def may_join(actor, record_id) -> bool:
    if actor is None or not actor.can("invoicing.invoice.read") or not isinstance(record_id, int):
        return False
    invoice = db.session.get(Invoice, record_id)  # tenant scope hides other companies' rows
    return invoice is not None and (actor.is_super_admin or invoice.company_id == actor.company_id)
