"""Figures for admins: payment totals by period, method and status, counts, storage used.

Totals cover live and archived payments alike (the ``payments_payment_all`` view), so
archiving old records never changes them. Amounts are Decimal; the API turns them into strings.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import func, select, text

from core.api import db
from plugins.payments.archive.models import PaymentAny
from plugins.payments.models import Refund

PERIODS = ("month", "day")
STORAGE_TABLES = (
    "payments_payment",
    "payments_allocation",
    "payments_refund",
    "payments_payment_archive",
    "payments_allocation_archive",
    "payments_refund_archive",
)
FORMATS = {
    ("postgresql", "month"): "YYYY-MM",
    ("postgresql", "day"): "YYYY-MM-DD",
    ("sqlite", "month"): "%Y-%m",
    ("sqlite", "day"): "%Y-%m-%d",
}


def _dialect() -> str:
    return db.session.get_bind().dialect.name


def period_key(period: str):
    fmt = FORMATS[(_dialect(), period)]
    if _dialect() == "postgresql":
        return func.to_char(PaymentAny.date, fmt)
    return func.strftime(fmt, PaymentAny.date)


def _grouped(company_id: int, key, start: dt.date | None, end: dt.date | None) -> list[dict]:
    query = select(key.label("key"), func.sum(PaymentAny.amount), func.count()).where(
        PaymentAny.company_id == company_id
    )
    if start:
        query = query.where(PaymentAny.date >= start)
    if end:
        query = query.where(PaymentAny.date <= end)
    rows = db.session.execute(query.group_by(key).order_by(key))
    return [{"key": k, "total": Decimal(t or 0), "count": n} for k, t, n in rows]


def totals(company_id: int, period: str, start=None, end=None) -> dict:
    """Net totals (reversals count negative) by period, by method and by status."""
    return {
        "by_period": _grouped(company_id, period_key(period), start, end),
        "by_method": _grouped(company_id, PaymentAny.method, start, end),
        "by_status": _grouped(company_id, PaymentAny.status, start, end),
    }


def counts(company_id: int) -> dict:
    rows = db.session.execute(
        select(PaymentAny.archived, PaymentAny.reversal_of_id.is_(None), func.count())
        .where(PaymentAny.company_id == company_id)
        .group_by(PaymentAny.archived, PaymentAny.reversal_of_id.is_(None))
    )
    found = {"payments": 0, "reversals": 0, "archived": 0}
    for archived, original, n in rows:
        found["payments" if original else "reversals"] += n
        if archived:
            found["archived"] += n
    refunds = db.session.execute(
        select(Refund.status, func.count())
        .where(Refund.company_id == company_id)
        .group_by(Refund.status)
    )
    found["refunds"] = dict(sorted(refunds.all()))
    return found


def storage(company_id: int) -> list[dict]:
    """Rows of the company per table; bytes of the whole table where the database can tell."""
    sizes = _table_bytes()
    result = []
    for table in STORAGE_TABLES:
        rows = db.session.scalar(
            text(f"SELECT COUNT(*) FROM {table} WHERE company_id = :c"),  # noqa: S608  (constant)
            {"c": company_id},
        )
        result.append({"table": table, "rows": rows, "bytes": sizes.get(table)})
    return result


def _table_bytes() -> dict:
    if _dialect() == "postgresql":
        sql = "SELECT CAST(pg_total_relation_size(CAST(:t AS regclass)) AS BIGINT)"
        return {t: db.session.scalar(text(sql), {"t": t}) for t in STORAGE_TABLES}
    try:
        # dbstat counts the pages of the table and of its indexes (SQLite built with DBSTAT).
        rows = db.session.execute(
            text(
                "SELECT m.tbl_name, SUM(s.pgsize) FROM dbstat s JOIN sqlite_master m "
                "ON m.name = s.name GROUP BY m.tbl_name"
            )
        )
        return {name: int(size) for name, size in rows if name in STORAGE_TABLES}
    except Exception:  # no dbstat in this SQLite build: bytes stay unknown (None)
        db.session.rollback()
        return {}
