"""JSON shapes: amounts as strings with two decimals, dates as ISO strings."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from types import SimpleNamespace

from sqlalchemy import select

from core.api import plain_columns, plain_objects, read_rows
from plugins.invoicing import mapping
from plugins.invoicing.invoice_customer import CUSTOMER_NAME
from plugins.invoicing.models import DRAFT, Customer, Invoice, Line

CENT = Decimal("0.01")


def amount(value) -> str | None:
    return None if value is None else str(Decimal(value).quantize(CENT))


def plain(value) -> str | None:
    """Quantities and prices without trailing zeros beyond what was entered."""
    if value is None:
        return None
    text = format(Decimal(value).normalize(), "f")
    return text if "." in text else text


def customer(c: Customer) -> dict:
    return {
        "id": c.id,
        "version": c.version,
        "name": c.name,
        "trn": c.trn,
        "vat_ids": c.vat_ids or [],
        "email": c.email,
        "phone": c.phone,
        "address_line1": c.address_line1,
        "address_line2": c.address_line2,
        "city": c.city,
        "postal_code": c.postal_code,
        "country": c.country,
        "emirate": c.emirate,
        "subdivision": c.subdivision,
        "legal_id": c.legal_id,
        "legal_id_type": c.legal_id_type,
        "legal_id_authority": c.legal_id_authority,
        "peppol_id": c.peppol_id,
        "payment_terms_days": c.payment_terms_days,
    }


def _money(inv: Invoice) -> dict:
    if not inv.is_draft:
        return {
            "subtotal": amount(inv.subtotal),
            "tax_total": amount(inv.tax_total),
            "total": amount(inv.total),
            "amount_due": amount(inv.amount_due),
        }
    if not inv.lines:
        zero = amount(0)
        return {"subtotal": zero, "tax_total": zero, "total": zero, "amount_due": zero}
    live = mapping.live_totals(inv)
    return {
        "subtotal": amount(live.subtotal),
        "tax_total": amount(live.tax_total),
        "total": amount(live.total),
        "amount_due": amount(live.payable),
    }


def line(ln) -> dict:
    return {
        "description": ln.description,
        "quantity": plain(ln.quantity),
        "unit_code": ln.unit_code,
        "unit_price": plain(ln.unit_price),
        "allowance": amount(ln.allowance),
        "tax_category": ln.tax_category,
        "tax_rate": amount(ln.tax_rate),
        "exemption_reason": ln.exemption_reason,
        "exemption_code": ln.exemption_code,
        "gtin": ln.gtin,
        "goods_type": ln.goods_type,
        "line_total": amount(ln.line_total),
    }


def invoice_summary(inv: Invoice) -> dict:
    return {
        "id": inv.id,
        "version": inv.version,
        "number": inv.number,
        "type": inv.type,
        "status": inv.status,
        "payment_status": inv.payment_status,
        "customer_id": inv.customer_id,
        "customer_name": inv.customer.name if inv.customer else None,
        "currency": inv.currency,
        "issue_date": inv.issue_date.isoformat() if inv.issue_date else None,
        "due_date": inv.due_date.isoformat() if inv.due_date else None,
        **_money(inv),
        "hash": inv.hash,
        "prev_hash": inv.prev_hash,
    }


# What invoice_summary reads, loaded with the page's query (the customer from its join) rather
# than whole invoices: every sortable column is here too (a page's cursor reads it).
SUMMARY_COLUMNS = ("number", "type", "status", "payment_status", "customer_id", "currency")
SUMMARY_COLUMNS += ("exchange_rate", "issue_date", "due_date", "subtotal", "tax_total", "total")
SUMMARY_COLUMNS += ("amount_due", "hash", "prev_hash", "version", "company_id")
# A list page as plain rows: the summary's columns and the customer's name from the page's join
# (under its own name, which the "customer" sort reads).
SUMMARY_SELECT = (Invoice.id, *(getattr(Invoice, n) for n in SUMMARY_COLUMNS), CUSTOMER_NAME)


def summaries(rows) -> list:
    """The page's plain rows as what ``invoice_summary`` reads: the customer's name, and the
    lines of the page's drafts (whose totals are summed live) in one query; a sealed
    invoice's stored totals need none."""
    drafts = [row.id for row in rows if row.status == DRAFT]
    found = defaultdict(list)
    if drafts:
        query = select(*plain_columns(Line)).where(Line.invoice_id.in_(drafts))
        for ln in plain_objects(Line, read_rows(query.order_by(Line.position, Line.id))):
            found[ln.invoice_id].append(ln)
    return plain_objects(
        Invoice,
        rows,
        customer=lambda row: SimpleNamespace(name=row.name),
        lines=lambda row: found[row.id],
    )


def invoice(inv: Invoice) -> dict:
    return {
        **invoice_summary(inv),
        "exchange_rate": plain(inv.exchange_rate),
        "buyer_reference": inv.buyer_reference,
        "order_reference": inv.order_reference,
        "notes": inv.notes,
        "payment_iban": inv.payment_iban,
        "credit_note_of": inv.credit_note_of_id,
        "credit_reason": inv.credit_reason,
        "xml_hash": inv.xml_hash,
        "signature": inv.signature,
        "finalized_at": inv.finalized_at.isoformat() + "Z" if inv.finalized_at else None,
        "lines": [line(ln) for ln in inv.lines],
        "taxes": [
            {
                "tax_category": t.tax_category,
                "tax_rate": amount(t.tax_rate),
                "taxable_amount": amount(t.taxable_amount),
                "tax_amount": amount(t.tax_amount),
            }
            for t in inv.taxes
        ],
    }
