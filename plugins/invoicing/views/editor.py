"""/invoicing/invoices/new and /<id>/edit: the draft editor, and its live totals endpoint.

Every rule lives in services/drafts.py; the form only carries what was typed, and the
service's field messages come back onto the form. Nothing is saved when anything is invalid.
"""

from __future__ import annotations

import datetime as dt

from flask import abort, flash, redirect, request, url_for
from flask_login import login_required
from sqlalchemy import select
from wtforms import SelectChoice

from core.api import (
    _,
    company_id,
    db,
    dump_payload,
    editable,
    form_version,
    get_or_404,
    render,
    require,
)
from plugins.invoicing.forms import (
    LINE_FIELD_CATEGORIES,
    VATEX_SUGGESTIONS,
    InvoiceForm,
    LineForm,
)
from plugins.invoicing.models import CREDIT_NOTE, Customer, Invoice
from plugins.invoicing.permissions import INVOICE_WRITE
from plugins.invoicing.services import drafts
from plugins.invoicing.views import bp
from plugins.invoicing.views.common import save
from plugins.invoicing.views.editor_data import form_data
from plugins.invoicing.views.editor_merge import merge_for
from plugins.invoicing.views.editor_totals import preview


def _with_customers(form: InvoiceForm) -> InvoiceForm:
    rows = db.session.execute(select(Customer.id, Customer.name).order_by(Customer.name))
    choices = [SelectChoice("", "Choose a customer…")]
    form.customer_id.choices = choices + [SelectChoice(str(i), n) for i, n in rows]
    return form


MERGE = merge_for(_with_customers)
editable(Invoice, INVOICE_WRITE)  # the editor's room: "also editing", "saved just now"


def _page(
    form: InvoiceForm,
    invoice: Invoice | None,
    status: int = 200,
    block="content",
    version: int | None = None,
    original: str | None = None,
):
    """The editor; ``version``/``original`` are what the user opened (kept across a 422)."""
    if invoice is not None:
        version = version if version is not None else invoice.version
        original = original or dump_payload(form_data(invoice))
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
        version=version,
        original=original,
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
    require(INVOICE_WRITE)
    form = _with_customers(InvoiceForm())
    if not form.is_submitted():
        form.issue_date.data = dt.date.today().isoformat()
        return _page(form, None)
    saved = save(form, lambda: _write(form, None)) if form.validate() else None
    if saved is None:
        return _page(form, None, status=422)
    flash(_("Draft saved. Finalize it when it is ready."), "success")
    return redirect(url_for("invoicing.invoice_detail", invoice_id=saved.id), 303)


def _editable(invoice_id: int) -> Invoice:
    invoice = get_or_404(Invoice, invoice_id, "invoice")
    if not invoice.is_draft:
        label = invoice.number or f"#{invoice.id}"
        abort(
            409,
            _(
                "Invoice %(label)s is %(invoice_status)s; only drafts can be edited.",
                label=label,
                invoice_status=invoice.status,
            ),
        )
    return invoice


@bp.route("/invoices/<int:invoice_id>/edit", methods=["GET", "POST"])
@login_required
def invoice_edit(invoice_id: int):
    require(INVOICE_WRITE)
    invoice = _editable(invoice_id)
    if request.method == "POST" and request.form.get("_merge"):
        return _merge_save(invoice)
    form = _with_customers(InvoiceForm(data=form_data(invoice)))
    if not form.is_submitted():
        return _page(form, invoice)
    opened = form_version(request.form.get("_version"))
    original = request.form.get("_original")
    if refused := MERGE.refusal(invoice, form.payload(_is_credit_note(invoice))):
        return refused
    saved = save(form, lambda: _write(form, invoice)) if form.validate() else None
    if saved is None:
        invoice = _editable(invoice_id)  # re-read after the rollback
        return _page(form, invoice, status=422, version=opened, original=original)
    flash(_("Draft saved."), "success")
    return redirect(url_for("invoicing.invoice_detail", invoice_id=invoice_id), 303)


def _merge_save(invoice: Invoice):
    """The merge page's answer: the chosen values saved against the version it showed."""

    def failed(form, original):
        return _page(form, _editable(invoice.id), status=422, original=original)

    return MERGE.save_merged(
        invoice,
        lambda form, payload: save(form, lambda: _write(form, invoice)),
        failed,
        lambda: redirect(url_for("invoicing.invoice_detail", invoice_id=invoice.id), 303),
    )


@bp.post("/invoices/totals")
@login_required
def invoice_totals():
    """The totals block for what is typed now; saves nothing."""
    require(INVOICE_WRITE)
    form = InvoiceForm()
    indexes = [entry.name.rsplit("-", 1)[-1] for entry in form.lines]
    return render(
        "invoicing/_totals.html",
        block="totals",
        preview=preview(form.payload()),
        line_indexes=indexes,
    )
