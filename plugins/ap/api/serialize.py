"""JSON shapes of AP records: money as strings at the currency's places, dates in ISO form."""

from __future__ import annotations

from sqlalchemy.orm import lazyload, selectinload

from plugins.ap.models import Bill, BillLine, GoodsReceipt, PurchaseOrder, Vendor
from plugins.ap.services import billing_status
from plugins.ap.services.numbers import money_text, price_text, quantity_text
from plugins.ap.services.paying import ZERO, due
from plugins.ap.vendor_join import order_number_loaded, vendor_loaded
from plugins.invoicing.public import amount_places

VENDOR_FIELDS = (
    "id", "name", "trn", "vat_ids", "email", "phone", "address_line1", "address_line2", "city",
    "postal_code", "country", "emirate", "subdivision", "peppol_id", "legal_id", "legal_id_type",
    "legal_id_authority", "iban", "payment_terms_days", "created_by_import",
)  # fmt: skip


def iso(value) -> str | None:
    return None if value is None else value.isoformat()


def vendor(v: Vendor) -> dict:
    return {**{name: getattr(v, name) for name in VENDOR_FIELDS}, "created_at": iso(v.created_at)}


def purchase_order(order: PurchaseOrder, billed=None) -> dict:
    billed = billed if billed is not None else billing_status.billed_quantities([order.id])
    places = amount_places(order.currency)
    return {
        "id": order.id,
        "number": order.number,
        "status": order.status,
        "vendor_id": order.vendor_id,
        "vendor_name": order.vendor.name,
        "order_date": iso(order.order_date),
        "expected_date": iso(order.expected_date),
        "currency": order.currency,
        "notes": order.notes,
        "lines": [_order_line(line, billed[line.id], places) for line in order.lines],
        "subtotal": money_text(order.subtotal, places),
        "tax_total": money_text(order.tax_total, places),
        "total": money_text(order.total, places),
        "billing_status": billing_status.status(order, billed),
        "created_at": iso(order.created_at),
        "sent_at": iso(order.sent_at),
        "closed_at": iso(order.closed_at),
    }


def _line_columns(line, places: int) -> dict:
    """What a purchase-order line and a bill line share (``models.line.LineColumns``)."""
    return {
        "id": line.id,
        "description": line.description,
        "item_code": line.item_code,
        "quantity": quantity_text(line.quantity),
        "unit_code": line.unit_code,
        "unit_price": price_text(line.unit_price, places),
        "tax_category": line.tax_category,
        "tax_rate": quantity_text(line.tax_rate),
        "net_amount": money_text(line.net_amount, places),
    }


def _order_line(line, billed, places: int) -> dict:
    return {
        **_line_columns(line, places),
        "line_number": line.position,
        "match_type": line.match_type,
        "ordered_quantity": quantity_text(line.quantity),
        "received_quantity": quantity_text(line.received_quantity),
        "accepted_quantity": quantity_text(line.accepted_quantity),
        "rejected_quantity": quantity_text(line.received_quantity - line.accepted_quantity),
        "billed_quantity": quantity_text(billed),
    }


def receipt(r: GoodsReceipt) -> dict:
    return {
        "id": r.id,
        "number": r.number,
        "purchase_order_id": r.order_id,
        "purchase_order_number": r.order.number,
        "received_date": iso(r.received_date),
        "notes": r.notes,
        "lines": [
            {
                "id": line.id,
                "po_line_id": line.order_line_id,
                "description": line.order_line.description,
                "received_quantity": quantity_text(line.received_quantity),
                "accepted_quantity": quantity_text(line.accepted_quantity),
                "rejected_quantity": quantity_text(line.rejected_quantity),
                "rejection_reason": line.rejection_reason,
            }
            for line in r.lines
        ],
        "created_at": iso(r.created_at),
    }


def bill(b: Bill) -> dict:
    places = amount_places(b.currency)
    match = b.match_result or {"lines": [], "total_variance": None}
    return {
        "id": b.id,
        "kind": b.kind,
        "vendor_id": b.vendor_id,
        "vendor_name": b.vendor.name,
        "vendor_invoice_number": b.vendor_invoice_number,
        "version": b.version,
        "issue_date": iso(b.issue_date),
        "due_date": iso(b.due_date),
        "fiscal_year": b.fiscal_year,
        "currency": b.currency,
        "purchase_order_id": b.order_id,
        "purchase_order_number": b.order.number if b.order else None,
        "order_reference": b.order_reference,
        "status": b.status,
        "match_status": b.match_status,
        "match": match,
        "lines": [_bill_line(line, places) for line in b.lines],
        "subtotal": money_text(b.subtotal, places),
        "tax_total": money_text(b.tax_total, places),
        "total": money_text(b.total, places),
        "amount_paid": money_text(b.amount_paid or ZERO, places),
        "amount_due": money_text(due(b), places),
        "possible_duplicate_of": b.possible_duplicate_of_id,
        "source": b.source,
        "warnings": list(b.warnings or []),
        "override_reason": b.override_reason,
        "rejection_reason": b.rejection_reason,
        "approved_at": iso(b.approved_at),
        "paid_at": iso(b.paid_at),
        "created_at": iso(b.created_at),
    }


# What ``bill`` reads, for a page of bills: the vendor's name and the order's number (not the
# whole vendor, order, order's vendor and order lines the models join by default), from the
# list query's joins on the bill's own company (vendor_join), and the lines without the order
# line each one links to.
BILL_LOAD = (
    vendor_loaded(Bill).load_only(Vendor.name),
    *order_number_loaded(),
    selectinload(Bill.lines).lazyload(BillLine.order_line),
    lazyload(Bill.document),
)


def _bill_line(line, places: int) -> dict:
    return {
        **_line_columns(line, places),
        "order_line_reference": line.order_line_reference,
        "po_line_id": line.order_line_id,
        "link_method": line.link_method,
    }
