"""Purchase orders: drafts are edited freely; send gives the gapless ``PO/`` number.

DRAFT -> SENT -> CLOSED, or DRAFT/SENT -> CANCELLED while nothing was received.
"""

from __future__ import annotations

from core.api import (
    ApiError,
    FieldErrors,
    bump_version,
    check_version,
    db,
    get_scoped,
    lock_in,
    next_number,
    text_field,
)
from core.api import gettext as _
from plugins.ap.models.order import (
    CANCELLED,
    CLOSED,
    DRAFT,
    SENT,
    PurchaseOrder,
    PurchaseOrderLine,
)
from plugins.ap.models.vendor import Vendor
from plugins.ap.services import inputs, notify, totals

SENT_EVENT = ("PurchaseOrderSent", "po_sent", "purchase_order")
CLOSED_EVENT = ("PurchaseOrderClosed", "ap_po_changed", "purchase_order")
CANCELLED_EVENT = ("PurchaseOrderCancelled", "ap_po_changed", "purchase_order")


def _parse(data: dict, partial: bool) -> dict:
    errors, out = FieldErrors(), {}
    if not partial or "vendor_id" in data:
        out["vendor_id"] = inputs.whole(data, "vendor_id", errors)
    if not partial or "currency" in data:
        out["currency"] = inputs.currency(data, errors)
    if not partial or "order_date" in data:
        out["order_date"] = inputs.date(data, "order_date", errors)
    if not partial or "expected_date" in data:
        out["expected_date"] = inputs.date(data, "expected_date", errors, required=False)
    if not partial or "notes" in data:
        out["notes"] = text_field(data, "notes", errors, 2000)
    if not partial or "lines" in data:
        out["lines"] = inputs.lines(data, errors, inputs.order_line)
    if out.get("vendor_id") and get_scoped(Vendor, out["vendor_id"]) is None:
        errors["vendor_id"] = _("no such vendor")
    errors.check()
    return out


def _set_lines(order: PurchaseOrder, lines: list[dict]) -> None:
    order.lines = [
        PurchaseOrderLine(company_id=order.company_id, position=index + 1, **line)
        for index, line in enumerate(lines)
    ]
    totals.apply(order, order.lines, order.currency)


def create(company_id: int, data: dict, user_id: int | None) -> PurchaseOrder:
    values = _parse(data, partial=False)
    lines = values.pop("lines")
    order = PurchaseOrder(company_id=company_id, created_by_id=user_id, status=DRAFT, **values)
    _set_lines(order, lines)
    db.session.add(order)
    db.session.flush()
    notify.announce("PurchaseOrderCreated", "ap_po_changed", "purchase_order", order)
    return order


def update(order: PurchaseOrder, data: dict, expected_version=None, serialize=None):
    """Change a draft; ``expected_version`` (If-Match) is checked on the locked row."""
    order = lock_in(
        PurchaseOrder,
        order.id,
        (DRAFT,),
        "po_not_draft",
        _("Only draft purchase orders can be changed."),
    )
    check_version(order, expected_version, serialize)
    values = _parse(data, partial=True)
    lines = values.pop("lines", None)
    for name, value in values.items():
        setattr(order, name, value)
    if lines is not None:
        _set_lines(order, lines)
    else:
        totals.apply(order, order.lines, order.currency)
    bump_version(order)
    db.session.flush()
    notify.announce("PurchaseOrderUpdated", "ap_po_changed", "purchase_order", order)
    return order


def send(order: PurchaseOrder) -> PurchaseOrder:
    order = lock_in(
        PurchaseOrder,
        order.id,
        (DRAFT,),
        "po_not_draft",
        _("Only a draft purchase order can be sent."),
    )
    order.number = next_number(order.company_id, "PO", on=order.order_date)
    return notify.moved(order, SENT, "sent_at", SENT_EVENT, {"number": order.number})


def close(order: PurchaseOrder) -> PurchaseOrder:
    order = lock_in(
        PurchaseOrder,
        order.id,
        (SENT,),
        "po_not_sent",
        _("Only a sent purchase order can be closed."),
    )
    return notify.moved(order, CLOSED, "closed_at", CLOSED_EVENT)


def cancel(order: PurchaseOrder) -> PurchaseOrder:
    order = lock_in(
        PurchaseOrder,
        order.id,
        (DRAFT, SENT),
        "po_not_open",
        _("This purchase order is already closed or cancelled."),
    )
    if any(line.received_quantity for line in order.lines):
        raise ApiError(
            409, "po_has_receipts", _("Goods were received against this order: close it instead.")
        )
    return notify.moved(order, CANCELLED, "closed_at", CANCELLED_EVENT)
