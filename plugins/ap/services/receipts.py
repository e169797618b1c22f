"""Goods receipts: what arrived against a sent PO line, and how much of it was accepted.

The PO lines are locked before their running totals are checked and raised, so two people
receiving the same line at once can never take it beyond the ordered quantity plus the
company's over-receipt tolerance.
"""

from __future__ import annotations

from decimal import Decimal

from core.api import ApiError, FieldErrors, ValidationFailed, db, lock_in, next_number, text_field
from core.api import gettext as _
from plugins.ap.models.order import SENT, PurchaseOrder, PurchaseOrderLine
from plugins.ap.models.receipt import GoodsReceipt, GoodsReceiptLine
from plugins.ap.services import inputs, match_run, notify, settings
from plugins.ap.services.locking import lock_many
from plugins.ap.services.numbers import quantity_text

HUNDRED = Decimal("100")


def _parse(data: dict) -> dict:
    errors = FieldErrors()
    out = {
        "received_date": inputs.date(data, "received_date", errors),
        "notes": text_field(data, "notes", errors, 2000),
        "lines": inputs.lines(data, errors, inputs.receipt_line),
    }
    ids = [line["order_line_id"] for line in out["lines"]]
    if len(ids) != len(set(ids)):
        errors["lines"] = _("name each PO line once")
    errors.check()
    return out


def post(order: PurchaseOrder, data: dict, user_id: int | None) -> GoodsReceipt:
    values = _parse(data)
    order = lock_in(
        PurchaseOrder,
        order.id,
        (SENT,),
        "po_not_sent",
        _("Goods can only be received against a sent purchase order."),
    )
    po_lines = {line.id: line for line in lock_many(PurchaseOrderLine, _ids(values))}
    _check(order, po_lines, values["lines"])
    receipt = GoodsReceipt(
        company_id=order.company_id,
        order_id=order.id,
        number=next_number(order.company_id, "GRN", on=values["received_date"]),
        received_date=values["received_date"],
        notes=values["notes"],
        created_by_id=user_id,
    )
    for line in values["lines"]:
        po_line = po_lines[line["order_line_id"]]
        po_line.received_quantity += line["received_quantity"]
        po_line.accepted_quantity += line["accepted_quantity"]
        receipt.lines.append(GoodsReceiptLine(company_id=order.company_id, **line))
    db.session.add(receipt)
    db.session.flush()
    notify.announce(
        "GoodsReceived",
        "goods_received",
        "goods_receipt",
        receipt,
        {"number": receipt.number, "purchase_order_id": order.id},
    )
    match_run.rematch_order(order.id)
    return receipt


def _ids(values: dict) -> list[int]:
    return [line["order_line_id"] for line in values["lines"]]


def _check(order: PurchaseOrder, po_lines: dict, lines: list[dict]) -> None:
    """Re-checked after the lock, on the totals as they are now."""
    errors = FieldErrors()
    over = settings.current(order.company_id).over_receipt_percent
    for index, line in enumerate(lines):
        po_line = po_lines.get(line["order_line_id"])
        if po_line is None or po_line.order_id != order.id:
            errors[f"lines[{index}].po_line_id"] = _("is not a line of this purchase order")
            continue
        limit = po_line.quantity * (1 + over / HUNDRED)
        if po_line.received_quantity + line["received_quantity"] > limit:
            room = max(limit - po_line.received_quantity, Decimal(0))
            errors[f"lines[{index}].received_quantity"] = _(
                "receives more than ordered: %(value)s more can be received (ordered "
                "%(value2)s, over-receipt tolerance %(over)s %%)",
                value=quantity_text(room),
                value2=quantity_text(po_line.quantity),
                over=over,
            )
    if errors and not _only_over(errors):
        raise ValidationFailed(errors, _("Some lines cannot be received."))
    if errors:
        raise ApiError(422, "over_receipt", _("Some lines cannot be received."), {"fields": errors})


def _only_over(errors: dict) -> bool:
    return all(key.endswith("received_quantity") for key in errors)
