"""POST /invoicing/invoices/<id>/credit_note: a draft credit note, once the user says why.

A UAE credit note must carry its reason (Art. 61 of the VAT law; PINT-AE ibr-158-ae), so the
detail page's credit-note form asks for it and this view refuses to go on without one. The
service's own refusals (wrong status, unknown reason) come back inline on the same form.
"""

from __future__ import annotations

from flask import url_for
from flask_login import login_required

from core.api import DomainError, get_or_404, lazy_gettext, require
from plugins.invoicing.forms import CreditNoteForm
from plugins.invoicing.models import Invoice
from plugins.invoicing.permissions import INVOICE_WRITE
from plugins.invoicing.services import transitions
from plugins.invoicing.views import bp
from plugins.invoicing.views.common import commit, show_refusal
from plugins.invoicing.views.invoice_actions import go
from plugins.invoicing.views.invoice_detail import render_detail

REASON_REQUIRED = lazy_gettext("Choose the reason for the credit note (UAE VAT law, Art. 61).")


@bp.post("/invoices/<int:invoice_id>/credit_note")
@login_required
def invoice_credit_note(invoice_id: int):
    require(INVOICE_WRITE)
    invoice = get_or_404(Invoice, invoice_id, "invoice")
    form = CreditNoteForm()
    if not form.validate():  # CSRF
        return _refused(invoice_id, form, 400)
    if not form.credit_reason.data:
        form.credit_reason.errors = [REASON_REQUIRED]
        return _refused(invoice_id, form, 422)
    try:
        note = transitions.credit_note(invoice, {"credit_reason": form.credit_reason.data})
        commit()
    except DomainError as exc:
        show_refusal(form, exc)
        return _refused(invoice_id, form, exc.status)
    return go(url_for("invoicing.invoice_edit", invoice_id=note.id))


def _refused(invoice_id: int, form: CreditNoteForm, status: int):
    invoice = get_or_404(Invoice, invoice_id, "invoice")
    return render_detail(invoice, status=status, credit_form=form)
