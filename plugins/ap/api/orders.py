"""/api/v1/purchase-orders: drafts, send (gapless PO/ number), close, cancel."""

from __future__ import annotations

from sqlalchemy import select

from core.api import (
    RecordRoute,
    Transition,
    describe,
    get_or_404,
    paginate,
    query_choice,
    query_id,
    record_routes,
    require_permission,
    transition_routes,
    user_id,
)
from plugins.ap.api import bp
from plugins.ap.api import serialize as s
from plugins.ap.api.common import commit
from plugins.ap.api.schemas import PO_PATCH_REQUEST, PO_REQUEST, PURCHASE_ORDER
from plugins.ap.models import PurchaseOrder
from plugins.ap.models.order import PO_STATUSES
from plugins.ap.permissions import READ, WRITE
from plugins.ap.services import billing_status, match_run, orders

TAGS = ("ap",)


@bp.get("/purchase-orders")
@require_permission(READ)
@describe(
    tags=TAGS, paginated=True, response=PURCHASE_ORDER,
    query={"status": {"type": "string", "enum": list(PO_STATUSES)},
           "vendor_id": {"type": "integer", "minimum": 0}},
)  # fmt: skip
def orders_list():
    """List purchase orders, newest first. Filters: ``status``, ``vendor_id``."""
    query = select(PurchaseOrder)
    if status := query_choice("status", PO_STATUSES):
        query = query.where(PurchaseOrder.status == status)
    if (vendor := query_id("vendor_id")) is not None:
        query = query.where(PurchaseOrder.vendor_id == vendor)
    page = paginate(query, order_by=(PurchaseOrder.id.desc(),), serialize=lambda o: o)
    billed = billing_status.billed_quantities([o.id for o in page["data"]])
    page["data"] = [s.purchase_order(o, billed) for o in page["data"]]
    return page


def _order(order_id: int) -> PurchaseOrder:
    return get_or_404(PurchaseOrder, order_id, "purchase order")


record_routes(
    bp, "/purchase-orders", "/purchase-orders/<int:order_id>", "orders",
    load=_order, serialize=s.purchase_order, tags=TAGS, response=PURCHASE_ORDER, commit=commit,
    create=RecordRoute(WRITE, "Create a draft purchase order (no number until it is sent).",
                       lambda company, body: orders.create(company, body, user_id()), PO_REQUEST),
    read=RecordRoute(READ, "One purchase order with ordered, received, accepted and billed "
                     "quantities per line."),
    update=RecordRoute(WRITE, "Change a draft purchase order (``lines`` replaces all lines); 409 "
                       "once sent.\n\n``If-Match`` with the ``ETag`` of your GET: 409 "
                       "``stale_version`` if it was changed since.",
                       orders.update, PO_PATCH_REQUEST, locks=True),
)  # fmt: skip


def _finish(order):
    match_run.rematch_order(order.id)
    commit()
    return s.purchase_order(order)


transition_routes(
    bp,
    "/purchase-orders/<int:order_id>",
    "orders",
    load=_order,
    finish=_finish,
    tags=TAGS,
    response=PURCHASE_ORDER,
    transitions=(
        Transition(
            "send",
            orders.send,
            WRITE,
            "Send a draft: it gets the next gapless ``PO/<year>/<n>`` number and becomes SENT.",
        ),
        Transition("close", orders.close, WRITE, "Close a sent purchase order: no more receipts."),
        Transition(
            "cancel",
            orders.cancel,
            WRITE,
            "Cancel a draft or sent purchase order against which nothing was received.",
        ),
    ),
)
