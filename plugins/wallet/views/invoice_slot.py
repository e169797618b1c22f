"""The invoice page's payments slot: the invoice's stablecoin payment requests, live."""

from __future__ import annotations

from flask import render_template
from flask_login import login_required
from markupsafe import Markup
from sqlalchemy import select

from core.api import db, get_or_404, require_permission
from plugins.invoicing.public import Invoice
from plugins.wallet.models import PaymentRequest
from plugins.wallet.permissions import READ
from plugins.wallet.views import bp

SLOT = "invoicing.invoice.payments"


def render_slot(slot: str, context: dict):
    if slot != SLOT or context.get("invoice") is None:
        return None
    html = _section(context["invoice"])
    return Markup(html) if html else None


def _section(invoice) -> str | None:
    query = (
        select(PaymentRequest)
        .where(PaymentRequest.invoice_id == invoice.id)
        .order_by(PaymentRequest.id.desc())
    )
    requests = list(db.session.scalars(query))
    if not requests:
        return None
    return render_template("wallet/_invoice_requests.html", requests=requests, invoice=invoice)


@bp.get("/invoices/<int:invoice_id>/requests")
@login_required
@require_permission(READ)
def invoice_requests(invoice_id: int):
    """The slot's fragment again, for the live re-fetch."""
    return _section(get_or_404(Invoice, invoice_id)) or ""
