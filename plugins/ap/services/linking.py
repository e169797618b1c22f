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
    """The PO named by the bill's order reference (a sent or closed PO of the same vendor, in
    the bill's currency)."""
    if bill.order_id or not bill.order_reference:
        return bill.order
    query = select(PurchaseOrder).where(
        PurchaseOrder.number == bill.order_reference.strip(),
        PurchaseOrder.vendor_id == bill.vendor_id,
        PurchaseOrder.currency == bill.currency,
        PurchaseOrder.status.in_((SENT, CLOSED)),
    )
    return db.session.scalars(query).first()


def link(bill: Bill, order: PurchaseOrder | None) -> None:
    """(Re)link every bill line that was not linked explicitly or by hand."""
    kept = {line.order_line_id for line in bill.lines if line.link_method in KEPT}
    free = {po.id: po for po in (order.lines if order else []) if po.id not in kept}
    open_lines = []
    for line in bill.lines:
        if line.link_method not in KEPT:
            line.order_line_id, line.link_method = None, None
            open_lines.append(line)
    for method, key in (
        (REFERENCE, _reference_key),
        (ITEM_CODE, _item_key),
        (DESCRIPTION, _text_key),
    ):
        index = _index(free.values(), method)
        for line in open_lines:
            if line.link_method is None and (found := _take(index, key(line), free)) is not None:
                _set(line, found, method)
    for line in open_lines:
        if line.link_method is None and free and (found := _similar(line, free.values())):
            del free[found.id]
            _set(line, found, DESCRIPTION)


def _set(line, po_line, method: str) -> None:
    line.order_line_id, line.link_method, line.order_line = po_line.id, method, po_line


def _reference_key(item) -> str:
    return (item.order_line_reference or "").strip()


def _item_key(item) -> str:
    return (item.item_code or "").strip().casefold()


def _text_key(item) -> str:
    return item.description.strip().casefold()


def _index(po_lines, method: str) -> dict[str, list]:
    """PO lines by the key ``method`` compares, in PO order."""
    key = {REFERENCE: lambda po: str(po.position), ITEM_CODE: _item_key, DESCRIPTION: _text_key}
    index: dict[str, list] = {}
    for po in po_lines:
        index.setdefault(key[method](po), []).append(po)
    index.pop("", None)
    return index


def _take(index: dict[str, list], key: str, free: dict):
    """The first still-free PO line under ``key``, removed from ``free``."""
    for po in index.get(key, ()) if key else ():
        if po.id in free:
            return free.pop(po.id)
    return None


def _similar(line, candidates):
    text = _text_key(line)
    best, best_score = None, SIMILARITY
    for po in candidates:
        matcher = SequenceMatcher(None, text, _text_key(po))
        if matcher.real_quick_ratio() < best_score or matcher.quick_ratio() < best_score:
            continue
        score = matcher.ratio()
        if score >= best_score:
            best, best_score = po, score
    return best
