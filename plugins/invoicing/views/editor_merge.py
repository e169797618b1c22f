"""A draft saved by someone else while this user edited it: how the invoice editor meets core's
stale-save merge (``core.api.StaleMerge``), lines compared as one field."""

from __future__ import annotations

from flask import url_for

from core.api import StaleMerge, db, payload_form
from plugins.invoicing.forms import InvoiceForm
from plugins.invoicing.models import CREDIT_NOTE, Customer, Invoice
from plugins.invoicing.views.editor_data import describe_line, form_data


def _show(name: str, value):
    if name == "lines":
        return [describe_line(line) for line in value or [] if isinstance(line, dict)]
    if name == "customer_id" and str(value or "").isdigit():
        customer = db.session.get(Customer, int(value))
        return customer.name if customer is not None else value
    return value


def snapshot(invoice: Invoice) -> dict:
    """The draft as the editor holds it (a credit reason only on credit notes)."""
    data = form_data(invoice)
    if invoice.type != CREDIT_NOTE:
        data.pop("credit_reason", None)
    return data


def merge_for(with_customers) -> StaleMerge:
    """The editor's merge; ``with_customers`` fills the customer choices of a form."""
    return StaleMerge(
        kind="invoice",
        snapshot=snapshot,
        form=payload_form(InvoiceForm, with_customers),
        edit_url=lambda invoice: url_for("invoicing.invoice_edit", invoice_id=invoice.id),
        back_url=lambda invoice: url_for("invoicing.invoice_detail", invoice_id=invoice.id),
        back_label=lambda invoice: invoice.number or f"#{invoice.id}",
        show=_show,
    )
