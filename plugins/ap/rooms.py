"""Who may join the live room of an AP record: readers of AP in the record's company."""

from __future__ import annotations

from core.api import get_scoped
from plugins.ap.models import Bill, GoodsReceipt, PurchaseOrder
from plugins.ap.permissions import READ

MODELS = {"bill": Bill, "purchase_order": PurchaseOrder, "goods_receipt": GoodsReceipt}


def may_join(actor, kind: str, record_id) -> bool:
    if actor is None or not actor.can(READ) or not isinstance(record_id, int):
        return False
    return get_scoped(MODELS[kind], record_id) is not None  # runs in the actor's tenant scope


def authorize_room(actor, kind, record_id):
    """The ``authorize_room`` hook: AP's own room kinds only (None leaves others to decide)."""
    return may_join(actor, kind, record_id) if kind in MODELS else None
