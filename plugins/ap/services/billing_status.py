"""Per PO line: how much was billed; per PO: nothing to bill, waiting bills, fully billed."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from sqlalchemy import func, select

from core.api import db
from plugins.ap.models.bill import INVOICE, REJECTED, Bill, BillLine
from plugins.ap.models.order import PurchaseOrder

NOTHING, WAITING, FULLY = "nothing_to_bill", "waiting_bills", "fully_billed"


def billed_quantities(order_ids) -> dict[int, Decimal]:
    query = (
        select(BillLine.order_line_id, func.sum(BillLine.quantity))
        .join(Bill, Bill.id == BillLine.bill_id)
        .where(Bill.order_id.in_(list(order_ids)), Bill.status != REJECTED, Bill.kind == INVOICE)
        .where(BillLine.order_line_id.is_not(None))
        .group_by(BillLine.order_line_id)
    )
    return defaultdict(Decimal, {row[0]: Decimal(row[1]) for row in db.session.execute(query)})


def status(order: PurchaseOrder, billed: dict[int, Decimal]) -> str:
    if order.status in ("DRAFT", "CANCELLED"):
        return NOTHING
    if order.lines and all(billed[line.id] >= line.quantity for line in order.lines):
        return FULLY
    if any(billed[line.id] < line.billable_quantity for line in order.lines):
        return WAITING
    return NOTHING
