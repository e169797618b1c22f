"""Who may join an invoice's Socket.IO rooms: readers of that invoice's company; its edit room
(``invoice_edit:<id>``, whose presence lists who has the editor open) only its writers."""

from core.api import get_scoped
from plugins.invoicing.models import Invoice
from plugins.invoicing.permissions import INVOICE_READ, INVOICE_WRITE


def may_join(actor, record_id, editing: bool = False) -> bool:
    if actor is None or not actor.can(INVOICE_READ) or not isinstance(record_id, int):
        return False
    if editing and not actor.can(INVOICE_WRITE):
        return False
    return get_scoped(Invoice, record_id) is not None  # tenant scope hides other companies


def authorize_room(actor, kind, record_id):
    """The ``authorize_room`` hook: invoice rooms only (None leaves other kinds to others)."""
    if kind not in ("invoice", "invoice_edit"):
        return None
    return may_join(actor, record_id, editing=kind == "invoice_edit")
