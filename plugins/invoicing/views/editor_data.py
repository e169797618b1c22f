"""A draft as its editor form holds it (and as the merge page compares it): text per field,
lines as a list of dicts, in the shape ``InvoiceForm.payload()`` sends to the service."""

from __future__ import annotations

from plugins.invoicing.models import Invoice


def plain(value) -> str:
    return "" if value is None else format(value.normalize(), "f")


def form_data(invoice: Invoice) -> dict:
    return {
        "customer_id": str(invoice.customer_id),
        "issue_date": invoice.issue_date.isoformat() if invoice.issue_date else "",
        "due_date": invoice.due_date.isoformat() if invoice.due_date else "",
        "currency": invoice.currency,
        "exchange_rate": plain(invoice.exchange_rate),
        "buyer_reference": invoice.buyer_reference,
        "order_reference": invoice.order_reference,
        "notes": invoice.notes,
        "payment_iban": invoice.payment_iban,
        "credit_reason": invoice.credit_reason,
        "lines": [
            {
                "description": line.description,
                "quantity": plain(line.quantity),
                "unit_code": line.unit_code,
                "unit_price": plain(line.unit_price),
                "allowance": plain(line.allowance),
                "tax_category": line.tax_category,
                "exemption_reason": line.exemption_reason,
                "exemption_code": line.exemption_code,
                "gtin": line.gtin,
                "goods_type": line.goods_type,
            }
            for line in invoice.lines
        ],
    }


def describe_line(line: dict) -> str:
    """One line in a sentence, for the merge page."""
    text = (
        f"{line.get('description') or '(no description)'} — {line.get('quantity') or '?'} "
        f"{line.get('unit_code') or ''} × {line.get('unit_price') or '?'}, "
        f"VAT {line.get('tax_category') or '?'}"
    )
    allowance = line.get("allowance")
    if allowance and str(allowance).strip() not in ("0", "0.00"):
        text += f", allowance {allowance}"
    if line.get("exemption_reason"):
        text += f" ({line['exemption_reason']})"
    return text
