"""/invoicing/invoices/new and /<id>/edit: the draft editor, and its live totals endpoint.

Every rule lives in services/drafts.py; the form only carries what was typed, and the
service's field messages come back onto the form. Nothing is saved when anything is invalid.
"""

from __future__ import annotations

import datetime as dt

from flask import abort, flash, redirect, url_for
from flask_login import login_required
from sqlalchemy import select
from wtforms import SelectChoice

from core.api import (
    EditPage,
    _,
    company_id,
    db,
    editable,
    get_or_404,
    mount_edit,
    render,
    require,
    status_word,
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
    choices = [SelectChoice("", _("Choose a customer…"))]
    form.customer_id.choices = choices + [SelectChoice(str(i), n) for i, n in rows]
    return form


editable(Invoice, INVOICE_WRITE)  # the editor's room: "also editing", "saved just now"


def _context(form: InvoiceForm, invoice: Invoice | None) -> dict:
    """What the editor shows besides the form: a blank line to copy, the live totals."""
    return {
        "blank_line": LineForm(prefix="lines-__index__-"),
        "is_credit_note": _is_credit_note(invoice),
        "line_field_categories": LINE_FIELD_CATEGORIES,
        "vatex_suggestions": VATEX_SUGGESTIONS,
        "preview": preview(form.payload()),
    }


def _is_credit_note(invoice: Invoice | None) -> bool:
    return invoice is not None and invoice.type == CREDIT_NOTE


def _form(invoice: Invoice | None) -> InvoiceForm:
    if invoice is not None:
        return _with_customers(InvoiceForm(data=form_data(invoice)))
    form = _with_customers(InvoiceForm())
    if not form.is_submitted():
        form.issue_date.data = dt.date.today().isoformat()
    return form


def _payload(form: InvoiceForm, invoice: Invoice | None) -> dict:
    return form.payload(credit_note=_is_credit_note(invoice))


def _write(form: InvoiceForm, invoice: Invoice | None, payload: dict) -> Invoice | None:
    """Save what ``form`` holds (a merged save's form holds the chosen values)."""
    if invoice is None:
        return save(form, lambda: drafts.create(company_id(), form.payload()))
    return save(form, lambda: drafts.update(invoice, _payload(form, invoice)))


def _editable(invoice_id: int) -> Invoice:
    invoice = get_or_404(Invoice, invoice_id, "invoice")
    if not invoice.is_draft:
        label = invoice.number or f"#{invoice.id}"
        abort(
            409,
            _(
                "Invoice %(label)s is %(invoice_status)s; only drafts can be edited.",
                label=label,
                invoice_status=status_word("status", invoice.status),
            ),
        )
    return invoice


def _created(invoice: Invoice):
    flash(_("Draft saved. Finalize it when it is ready."), "success")
    return redirect(url_for("invoicing.invoice_detail", invoice_id=invoice.id), 303)


def _saved(invoice: Invoice):
    flash(_("Draft saved."), "success")
    return redirect(url_for("invoicing.invoice_detail", invoice_id=invoice.id), 303)


EDIT = EditPage(
    name="invoice",
    permission=INVOICE_WRITE,
    merge=merge_for(_with_customers),
    load=_editable,
    form=_form,
    write=_write,
    template="invoicing/invoice_edit.html",
    record_as="invoice",
    done=_saved,
    created=_created,
    payload=_payload,
    context=_context,
)
mount_edit(bp, EDIT, "/invoices/<int:invoice_id>/edit", new="/invoices/new")


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
