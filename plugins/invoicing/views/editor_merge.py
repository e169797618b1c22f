"""A draft saved by someone else while this user edited it: the merge page, and its save.

The editor form carries the version it was opened at and what it showed then (``_original``);
a save against an older version lands here instead of overwriting (core.versioning). The
user picks, field by field (lines as one field), their value or the stored one, and the
result is saved against the version stored now, or refused again if that moved on too.
"""

from __future__ import annotations

from flask import redirect, request, url_for

from core.api import (
    StaleEdit,
    choices_from,
    db,
    dump_payload,
    field_changes,
    form_version,
    get_or_404,
    last_editor,
    load_payload,
    merged,
    render,
)
from plugins.invoicing.forms import InvoiceForm
from plugins.invoicing.models import CREDIT_NOTE, Customer, Invoice
from plugins.invoicing.views.common import save
from plugins.invoicing.views.editor_data import describe_line, form_data


def _show(name: str, value):
    if name == "lines":
        return [describe_line(line) for line in value or [] if isinstance(line, dict)]
    if name == "customer_id" and str(value or "").isdigit():
        customer = db.session.get(Customer, int(value))
        return customer.name if customer is not None else value
    return value


def _label(form: InvoiceForm):
    return lambda name: form[name].label.text if name in form else name.replace("_", " ")


def stale_page(invoice: Invoice, original_json: str | None, mine: dict, form: InvoiceForm):
    """409: what changed, field by field; nothing saved."""
    theirs = form_data(invoice)
    if invoice.type != CREDIT_NOTE:
        theirs.pop("credit_reason", None)
    original = load_payload(original_json)
    changes = field_changes(original, mine, theirs, _label(form))
    if not changes:  # they saved exactly what this user typed: nothing is lost
        return redirect(url_for("invoicing.invoice_detail", invoice_id=invoice.id), 303)
    edit_url = url_for("invoicing.invoice_edit", invoice_id=invoice.id)
    stale = StaleEdit(
        changes=changes,
        version=invoice.version,
        mine=mine,
        theirs=theirs,
        action=edit_url,
        reload_url=edit_url,
        show=_show,
        saved_by=last_editor("invoice", invoice.id, invoice.company_id),
    )
    return render(
        "core/stale_page.html",
        status=409,
        stale=stale,
        back_url=url_for("invoicing.invoice_detail", invoice_id=invoice.id),
        back_label=invoice.number or f"#{invoice.id}",
    )


def merge_save(invoice: Invoice, with_customers, page, write):
    """The merge form's answer: the chosen values saved against the version it showed."""
    theirs = load_payload(request.form.get("_theirs"))
    mine = load_payload(request.form.get("_mine"))
    payload = merged(mine, theirs, choices_from(request.form))
    form = with_customers(InvoiceForm(formdata=None, data=payload, meta={"csrf": False}))
    opened = form_version(request.form.get("_version"))
    if opened != invoice.version:  # saved yet again meanwhile: compare with that
        return stale_page(invoice, dump_payload(theirs), payload, form)
    if save(form, lambda: write(form, invoice)) is None:
        invoice = get_or_404(Invoice, invoice.id, "invoice")
        return page(form, invoice, status=422, version=opened, original=dump_payload(theirs))
    return redirect(url_for("invoicing.invoice_detail", invoice_id=invoice.id), 303)
