"""Dashboard widgets: open invoices by payment state, receivables ageing (an SVG chart) and the
customers most overdue. Each card re-fetches itself when an invoice or a payment changes."""

from __future__ import annotations

import datetime as dt

from flask import render_template
from markupsafe import Markup
from sqlalchemy import func, select

from core.api import Widget, _, bar_chart, db
from plugins.invoicing.labels import PAYMENT_STATUSES as PAYMENT_LABELS
from plugins.invoicing.models import DRAFT, INVOICE, PAYMENT_STATUSES, VOID, Invoice
from plugins.invoicing.permissions import INVOICE_READ
from plugins.invoicing.views import receivables

# Only what is still owed: a paid invoice has nothing due, so "3 paid 0.00" says nothing.
OPEN_PAYMENT_STATUSES = tuple(s for s in PAYMENT_STATUSES if s != "paid")


def _due_by_payment_status() -> list[dict]:
    rows = db.session.execute(
        select(
            Invoice.payment_status,
            Invoice.currency,
            func.count(Invoice.id),
            func.coalesce(func.sum(Invoice.amount_due), 0),
        )
        .where(
            Invoice.status.not_in((DRAFT, VOID)),
            Invoice.type == INVOICE,
            Invoice.payment_status.in_(OPEN_PAYMENT_STATUSES),
        )
        .group_by(Invoice.payment_status, Invoice.currency)
    ).all()
    order = {name: i for i, name in enumerate(PAYMENT_STATUSES)}
    return sorted(
        (
            {
                "payment_status": p,
                "label": PAYMENT_LABELS.get(p, p),
                "currency": c,
                "count": n,
                "amount_due": due,
            }
            for p, c, n, due in rows
        ),
        key=lambda r: (order.get(r["payment_status"], 99), r["currency"]),
    )


def _money(currency: str):
    return lambda value: f"{value:,.0f}"


def _ageing_charts(ageing: dict) -> list[tuple[str, Markup]]:
    charts = []
    for currency, buckets in ageing.items():
        bars = [(str(receivables.BUCKET_LABELS[b]), buckets[b]) for b in receivables.BUCKETS]
        title = _("Receivables by age in %(currency)s", currency=currency)
        charts.append((currency, bar_chart(bars, title, _money(currency), highlight=(1, 2, 3, 4))))
    return charts


def widgets(actor) -> list[Widget]:
    if actor is None or actor.company_id is None or not actor.can(INVOICE_READ):
        return []
    today = dt.date.today()
    drafts = db.session.scalar(select(func.count(Invoice.id)).where(Invoice.status == DRAFT))
    summary = render_template(
        "invoicing/_widget.html", rows=_due_by_payment_status(), drafts=drafts or 0
    )
    ageing = receivables.ageing(today)
    ageing_html = render_template(
        "invoicing/_widget_ageing.html",
        ageing=ageing,
        charts=_ageing_charts(ageing),
        buckets=receivables.BUCKETS,
        labels=receivables.BUCKET_LABELS,
    )
    overdue_html = render_template(
        "invoicing/_widget_overdue.html", rows=receivables.top_overdue(today)
    )
    return [
        Widget(_("Invoices"), Markup(summary), 10),
        Widget(_("Receivables ageing"), Markup(ageing_html), 11),
        Widget(_("Top overdue customers"), Markup(overdue_html), 12),
    ]
