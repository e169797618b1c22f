"""Who may join an invoice's Socket.IO room: readers of that invoice's company."""

from core.api import get_scoped
from plugins.invoicing.models import Invoice


def may_join(actor, record_id) -> bool:
    if actor is None or not actor.can("invoicing.invoice.read") or not isinstance(record_id, int):
        return False
    return get_scoped(Invoice, record_id) is not None  # tenant scope hides other companies
