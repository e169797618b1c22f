"""Run the match of a bill against its PO and store the result; re-run it when things change.

The bill row is locked first and its status re-checked: an approved, paid or rejected bill is
never re-matched.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from sqlalchemy import func, select

from core.api import ApiError, db, hook, lock_or_404, status_word, utcnow
from core.api import gettext as _
from plugins.ap.models.bill import MATCHED, OPEN_STATUSES, PARTIAL_MATCH, REJECTED, Bill, BillLine
from plugins.ap.models.order import TWO_WAY, PurchaseOrderLine
from plugins.ap.services import linking, notify, settings
from plugins.ap.services.matching import (
    BillLineFacts,
    MatchResult,
    OrderLineFacts,
    match_bill,
)
from plugins.ap.services.numbers import money_text
from plugins.invoicing.public import amount_places


def run(bill: Bill, *, announce: bool = True, strict: bool = True) -> Bill:
    """Lock, re-check and match; a closed bill is a 409 (``strict``) or left as it is."""
    bill = lock_or_404(Bill, bill.id)
    if bill.status not in OPEN_STATUSES:
        if not strict:
            return bill
        raise ApiError(
            409, "bill_not_open",
            _("A bill that is %(bill_status)s cannot be matched again.",
              bill_status=status_word("ap_bill_status", bill.status)),
            {"status": bill.status},
        )  # fmt: skip
    order = linking.find_order(bill)
    if order is not None and bill.kind == "invoice":
        bill.order_id, bill.order = order.id, order
        linking.link(bill, order)
    _store(bill, compute(bill))
    if announce:
        data = {"match_status": bill.match_status}
        notify.announce("BillMatched", "bill_matched", "bill", bill, data)
    return bill


def _store(bill: Bill, result: MatchResult) -> None:
    stored = serialize(result, bill)
    stored["rules"] = _plugin_rules(bill, stored)
    if stored["rules"] and result.status != "NOT_MATCHED":
        stored["status"] = PARTIAL_MATCH
    bill.match_status, bill.match_result = stored["status"], stored
    bill.status, bill.matched_at = MATCHED, utcnow()
    db.session.flush()


def _plugin_rules(bill: Bill, match: dict) -> list[str]:
    """Reasons other plugins give (``ap_matching_rules``) why the bill is not matched."""
    answers = hook.ap_matching_rules(bill=bill, match=match)
    return [str(reason) for answer in answers for reason in (answer or [])]


def compute(bill: Bill) -> MatchResult:
    tol = settings.current(bill.company_id)
    places = amount_places(bill.currency)
    if bill.kind != "invoice":
        return match_bill([], bill.subtotal, False, tol, places)
    facts = _order_facts(bill)
    lines = [
        BillLineFacts(
            line.id,
            line.quantity,
            line.unit_price,
            line.net_amount,
            facts.get(line.order_line_id),
            line.link_method,
        )
        for line in bill.lines
    ]
    return match_bill(lines, bill.subtotal, bill.order_id is not None, tol, places)


def _order_facts(bill: Bill) -> dict[int, OrderLineFacts]:
    ids = {line.order_line_id for line in bill.lines if line.order_line_id}
    if not ids:
        return {}
    elsewhere = _billed_elsewhere(ids, bill.id)
    rows = db.session.scalars(select(PurchaseOrderLine).where(PurchaseOrderLine.id.in_(ids)))
    return {
        po.id: OrderLineFacts(
            po.id,
            po.description,
            po.quantity,
            po.accepted_quantity,
            po.unit_price,
            po.match_type == TWO_WAY,
            elsewhere.get(po.id, Decimal(0)),
        )
        for po in rows
    }


def _billed_elsewhere(order_line_ids, bill_id: int) -> dict[int, Decimal]:
    query = (
        select(BillLine.order_line_id, func.sum(BillLine.quantity))
        .join(Bill, Bill.id == BillLine.bill_id)
        .where(
            BillLine.order_line_id.in_(order_line_ids),
            Bill.id != bill_id,
            Bill.status != REJECTED,
            Bill.kind == "invoice",
        )
        .group_by(BillLine.order_line_id)
    )
    return defaultdict(Decimal, {row[0]: Decimal(row[1]) for row in db.session.execute(query)})


def serialize(result: MatchResult, bill: Bill) -> dict:
    places = amount_places(bill.currency)
    return {
        "status": result.status,
        "lines": [
            {
                "bill_line_id": line.bill_line_id,
                "link_method": line.link_method,
                **line.numbers,
                "state": line.state,
                "within_tolerance": line.state in ("full", "variance"),
                "reasons": line.reasons,
            }
            for line in result.lines
        ],
        "expected_total": money_text(result.expected_total, places),
        "total_variance": money_text(result.total_variance, places),
        "total_tolerance": money_text(result.total_tolerance, places),
        "total_state": result.total_state,
        "tolerances": settings.as_dict(settings.current(bill.company_id)),
    }


def rematch_order(order_id: int) -> list[Bill]:
    """Re-run the match of every open bill of this PO (after a receipt or a PO change)."""
    query = select(Bill.id).where(Bill.order_id == order_id, Bill.status.in_(OPEN_STATUSES))
    ids = db.session.scalars(query).all()
    # Approved in the meantime (by a transaction that held the bill's lock): left alone.
    return [run(db.session.get(Bill, bill_id), strict=False) for bill_id in ids]
