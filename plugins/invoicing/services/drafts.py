"""Draft invoices: create, update, delete, duplicate. Only drafts may change."""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager
from decimal import Decimal

from sqlalchemy.exc import DBAPIError

from core.api import (
    MAX_ID,
    Conflict,
    ValidationFailed,
    bump_version,
    db,
    status_word,
    whole_number,
)
from core.api import gettext as _
from plugins.einvoice.public import codes
from plugins.invoicing import mapping
from plugins.invoicing.models import CREDIT_NOTE, DRAFT, INVOICE, Customer, Invoice, Line
from plugins.invoicing.services import limits, notify
from plugins.invoicing.services import validation as v

HEADER_TEXT = {"buyer_reference": 200, "order_reference": 200, "notes": 2000}
MAX_LINES = 1000


def require_draft(invoice: Invoice) -> None:
    if invoice.status != DRAFT:
        raise Conflict(
            "invoice_not_draft",
            _(
                "Invoice %(value)s is %(invoice_status)s; only drafts can change.",
                value=invoice.number or invoice.id,
                invoice_status=status_word("status", invoice.status),
            ),
            {"status": invoice.status},
        )


def _customer(company_id: int, value, errors) -> Customer | None:
    if value in (None, ""):
        errors["customer_id"] = _("is required")
        return None
    customer_id = whole_number(value, "customer_id", errors, 1, MAX_ID)
    if customer_id is None:
        return None
    customer = db.session.get(Customer, customer_id)
    if customer is None or customer.company_id != company_id:
        errors["customer_id"] = _("no such customer")
        return None
    return customer


def parse_header(company_id: int, data: dict, partial: bool) -> dict:
    if not isinstance(data, dict):
        raise ValidationFailed({"(body)": _("must be an object")})
    errors = v.Errors()

    def wanted(name: str) -> bool:
        return not partial or name in data

    out = {}
    if wanted("customer_id"):
        out["customer"] = _customer(company_id, data.get("customer_id"), errors)
    for name, max_len in HEADER_TEXT.items():
        if wanted(name):
            out[name] = v.text(data, name, errors, max_len)
    for name in ("issue_date", "due_date"):
        if wanted(name):
            out[name] = v.date(data, name, errors)
    for name, read in HEADER_READERS:
        if wanted(name):
            out[name] = read(data, errors)
    errors.check()
    return out


def _currency(data: dict, errors) -> str:
    currency = (v.text(data, "currency", errors, 3) or "AED").upper()
    if not codes.is_currency(currency):
        errors["currency"] = _("must be an ISO 4217 currency code")
    return currency


def _exchange_rate(data: dict, errors) -> Decimal | None:
    rate = v.decimal(data, "exchange_rate", errors, default=Decimal("1"))
    if rate is not None and rate <= 0:
        errors["exchange_rate"] = _("must be positive")
    return rate


def _credit_reason(data: dict, errors) -> str | None:
    raw = v.text(data, "credit_reason", errors, 12)
    return v.code(raw, "credit_reason", codes.CREDIT_NOTE_REASONS, errors)


def _payment_iban(data: dict, errors) -> str | None:
    return v.iban(v.text(data, "payment_iban", errors, 34), errors)


def _lines(data: dict, errors) -> list[dict]:
    return parse_lines(data.get("lines"), errors)


# The header fields read by a function of their own, in the order they are checked.
HEADER_READERS = (
    ("currency", _currency),
    ("exchange_rate", _exchange_rate),
    ("credit_reason", _credit_reason),
    ("payment_iban", _payment_iban),
    ("lines", _lines),
)


def parse_lines(items, errors) -> list[dict]:
    if items is None:
        return []
    if not isinstance(items, list) or len(items) > MAX_LINES:
        errors["lines"] = _("must be a list of at most %(MAX_LINES)s lines", MAX_LINES=MAX_LINES)
        return []
    return [_line(item, f"lines[{i}]", errors) for i, item in enumerate(items)]


