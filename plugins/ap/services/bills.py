"""Vendor bills entered by hand or through the API: parse, check, store, match."""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError

from core.api import (
    ApiError,
    FieldErrors,
    ValidationFailed,
    bump_version,
    db,
    get_scoped,
    lock_in,
    text_field,
)
from core.api import gettext as _
from plugins.ap.models.bill import CREDIT_NOTE, DRAFT, INVOICE, Bill, BillLine
from plugins.ap.models.order import CLOSED, SENT, PurchaseOrder, PurchaseOrderLine
from plugins.ap.models.vendor import Vendor
from plugins.ap.services import duplicates, inputs, linking, match_run, notify, totals

KINDS = (INVOICE, CREDIT_NOTE)


def _parse(data: dict) -> dict:
    errors = FieldErrors()
    out = {
        "vendor_id": inputs.whole(data, "vendor_id", errors),
        "vendor_invoice_number": text_field(data, "vendor_invoice_number", errors, 100, True),
        "issue_date": inputs.date(data, "issue_date", errors),
        "due_date": inputs.date(data, "due_date", errors, required=False),
        "currency": inputs.currency(data, errors),
        "order_id": inputs.whole(data, "purchase_order_id", errors, required=False),
        "kind": data.get("kind") or INVOICE,
        "lines": inputs.lines(data, errors, inputs.bill_line),
    }
    if out["kind"] not in KINDS:
        errors["kind"] = _("must be one of %(names)s", names=", ".join(KINDS))
    _check_references(out, errors)
    errors.check()
    return out


def _check_references(out: dict, errors: FieldErrors) -> None:
    vendor = out["vendor_id"] and get_scoped(Vendor, out["vendor_id"])
    if out["vendor_id"] and vendor is None:
        errors["vendor_id"] = _("no such vendor")
    order = out["order_id"] and get_scoped(PurchaseOrder, out["order_id"])
    if out["order_id"] and order is None:
        errors["purchase_order_id"] = _("no such purchase order")
    elif order and vendor and order.vendor_id != vendor.id:
        errors["purchase_order_id"] = _("belongs to another vendor")
    for index, line in enumerate(out["lines"]):
        order = _check_line(line, f"lines[{index}].po_line_id", order, vendor, errors)
    if order and order.status not in (SENT, CLOSED):
        errors["purchase_order_id"] = _("only a sent or closed purchase order can be billed")
    elif order and order.currency != out["currency"]:
        errors["currency"] = _(
            "must be the purchase order's currency (%(order_currency)s)",
            order_currency=order.currency,
        )
    out["order_id"] = order.id if order else None


def _check_line(line: dict, key: str, order, vendor, errors: FieldErrors):
    """The bill's PO after this line: given, or the PO of its first explicit PO line."""
    if not line.get("order_line_id"):
        return order
    po_line = get_scoped(PurchaseOrderLine, line["order_line_id"])
    if po_line is None:
        errors[key] = _("no such purchase order line")
    elif order and po_line.order_id != order.id:
        errors[key] = _("is not a line of the bill's purchase order")
    elif vendor and po_line.order.vendor_id != vendor.id:
        errors[key] = _("belongs to a purchase order of another vendor")
    else:
        return po_line.order
    return order


def create(company_id: int, data: dict, user_id: int | None, source: str = "api") -> Bill:
    values = _parse(data)
    lines = values.pop("lines")
    bill = Bill(
        company_id=company_id,
        status=DRAFT,
        source=source,
        created_by_id=user_id,
        fiscal_year=values["issue_date"].year,
        warnings=[],
        **values,
    )
    for index, line in enumerate(lines):
        method = linking.EXPLICIT if line.get("order_line_id") else None
        bill.lines.append(
            BillLine(company_id=company_id, position=index + 1, link_method=method, **line)
        )
    totals.apply(bill, bill.lines, bill.currency)
    return store(bill)


def store(bill: Bill) -> Bill:
    """Check duplicates, insert, announce and run the first match."""
    duplicates.check(bill)
    db.session.add(bill)
    try:
        with db.session.begin_nested():
            db.session.flush()
    except IntegrityError:
        existing = duplicates.same_number(
            bill.company_id, bill.vendor_id, bill.vendor_invoice_number, bill.fiscal_year
        )
        if existing is None:
            raise
        raise duplicates.DuplicateBill(existing, "number") from None
    notify.announce("BillCreated", "bill_created", "bill", bill, {"source": bill.source})
    return match_run.run(bill)


def relink(bill: Bill, line_id: int, order_line_id: int | None) -> Bill:
    """Change by hand which PO line a bill line is for (None: unlink), then re-match."""
    bill = lock_in(
        Bill,
        bill.id,
        ("DRAFT", "MATCHED"),
        "bill_not_open",
        _("Only an open bill can be re-matched."),
    )
    line = next((row for row in bill.lines if row.id == line_id), None)
    if line is None:
        raise ApiError(404, "not_found", _("No line %(line_id)s on this bill.", line_id=line_id))
    if order_line_id is not None:
        po_line = get_scoped(PurchaseOrderLine, order_line_id)
        wrong_order = po_line and bill.order_id and po_line.order_id != bill.order_id
        if po_line is None or wrong_order or po_line.order.vendor_id != bill.vendor_id:
            raise ValidationFailed(
                {"po_line_id": _("is not a line of the bill's purchase order")},
                _("Pick a line of the bill's purchase order."),
            )
        bill.order_id = bill.order_id or po_line.order_id
    line.order_line_id = order_line_id
    line.link_method = linking.MANUAL
    bump_version(bill)
    db.session.flush()
    return match_run.run(bill)
