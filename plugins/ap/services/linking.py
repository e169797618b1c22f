"""Which PO line a bill line is for.

Explicit (``po_line_id``, or changed by hand on the review page) always wins. The others are
found in this order: the document's order line reference (the PO line number), then the item
code, then the most similar description (difflib's ratio, at least ``SIMILARITY``). Each PO
line is found automatically for at most one bill line.
"""

from __future__ import annotations

from difflib import SequenceMatcher

from sqlalchemy import select

from core.api import db
from plugins.ap.models.bill import Bill
from plugins.ap.models.order import CLOSED, SENT, PurchaseOrder

EXPLICIT, MANUAL = "explicit", "manual"
REFERENCE, ITEM_CODE, DESCRIPTION = "order_line_reference", "item_code", "description"
KEPT = (EXPLICIT, MANUAL)
SIMILARITY = 0.6


def find_order(bill: Bill) -> PurchaseOrder | None:
    """The PO named by the bill's order reference (a sent or closed PO of the same vendor)."""
    if bill.order_id or not bill.order_reference:
        return bill.order
    query = select(PurchaseOrder).where(
        PurchaseOrder.number == bill.order_reference.strip(),
        PurchaseOrder.vendor_id == bill.vendor_id,
        PurchaseOrder.status.in_((SENT, CLOSED)),
    )
    return db.session.scalars(query).first()


def link(bill: Bill, order: PurchaseOrder | None) -> None:
    """(Re)link every bill line that was not linked explicitly or by hand."""
    free = list(order.lines) if order else []
    taken = {line.order_line_id for line in bill.lines if line.link_method in KEPT}
    for line in bill.lines:
        if line.link_method in KEPT:
            continue
        line.order_line_id, line.link_method = None, None
    for method, find in (
        (REFERENCE, _by_reference),
        (ITEM_CODE, _by_item),
        (DESCRIPTION, _by_text),
    ):
        for line in bill.lines:
            if line.link_method is None:
                candidates = [po for po in free if po.id not in taken]
                chosen = find(line, candidates)
                if chosen is not None:
                    line.order_line_id, line.link_method = chosen.id, method
                    line.order_line = chosen
                    taken.add(chosen.id)


def _by_reference(line, candidates):
    ref = (line.order_line_reference or "").strip()
    if not ref:
        return None
    return next((po for po in candidates if str(po.position) == ref), None)


def _by_item(line, candidates):
    code = (line.item_code or "").strip().casefold()
    if not code:
        return None
    return next((po for po in candidates if (po.item_code or "").strip().casefold() == code), None)


def _by_text(line, candidates):
    text = line.description.casefold()
    best, best_score = None, SIMILARITY
    for po in candidates:
        matcher = SequenceMatcher(None, text, po.description.casefold())
        if matcher.real_quick_ratio() < best_score or matcher.quick_ratio() < best_score:
            continue
        score = matcher.ratio()
        if score >= best_score:
            best, best_score = po, score
    return best
