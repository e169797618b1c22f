"""Dashboard figures on what customers owe: ageing buckets and the customers most overdue.

Open invoices only (finalized, approved or sent invoices with something still due), per
currency. Bucket bounds are computed in Python and compared with ``due_date`` in SQL, so the
same query runs on SQLite and PostgreSQL and the database does the summing (one GROUP BY).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import case, func, literal, select

from core.api import db
from core.api import lazy_gettext as _l
from plugins.invoicing.models import INVOICE, Customer, Invoice
from plugins.invoicing.settlement import PAYABLE_STATUSES

BUCKETS = ("current", "1-30", "31-60", "61-90", "90+")
BUCKET_LABELS = {
    "current": _l("Not yet due"),
    "1-30": _l("1–30 days"),
    "31-60": _l("31–60 days"),
    "61-90": _l("61–90 days"),
    "90+": _l("Over 90 days"),
}
TOP_OVERDUE = 5


def open_invoices():
    return (
        Invoice.type == INVOICE,
        Invoice.status.in_(PAYABLE_STATUSES),
        Invoice.amount_due > 0,
    )


def _bucket(today: dt.date):
    """The ageing bucket of an invoice by days past its due date (no due date = current)."""
    days = dt.timedelta
    return case(
        (Invoice.due_date.is_(None), literal("current")),
        (Invoice.due_date >= today, literal("current")),
        (Invoice.due_date >= today - days(30), literal("1-30")),
        (Invoice.due_date >= today - days(60), literal("31-60")),
        (Invoice.due_date >= today - days(90), literal("61-90")),
        else_=literal("90+"),
    )


def ageing(today: dt.date) -> dict[str, dict[str, Decimal]]:
    """currency -> bucket -> amount still due; every bucket present (zero when empty)."""
    bucket = _bucket(today).label("bucket")
    rows = db.session.execute(
        select(bucket, Invoice.currency, func.sum(Invoice.amount_due))
        .where(*open_invoices())
        .group_by(bucket, Invoice.currency)
    )
    result: dict[str, dict[str, Decimal]] = {}
    for name, currency, total in rows:
        per = result.setdefault(currency, dict.fromkeys(BUCKETS, Decimal("0.00")))
        per[name] = Decimal(total or 0).quantize(Decimal("0.01"))
    return dict(sorted(result.items()))


def top_overdue(today: dt.date, limit: int = TOP_OVERDUE) -> list[dict]:
    """The customers owing most past the due date: name, currency, amount, oldest due date."""
    total = func.sum(Invoice.amount_due).label("total")
    rows = db.session.execute(
        select(Customer.id, Customer.name, Invoice.currency, total, func.min(Invoice.due_date))
        .join(Customer, Customer.id == Invoice.customer_id)
        .where(*open_invoices(), Invoice.due_date < today)
        .group_by(Customer.id, Customer.name, Invoice.currency)
        .order_by(total.desc(), Customer.name)
        .limit(limit)
    )
    return [
        {
            "customer_id": cid,
            "name": name,
            "currency": currency,
            "amount": Decimal(amount or 0).quantize(Decimal("0.01")),
            "days": (today - oldest).days if oldest else 0,
        }
        for cid, name, currency, amount, oldest in rows
    ]
