"""/invoicing/invoices/new and /<id>/edit: the draft editor, and its live totals endpoint.

Every rule lives in services/drafts.py; the form only carries what was typed, and the
service's field messages come back onto the form. Nothing is saved when anything is invalid.
"""

from __future__ import annotations

import datetime as dt

from flask import abort, redirect, url_for
from flask_login import login_required
from sqlalchemy import select
from wtforms import SelectChoice

from core.api import company_id, db, get_or_404, render, require
from plugins.invoicing.forms import (
    LINE_FIELD_CATEGORIES,
    VATEX_SUGGESTIONS,
    InvoiceForm,
    LineForm,
)
from plugins.invoicing.models import CREDIT_NOTE, Customer, Invoice
from plugins.invoicing.services import drafts
from plugins.invoicing.views import bp
from plugins.invoicing.views.common import save
from plugins.invoicing.views.editor_totals import preview


def _with_customers(form: InvoiceForm) -> InvoiceForm:
    rows = db.session.execute(select(Customer.id, Customer.name).order_by(Customer.name))
    choices = [SelectChoice("", "Choose a customer…")]
    form.customer_id.choices = choices + [SelectChoice(str(i), n) for i, n in rows]
    return form


def _plain(value) -> str:
    return "" if value is None else format(value.normalize(), "f")


def _form_data(invoice: Invoice) -> dict:
    return {
        "customer_id": str(invoice.customer_id),
        "issue_date": invoice.issue_date.isoformat() if invoice.issue_date else "",
        "due_date": invoice.due_date.isoformat() if invoice.due_date else "",
        "currency": invoice.currency,
        "exchange_rate": _plain(invoice.exchange_rate),
        "buyer_reference": invoice.buyer_reference,
        "order_reference": invoice.order_reference,
        "notes": invoice.notes,
        "payment_iban": invoice.payment_iban,
        "credit_reason": invoice.credit_reason,
        "lines": [
            {
                "description": line.description,
                "quantity": _plain(line.quantity),
                "unit_code": line.unit_code,
                "unit_price": _plain(line.unit_price),
                "allowance": _plain(line.allowance),
                "tax_category": line.tax_category,
                "exemption_reason": line.exemption_reason,
                "exemption_code": line.exemption_code,
                "gtin": line.gtin,
                "goods_type": line.goods_type,
            }
            for line in invoice.lines
        ],
    }


def _page(form: InvoiceForm, invoice: Invoice | None, status: int = 200, block="content"):
    return render(
        "invoicing/invoice_edit.html",
        block=block,
        status=status,
        form=form,
        invoice=invoice,
        blank_line=LineForm(prefix="lines-__index__-"),
        is_credit_note=_is_credit_note(invoice),
        line_field_categories=LINE_FIELD_CATEGORIES,
        vatex_suggestions=VATEX_SUGGESTIONS,
        preview=preview(form.payload()),
    )


def _is_credit_note(invoice: Invoice | None) -> bool:
    return invoice is not None and invoice.type == CREDIT_NOTE


def _write(form: InvoiceForm, invoice: Invoice | None) -> Invoice:
    if invoice is None:
        return drafts.create(company_id(), form.payload())
    drafts.update(invoice, form.payload(credit_note=_is_credit_note(invoice)))
    return invoice


@bp.route("/invoices/new", methods=["GET", "POST"])
@login_required
def invoice_new():
    require("invoicing.invoice.write")
    form = _with_customers(InvoiceForm())
    if not form.is_submitted():
        form.issue_date.data = dt.date.today().isoformat()
        return _page(form, None)
    saved = save(form, lambda: _write(form, None)) if form.validate() else None
    if saved is None:
        return _page(form, None, status=422)
    return redirect(url_for("invoicing.invoice_detail", invoice_id=saved.id), 303)


def _editable(invoice_id: int) -> Invoice:
    invoice = get_or_404(Invoice, invoice_id, "invoice")
    if not invoice.is_draft:
        label = invoice.number or f"#{invoice.id}"
        abort(409, f"Invoice {label} is {invoice.status}; only drafts can be edited.")
    return invoice


@bp.route("/invoices/<int:invoice_id>/edit", methods=["GET", "POST"])
@login_required
def invoice_edit(invoice_id: int):
    require("invoicing.invoice.write")
    invoice = _editable(invoice_id)
    form = _with_customers(InvoiceForm(data=_form_data(invoice)))
    if not form.is_submitted():
        return _page(form, invoice)
    saved = save(form, lambda: _write(form, invoice)) if form.validate() else None
    if saved is None:
        invoice = _editable(invoice_id)  # re-read after the rollback
        return _page(form, invoice, status=422)
    return redirect(url_for("invoicing.invoice_detail", invoice_id=invoice_id), 303)


@bp.post("/invoices/totals")
@login_required
def invoice_totals():
    """The totals block for what is typed now; saves nothing."""
    require("invoicing.invoice.write")
    form = InvoiceForm()
    return render("invoicing/_totals.html", block="totals", preview=preview(form.payload()))
