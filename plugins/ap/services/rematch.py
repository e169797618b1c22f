"""Re-match every open bill of a company after its match tolerances change (a job).

Changing a tolerance changes what ``FULL_MATCH``, ``VARIANCE_DETECTED`` and ``PARTIAL_MATCH``
mean, so open bills (DRAFT, MATCHED) are matched again under the new settings; approved, paid
and rejected bills keep the match they were decided on. Each bill is locked, re-matched and
committed on its own, so a long run never holds many locks.
"""

from __future__ import annotations

from sqlalchemy import select

from core.api import db, enqueue_job
from plugins.ap.models.bill import OPEN_STATUSES, Bill
from plugins.ap.services import match_run

JOB = "ap.rematch_open_bills"
MATCH_SETTINGS = (
    "full_match_limit",
    "price_tolerance_percent",
    "price_tolerance_amount",
    "quantity_tolerance_percent",
    "quantity_tolerance_amount",
)


def changed(before, after) -> list[str]:
    """The match settings whose value differs between two ``Tolerances``."""
    return [name for name in MATCH_SETTINGS if getattr(before, name) != getattr(after, name)]


def start(company_id: int, user_id: int | None, names: list[str]):
    """Queue the re-match (commits the caller's transaction with the job row)."""
    return enqueue_job(JOB, {"changed": names}, company_id=company_id, user_id=user_id)


def rematch_open_bills(ctx, changed=()):
    """The job: every open bill of the company, oldest first; returns the counts by result."""
    query = select(Bill.id).where(Bill.status.in_(OPEN_STATUSES)).order_by(Bill.id)
    ids = db.session.scalars(query).all()
    ctx.set_total(len(ids))
    results: dict[str, int] = {}
    for bill_id in ids:
        bill = match_run.run(db.session.get(Bill, bill_id), strict=False)
        results[bill.match_status or "NONE"] = results.get(bill.match_status or "NONE", 0) + 1
        db.session.commit()
        ctx.advance(ok=1)
    return {"changed": list(changed), "bills": len(ids), "match_status": results}