def _line(item, prefix: str, errors) -> dict:
    if not isinstance(item, dict):
        errors[prefix] = _("must be an object")
        return {}
    local = v.Errors()
    out = {
        "description": v.text(item, "description", local, 500, required=True),
        "quantity": v.decimal(item, "quantity", local),
        "unit_price": v.decimal(item, "unit_price", local, minimum=Decimal("0")),
        "allowance": v.decimal(item, "allowance", local, default=Decimal("0"), minimum=0, places=2),
        "unit_code": (v.text(item, "unit_code", local, 8) or "C62").upper(),
        "tax_category": (v.text(item, "tax_category", local, 4) or "S").upper(),
        "exemption_reason": v.text(item, "exemption_reason", local, 300),
        "exemption_code": v.exemption_code(v.text(item, "exemption_code", local, 30), local),
        "gtin": v.gtin(v.text(item, "gtin", local, 14), local),
        "goods_type": v.code(
            v.text(item, "goods_type", local, 12), "goods_type", codes.REVERSE_CHARGE_GOODS, local
        ),
    }
    out["tax_rate"] = _rate(item, out["tax_category"], local)
    _check_line_size(out, local)
    _check_tax(out, local)
    errors.update({f"{prefix}.{name}": message for name, message in local.items()})
    return out


def _check_line_size(line: dict, errors) -> None:
    """quantity × unit price below 10^12: with at most MAX_LINES lines and VAT of at most
    100 % every total stays below 2 × 10^15, inside NUMERIC(18, 2) on both databases."""
    quantity, price = line["quantity"], line["unit_price"]
    if quantity is not None and price is not None and abs(quantity * price) >= v.LIMIT:
        errors["unit_price"] = _("quantity × unit price must be below 1000000000000")


def _rate(item, category: str, errors) -> Decimal | None:
    default = Decimal(codes.UAE_STANDARD_RATE) if category == "S" else Decimal("0")
    rate = v.decimal(item, "tax_rate", errors, default=default, minimum=Decimal("0"), places=2)
    if rate is not None and rate > 100:
        errors["tax_rate"] = _("must be a percentage between 0 and 100")
    return rate


def _check_tax(line: dict, errors) -> None:
    category = line["tax_category"]
    if category not in codes.VAT_CATEGORIES:
        errors["tax_category"] = _(
            "must be one of %(names)s", names=", ".join(codes.VAT_CATEGORIES)
        )
    elif category == "S" and not line["tax_rate"]:
        errors["tax_rate"] = _("a standard-rated line needs a rate above 0")
    elif category in codes.ZERO_TAX and line["tax_rate"]:
        errors["tax_rate"] = _("category %(category)s carries a 0 rate", category=category)
    if category in codes.EXEMPTION_REQUIRED and not line["exemption_reason"]:
        errors["exemption_reason"] = _(
            "category %(category)s needs an exemption reason", category=category
        )
    if line["unit_code"] not in codes.UNIT_CODES:
        errors["unit_code"] = _("is not a UN/ECE Rec 20 unit code we know (e.g. C62, H87, HUR)")


def _apply(invoice: Invoice, values: dict) -> None:
    lines = values.pop("lines", None)
    customer = values.pop("customer", None)
    if customer is not None:
        invoice.customer = customer
        invoice.customer_id = customer.id
    for name, value in values.items():
        if value is not None or name in ("due_date", *HEADER_TEXT, "payment_iban", "credit_reason"):
            setattr(invoice, name, value)
    if invoice.issue_date is None:
        invoice.issue_date = dt.date.today()
    if lines is not None:
        invoice.lines = [
            Line(company_id=invoice.company_id, position=i, **line)
            for i, line in enumerate(lines, start=1)
        ]
    _refresh_line_totals(invoice)


def _refresh_line_totals(invoice: Invoice) -> None:
    if not invoice.lines:
        return
    nets = mapping.live_totals(invoice).line_nets
    for line, net in zip(invoice.lines, nets, strict=True):
        line.line_total = net


