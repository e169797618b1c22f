"""POST actions of the detail page; each one calls the service the API calls.

Success answers an HTMX request with the refreshed detail block (other open pages hear the
Socket.IO event), a plain form post with a redirect. A refusal (wrong status, credit too
large...) shows the service's own message on the page, with its status code.
"""

from __future__ import annotations

from flask import Response, flash, redirect, url_for
from flask_login import login_required

from core.api import DomainError, _, db, get_or_404, is_htmx, require
from core.api import lazy_gettext as _l
from plugins.invoicing.models import Invoice
from plugins.invoicing.permissions import (
    INVOICE_APPROVE,
    INVOICE_FINALIZE,
    INVOICE_VOID,
    INVOICE_WRITE,
)
from plugins.invoicing.services import drafts, finalize, transitions
from plugins.invoicing.views import bp
from plugins.invoicing.views.common import commit
from plugins.invoicing.views.invoice_detail import render_detail

# action -> (permission, service call, whether it yields a new document to open)
ACTIONS = {
    "finalize": (INVOICE_FINALIZE, finalize.finalize, False),
    "approve": (INVOICE_APPROVE, transitions.approve, False),
    "send": (INVOICE_APPROVE, transitions.send, False),
    "void": (INVOICE_VOID, transitions.void, False),
    "duplicate": (INVOICE_WRITE, drafts.duplicate, True),
}  # credit_note asks for a reason first: views/credit_note.py
NOTICES = {
    "finalize": _l("Invoice finalized."),
    "approve": _l("Invoice approved."),
    "send": _l("Invoice marked as sent."),
    "void": _l("Invoice voided."),
}


def go(url: str):
    if is_htmx():
        return Response(status=204, headers={"HX-Redirect": url})
    return redirect(url, 303)


@bp.post("/invoices/<int:invoice_id>/<any(finalize, approve, send, void, duplicate):action>")
@login_required
def invoice_action(invoice_id: int, action: str):
    permission, call, opens_new = ACTIONS[action]
    require(permission)
    invoice = get_or_404(Invoice, invoice_id, "invoice")
    try:
        result = call(invoice)
        commit()
    except DomainError as exc:
        db.session.rollback()
        invoice = get_or_404(Invoice, invoice_id, "invoice")
        return render_detail(invoice, status=exc.status, error=exc.message)
    if opens_new:
        flash(_("Copy created as a new draft: check it and save."), "success")
        return go(url_for("invoicing.invoice_edit", invoice_id=result.id))
    if is_htmx():
        return render_detail(result, notice=str(NOTICES[action]))
    flash(str(NOTICES[action]), "success")
    return go(url_for("invoicing.invoice_detail", invoice_id=invoice_id))


@bp.post("/invoices/<int:invoice_id>/delete")
@login_required
def invoice_delete(invoice_id: int):
    require(INVOICE_WRITE)
    invoice = get_or_404(Invoice, invoice_id, "invoice")
    try:
        drafts.delete(invoice)
        commit()
    except DomainError as exc:
        db.session.rollback()
        invoice = get_or_404(Invoice, invoice_id, "invoice")
        return render_detail(invoice, status=exc.status, error=exc.message)
    flash(_("Draft deleted."), "success")
    return go(url_for("invoicing.invoice_list"))
