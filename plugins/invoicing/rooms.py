"""Who may join an invoice's Socket.IO room: readers of that invoice's company (its editor's
room is core's ``edit.invoicing_invoice:<id>``, core/edit_rooms.py)."""

from core.api import get_scoped
from plugins.invoicing.models import Invoice
from plugins.invoicing.permissions import INVOICE_READ


def may_join(actor, record_id) -> bool:
    if actor is None or not actor.can(INVOICE_READ) or not isinstance(record_id, int):
        return False
    return get_scoped(Invoice, record_id) is not None  # tenant scope hides other companies


def authorize_room(actor, kind, record_id):
    """The ``authorize_room`` hook: invoice rooms only (None leaves other kinds to others)."""
    return may_join(actor, record_id) if kind == "invoice" else None
