"""/ap/purchase-orders/<id> and /ap/receipts/<id>: a PO with what was ordered, received,
accepted and billed per line, their receipts and audit timeline."""

from __future__ import annotations

import datetime as dt

from flask_login import login_required
from sqlalchemy import select

from core.api import audit_timeline, db, get_or_404, may, render, require
from plugins.ap.api import serialize
from plugins.ap.models import Bill, GoodsReceipt, PurchaseOrder
from plugins.ap.permissions import READ, WRITE
from plugins.ap.views import bp


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
