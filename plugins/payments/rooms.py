"""Who may join a payment's Socket.IO room: readers of that payment's company."""

from core.api import get_scoped
from plugins.payments.models import Payment
from plugins.payments.permissions import READ


def may_join(actor, record_id) -> bool:
    if actor is None or not actor.can(READ) or not isinstance(record_id, int):
        return False
    return get_scoped(Payment, record_id) is not None  # tenant scope hides other companies


def authorize_room(actor, kind, record_id):
    """The ``authorize_room`` hook: payment rooms only (None leaves other kinds to others)."""
    return may_join(actor, record_id) if kind == "payment" else None
