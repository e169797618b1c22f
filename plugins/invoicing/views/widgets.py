"""Dashboard widget: invoices by payment status, with what is still due (one GROUP BY)."""

from __future__ import annotations

from flask import render_template
from markupsafe import Markup
from sqlalchemy import func, select

from core.api import Widget, db
from plugins.invoicing.models import DRAFT, PAYMENT_STATUSES, VOID, Invoice


def _due_by_payment_status() -> list[dict]:
    rows = db.session.execute(
        select(
            Invoice.payment_status,
            Invoice.currency,
            func.count(Invoice.id),
            func.coalesce(func.sum(Invoice.amount_due), 0),
        )
        .where(Invoice.status.not_in((DRAFT, VOID)), Invoice.type == "invoice")
        .group_by(Invoice.payment_status, Invoice.currency)
    ).all()
    order = {name: i for i, name in enumerate(PAYMENT_STATUSES)}
    return sorted(
        (
            {"payment_status": p, "currency": c, "count": n, "amount_due": due}
            for p, c, n, due in rows
        ),
        key=lambda r: (order.get(r["payment_status"], 99), r["currency"]),
    )


def widgets(actor) -> list[Widget]:
    if actor is None or actor.company_id is None or not actor.can("invoicing.invoice.read"):
        return []
    drafts = db.session.scalar(select(func.count(Invoice.id)).where(Invoice.status == DRAFT))
    html = render_template(
        "invoicing/_widget.html", rows=_due_by_payment_status(), drafts=drafts or 0
    )
    return [Widget("Invoices", Markup(html), 10)]
