"""/ap/purchase-orders and /ap/receipts/<id>: POs with what was ordered, received, accepted and
billed per line, their receipts and audit timeline."""

from __future__ import annotations

import datetime as dt

from flask import request
from flask_login import login_required
from sqlalchemy import func, select

from core.api import audit_timeline, db, get_or_404, may, query_id, render, require
from plugins.ap.api import serialize
from plugins.ap.models import Bill, GoodsReceipt, PurchaseOrder, Vendor
from plugins.ap.models.order import PO_STATUSES
from plugins.ap.permissions import READ, WRITE
from plugins.ap.services import billing_status
from plugins.ap.views import bp
from plugins.ap.views.common import sorted_by

PAGE = 50
SORTS = {
    "order_date": PurchaseOrder.order_date,
    "total": PurchaseOrder.total,
    "id": PurchaseOrder.id,
}


@bp.get("/purchase-orders")
@login_required
def order_list():
    require(READ)
    query = select(PurchaseOrder)
    if request.args.get("status") in PO_STATUSES:
        query = query.where(PurchaseOrder.status == request.args["status"])
    if (vendor := query_id("vendor_id")) is not None:
        query = query.where(PurchaseOrder.vendor_id == vendor)
    if q := request.args.get("q", "").strip():
        query = query.where(PurchaseOrder.number.ilike(f"%{q}%"))
    total = db.session.scalar(select(func.count()).select_from(query.subquery()))
    query, sort = sorted_by(query, SORTS, "-id")
    rows = db.session.scalars(query.limit(PAGE)).all()
    billed = billing_status.billed_quantities([o.id for o in rows])
    shown = [serialize.purchase_order(o, billed) for o in rows]
    return render(
        "ap/order_list.html", block="table", rows=shown,
        total=total, sort=sort, args=request.args, statuses=PO_STATUSES,
        vendors=db.session.execute(select(Vendor.id, Vendor.name).order_by(Vendor.name)).all(),
    )  # fmt: skip


@bp.get("/purchase-orders/<int:order_id>")
@login_required
def order_detail(order_id: int):
    require(READ)
    order = get_or_404(PurchaseOrder, order_id)
    receipts = db.session.scalars(
        select(GoodsReceipt).where(GoodsReceipt.order_id == order.id).order_by(GoodsReceipt.id)
    ).all()
    order_bills = db.session.scalars(select(Bill).where(Bill.order_id == order.id)).all()
    return render(
        "ap/order_detail.html", block="order", order=order, po=serialize.purchase_order(order),
        receipts=receipts, bills=order_bills, can_write=may(WRITE), today=dt.date.today(),
        timeline=audit_timeline("purchase_order", order.id, order.company_id),
    )  # fmt: skip


@bp.get("/receipts/<int:receipt_id>")
@login_required
def receipt_detail(receipt_id: int):
    require(READ)
    receipt = get_or_404(GoodsReceipt, receipt_id)
    return render(
        "ap/receipt_detail.html", receipt=receipt,
        timeline=audit_timeline("goods_receipt", receipt.id, receipt.company_id),
    )  # fmt: skip
