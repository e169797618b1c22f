"""Dashboard widget: cash received by month over the last twelve months (an SVG bar chart per
currency), re-fetched live when a payment is recorded, reversed or refunded."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from flask import render_template
from markupsafe import Markup
from sqlalchemy import func, select

from core.api import Widget, _, bar_chart, db, format_date
from plugins.payments.archive.models import PaymentAny
from plugins.payments.permissions import READ
from plugins.payments.stats import period_key

MONTHS = 12


def month_starts(today: dt.date, months: int = MONTHS) -> list[dt.date]:
    """The first day of each of the last ``months`` months, oldest first, this month last."""
    year, month = today.year, today.month
    starts = []
    for _month in range(months):
        starts.append(dt.date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return starts[::-1]


def cash_by_month(company_id: int, today: dt.date) -> dict[str, list[tuple[dt.date, Decimal]]]:
    """currency -> [(first of month, net cash received)] for every month (zero when none);
    reversals count negative, archived payments still count."""
    starts = month_starts(today)
    key = period_key("month").label("month")
    rows = db.session.execute(
        select(key, PaymentAny.currency, func.sum(PaymentAny.amount))
        .where(PaymentAny.company_id == company_id, PaymentAny.date >= starts[0])
        .where(PaymentAny.date <= today)
        .group_by(key, PaymentAny.currency)
    )
    found: dict[str, dict[str, Decimal]] = {}
    for month, currency, total in rows:
        found.setdefault(currency, {})[month] = Decimal(total or 0).quantize(Decimal("0.01"))
    return {
        currency: [(s, per.get(s.strftime("%Y-%m"), Decimal("0.00"))) for s in starts]
        for currency, per in sorted(found.items())
    }


def _month_label(month: dt.date) -> str:
    """The month's short name under its bar; its number where the language has no short
    name that fits (Arabic writes "ديسمبر" in full, and twelve of them overlap)."""
    name = format_date(month, "LLL")
    return name if len(name) <= 4 else format_date(month, "M")


def widgets(actor) -> list[Widget]:
    if actor is None or actor.company_id is None or not actor.can(READ):
        return []
    series = cash_by_month(actor.company_id, dt.date.today())
    charts = [
        (
            currency,
            bar_chart(
                [(_month_label(m), v) for m, v in months],
                _("Cash received by month in %(currency)s", currency=currency),
                lambda v: f"{v:,.0f}",
            ),
            months,
        )
        for currency, months in series.items()
    ]
    html = render_template("payments/_widget_cash.html", charts=charts)
    return [Widget(_("Cash received by month"), Markup(html), 13)]
