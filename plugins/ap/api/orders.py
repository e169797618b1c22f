"""/api/v1/purchase-orders: drafts, send (gapless PO/ number), close, cancel."""

from __future__ import annotations

from sqlalchemy import select

from core.api import (
    Transition,
    company_id,
    describe,
    get_or_404,
    idempotent,
    if_match,
    json_body,
    paginate,
    query_choice,
    query_id,
    read_record,
    require_permission,
    transition_routes,
    user_id,
    with_etag,
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
@describe(tags=TAGS, paginated=True, response=PURCHASE_ORDER)
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


@bp.post("/purchase-orders")
@require_permission(WRITE)
@idempotent
@describe(tags=TAGS, status=201, request=PO_REQUEST, response=PURCHASE_ORDER)
def orders_create():
    """Create a draft purchase order (no number until it is sent)."""
    order = orders.create(company_id(), json_body(), user_id())
    commit()
    return s.purchase_order(order), 201


@bp.get("/purchase-orders/<int:order_id>")
@require_permission(READ)
@describe(tags=TAGS, response=PURCHASE_ORDER, versioned=True)
def orders_read(order_id: int):
    """One purchase order with ordered, received, accepted and billed quantities per line."""
    return read_record(get_or_404(PurchaseOrder, order_id, "purchase order"), s.purchase_order)


@bp.patch("/purchase-orders/<int:order_id>")
@require_permission(WRITE)
@describe(tags=TAGS, request=PO_PATCH_REQUEST, response=PURCHASE_ORDER, versioned=True)
def orders_update(order_id: int):
    """Change a draft purchase order (``lines`` replaces all lines); 409 once sent.

    ``If-Match`` with the ``ETag`` of your GET: 409 ``stale_version`` if it was changed since.
    """
    order = get_or_404(PurchaseOrder, order_id, "purchase order")
    order = orders.update(order, json_body(), if_match(), s.purchase_order)
    commit()
    return with_etag(s.purchase_order(order), order)


def _finish(order):
    match_run.rematch_order(order.id)
    commit()
    return s.purchase_order(order)


transition_routes(
    bp,
    "/purchase-orders/<int:order_id>",
    "orders",
    load=lambda order_id: get_or_404(PurchaseOrder, order_id, "purchase order"),
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
