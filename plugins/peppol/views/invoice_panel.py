"""The Peppol panel on the invoice page: "Send via Peppol", the latest transmission's state
(live), and the official rule ids when the document fails validation."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_login import login_required
from sqlalchemy import select

from core.api import DomainError, company_id, db, get_or_404, is_htmx, may, require
from plugins.invoicing.public import Invoice
from plugins.peppol import transmit
from plugins.peppol.models import Transmission
from plugins.peppol.permissions import READ, SEND
from plugins.peppol.views import bp

DRAFT, VOID = "DRAFT", "VOID"  # invoicing's status values


def latest(invoice_id: int) -> Transmission | None:
    return db.session.scalars(
        select(Transmission)
        .where(Transmission.invoice_id == invoice_id)
        .order_by(Transmission.id.desc())
        .limit(1)
    ).first()


def panel_context(invoice: Invoice, error: str | None = None, rules=()) -> dict:
    t = latest(invoice.id)
    sealed = invoice.status not in (DRAFT, VOID)
    live = t is not None and t.state not in ("REJECTED", "PERMANENTLY_FAILED")
    return {
        "invoice": invoice,
        "t": t,
        "can_send": sealed and not live and may(SEND),
        "error": error,
        "rules": list(rules),
    }


def render_panel(invoice: Invoice) -> str:
    if not may(READ):
        return ""
    return render_template("peppol/_invoice_panel.html", **panel_context(invoice))


@bp.get("/invoices/<int:invoice_id>/panel")
@login_required
def invoice_panel(invoice_id: int):
    require(READ)
    invoice = get_or_404(Invoice, invoice_id, "invoice")
    return render_template("peppol/_invoice_panel.html", **panel_context(invoice))


@bp.post("/invoices/<int:invoice_id>/send")
@login_required
def invoice_send(invoice_id: int):
    require(SEND)
    invoice = get_or_404(Invoice, invoice_id, "invoice")
    error, rules = None, []
    try:
        transmit.transmit(invoice)
    except DomainError as exc:
        db.session.rollback()
        error = exc.message
        rules = exc.details.get("rule_ids", []) if isinstance(exc.details, dict) else []
    if not is_htmx():  # without JavaScript: back to the invoice page, the panel tells the rest
        if error:
            flash(error, "error")
        return redirect(url_for("invoicing.invoice_detail", invoice_id=invoice_id), 303)
    context = panel_context(get_or_404(Invoice, invoice_id, "invoice"), error, rules)
    return render_template("peppol/_invoice_panel.html", **context)


@bp.post("/customers/<int:customer_id>/lookup")
@login_required
def customer_lookup(customer_id: int):
    from plugins.invoicing.public import Customer
    from plugins.peppol import lookup, participants

    require(READ)
    customer = get_or_404(Customer, customer_id, "customer")
    check = participants.check(customer.peppol_id or "")
    if check.valid_format:
        lookup.lookup(company_id(), check, refresh=True)
    return redirect(url_for("invoicing.customer_detail", customer_id=customer_id), 303)
