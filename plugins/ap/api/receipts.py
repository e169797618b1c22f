"""/api/v1/purchase-orders/<id>/receipts and /api/v1/goods-receipts: goods receipt notes."""

from __future__ import annotations

from sqlalchemy import select

from core.api import (
    describe,
    get_or_404,
    idempotent,
    json_body,
    paginate,
    query_id,
    require_permission,
    user_id,
)
from plugins.ap.api import bp
from plugins.ap.api import serialize as s
from plugins.ap.api.common import commit
from plugins.ap.api.schemas import RECEIPT, RECEIPT_REQUEST
from plugins.ap.models import GoodsReceipt, PurchaseOrder
from plugins.ap.permissions import READ, WRITE
from plugins.ap.services import receipts

TAGS = ("ap",)


@bp.post("/purchase-orders/<int:order_id>/receipts")
@require_permission(WRITE)
@idempotent
@describe(tags=TAGS, status=201, request=RECEIPT_REQUEST, response=RECEIPT)
def receipts_create(order_id: int):
    """Receive goods against a sent PO: per line received and accepted quantities.

    More than ordered is refused (422 ``over_receipt``) unless within the company's
    over-receipt tolerance; open bills of the PO are matched again."""
    receipt = receipts.post(
        get_or_404(PurchaseOrder, order_id, "purchase order"), json_body(), user_id()
    )
    commit()
    return s.receipt(receipt), 201


@bp.get("/purchase-orders/<int:order_id>/receipts")
@require_permission(READ)
@describe(tags=TAGS, paginated=True, response=RECEIPT)
def receipts_of_order(order_id: int):
    """The goods receipts of one purchase order, oldest first."""
    get_or_404(PurchaseOrder, order_id, "purchase order")
    query = select(GoodsReceipt).where(GoodsReceipt.order_id == order_id)
    return paginate(query, order_by=(GoodsReceipt.id,), serialize=s.receipt)


@bp.get("/goods-receipts")
@require_permission(READ)
@describe(
    tags=TAGS, paginated=True, response=RECEIPT,
    query={"purchase_order_id": {"type": "integer", "minimum": 0}},
)  # fmt: skip
def receipts_list():
    """All goods receipts, newest first; ``purchase_order_id`` filters."""
    query = select(GoodsReceipt)
    if (order := query_id("purchase_order_id")) is not None:
        query = query.where(GoodsReceipt.order_id == order)
    return paginate(query, order_by=(GoodsReceipt.id.desc(),), serialize=s.receipt)


@bp.get("/goods-receipts/<int:receipt_id>")
@require_permission(READ)
@describe(tags=TAGS, response=RECEIPT)
def receipts_read(receipt_id: int):
    """One goods receipt note."""
    return s.receipt(get_or_404(GoodsReceipt, receipt_id, "goods receipt"))
