"""POST /invoicing/invoices/bulk: one action on the invoices ticked in the list.

Each invoice goes through the same service as its own action button, in its own transaction:
one refusal (a draft that cannot be sent, an invoice already void) is reported by number and
does not undo the others. Voiding asks first: without ``confirm`` the answer is a page that
names every invoice about to be voided and posts the same choice back with ``confirm=1``.
"""

from __future__ import annotations

from flask import flash, redirect, request, url_for
from flask_login import login_required
from sqlalchemy import select

from core.api import DomainError, _, db, invalid_parameter, render, require
from plugins.invoicing.models import Invoice
from plugins.invoicing.permissions import INVOICE_APPROVE, INVOICE_FINALIZE, INVOICE_VOID
from plugins.invoicing.services import finalize, transitions
from plugins.invoicing.views import bp
from plugins.invoicing.views.common import commit
from plugins.invoicing.views.invoice_export import export_selected

MAX_BULK = 200
BULK = {
    "finalize": (INVOICE_FINALIZE, finalize.finalize),
    "send": (INVOICE_APPROVE, transitions.send),
    "void": (INVOICE_VOID, transitions.void),
}


def chosen_ids() -> list[int]:
    raw = request.form.getlist("ids")
    if not raw or len(raw) > MAX_BULK or not all(r.isascii() and r.isdigit() for r in raw):
        raise invalid_parameter(
            "ids", _("must name 1 to %(MAX_BULK)s invoices", MAX_BULK=MAX_BULK), None
        )
    return sorted({int(r) for r in raw})


def _run(call, invoice_id: int) -> str | None:
    """The refusal message, or None when done."""
    invoice = db.session.get(Invoice, invoice_id)
    if invoice is None:
        return _("not found")
    try:
        call(invoice)
        commit()
    except DomainError as exc:
        db.session.rollback()
        return exc.message
    return None


@bp.post("/invoices/bulk")
@login_required
def invoice_bulk():
    action = request.form.get("action", "")
    if action == "export":
        return export_selected(chosen_ids())
    if action not in BULK:
        raise invalid_parameter("action", _("must be one of export, finalize, send, void"), action)
    permission, call = BULK[action]
    require(permission)
    ids = chosen_ids()
    invoices = db.session.scalars(select(Invoice).where(Invoice.id.in_(ids))).all()
    back = request.form.get("back") or url_for("invoicing.invoice_list")
    if not back.startswith("/") or back.startswith("//"):
        back = url_for("invoicing.invoice_list")
    if action == "void" and request.form.get("confirm") != "1":
        return render("invoicing/bulk_confirm.html", invoices=invoices, back=back, action=action)
    labels = {inv.id: inv.number or _("draft #%(id)s", id=inv.id) for inv in invoices}
    refused = {}
    for invoice_id in [inv.id for inv in invoices]:
        if (problem := _run(call, invoice_id)) is not None:
            refused[labels[invoice_id]] = problem
    done = len(invoices) - len(refused)
    flash(
        _("%(action)s: %(done)s of %(total)s done.", action=action, done=done, total=len(ids)),
        "success" if not refused else "warning",
    )
    for label, problem in refused.items():
        flash(_("%(label)s: %(problem)s", label=label, problem=problem), "danger")
    return redirect(back, 303)