def create(company_id: int, data: dict, type_: str = INVOICE, original=None) -> Invoice:
    if type_ == INVOICE:
        limits.check_can_create(company_id)
    values = parse_header(company_id, data, partial=False)
    invoice = Invoice(company_id=company_id, type=type_, status=DRAFT, payment_status="unpaid")
    if original is not None:
        invoice.credit_note_of = original
    _apply(invoice, values)
    if invoice.due_date is None and type_ == INVOICE:
        days = invoice.customer.payment_terms_days
        invoice.due_date = invoice.issue_date + dt.timedelta(days=days)
    db.session.add(invoice)
    db.session.flush()
    notify.changed(invoice, "InvoiceCreated", "invoicing_invoice_created")
    return invoice


def require_credit_reason(data: dict | None) -> None:
    """A credit note says why (UAE VAT law Art. 61; PINT-AE ibr-158-ae): 422 without one."""
    if not (data or {}).get("credit_reason"):
        message = _("Choose the reason for the credit note (UAE VAT law, Art. 61).")
        raise ValidationFailed({"credit_reason": _("is required")}, message)


def update(invoice: Invoice, data: dict) -> Invoice:
    require_draft(invoice)
    if invoice.type == CREDIT_NOTE and "credit_reason" in (data or {}):
        require_credit_reason(data)  # a credit note's reason may change, not go
    values = parse_header(invoice.company_id, data, partial=True)
    with _still_draft(invoice):
        _apply(invoice, values)  # its reads autoflush: the UPDATE may go out here already
        bump_version(invoice)
        db.session.flush()
    notify.edited(invoice)
    return invoice


def delete(invoice: Invoice) -> None:
    require_draft(invoice)
    notify.changed(invoice, "InvoiceDeleted", "invoicing_invoice_deleted")
    with _still_draft(invoice):
        db.session.delete(invoice)
        db.session.flush()


@contextmanager
def _still_draft(invoice: Invoice):
    """Around the writes of a draft's change. A finalize locks the draft's row before it
    queues for the company's chain lock: a save or delete arriving meanwhile waits, then
    meets the trigger that freezes what was sealed (PostgreSQL): the same 409 as
    ``require_draft`` then, not a 500."""
    try:
        yield
    except DBAPIError as exc:
        if "invoice_not_draft" not in str(exc.orig):
            raise
        db.session.rollback()
        require_draft(invoice)  # read afresh after the rollback: finalized meanwhile
        raise


def duplicate(invoice: Invoice) -> Invoice:
    if invoice.type == INVOICE:
        limits.check_can_create(invoice.company_id)
    copy = Invoice(
        company_id=invoice.company_id,
        type=invoice.type,
        status=DRAFT,
        payment_status="unpaid",
        customer=invoice.customer,
        issue_date=dt.date.today(),
        currency=invoice.currency,
        exchange_rate=invoice.exchange_rate,
        buyer_reference=invoice.buyer_reference,
        order_reference=invoice.order_reference,
        notes=invoice.notes,
        payment_iban=invoice.payment_iban,
        credit_note_of_id=invoice.credit_note_of_id if invoice.type == CREDIT_NOTE else None,
        credit_reason=invoice.credit_reason,
    )
    copy.due_date = copy.issue_date + dt.timedelta(days=invoice.customer.payment_terms_days)
    copy.lines = [
        Line(
            company_id=invoice.company_id,
            position=line.position,
            description=line.description,
            quantity=line.quantity,
            unit_code=line.unit_code,
            unit_price=line.unit_price,
            allowance=line.allowance,
            tax_category=line.tax_category,
            tax_rate=line.tax_rate,
            exemption_reason=line.exemption_reason,
            exemption_code=line.exemption_code,
            gtin=line.gtin,
            goods_type=line.goods_type,
            line_total=line.line_total,
        )
        for line in invoice.lines
    ]
    db.session.add(copy)
    db.session.flush()
    notify.changed(
        copy, "InvoiceCreated", "invoicing_invoice_created", {"duplicate_of": invoice.id}
    )
    return copy
