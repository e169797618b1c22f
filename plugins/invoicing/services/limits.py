"""The free plan's monthly invoice limit (``INVOICING_FREE_PLAN_MONTHLY_LIMIT``, None = no limit).

Invoices count in the calendar month (UTC) they were created in, drafts included, because
the limit is about how many documents a company makes; credit notes correct invoices and do
not count. Pages call ``check_can_create`` before showing a form error; the API lets the
raised ``PlanLimitReached`` (an ApiError, 402) become its JSON error.

Under a limit, the check locks the company's row until the creating transaction ends, so
simultaneous creations count one after another and never pass the limit together (SQLite's
``BEGIN IMMEDIATE`` already serializes them); an import checks again before each of its
batches. Without a limit nothing is locked.
"""

from __future__ import annotations

import datetime as dt

from flask import current_app
from sqlalchemy import func, select

from core.api import ApiError, Company, db, lock_for_update, utcnow
from core.api import gettext as _
from plugins.invoicing.models import INVOICE, Invoice

CONFIG = "INVOICING_FREE_PLAN_MONTHLY_LIMIT"


class PlanLimitReached(ApiError):
    def __init__(self, limit: int, used: int, adding: int):
        left = max(limit - used, 0)
        if adding == 1:
            message = _(
                "Your plan allows %(limit)s invoices per month and this month's %(used)s are "
                "used; upgrade the plan or wait for next month to create more.",
                limit=limit,
                used=used,
            )
        else:
            message = _(
                "This would create %(adding)s invoices, but your plan allows %(limit)s per "
                "month and only %(left)s are left this month.",
                adding=adding,
                limit=limit,
                left=left,
            )
        details = {"limit": limit, "used": used, "requested": adding, "remaining": left}
        super().__init__(402, "plan_limit_reached", message, details)


def monthly_limit() -> int | None:
    value = current_app.config.get(CONFIG)
    return None if value in (None, "") else int(value)


def month_start(now: dt.datetime | None = None) -> dt.datetime:
    now = now or utcnow()
    return now.replace(day=1, hour=0, minute=0, second=0, microsecond=0)


def used_this_month(company_id: int, besides_import: int | None = None) -> int:
    """This month's invoices; ``besides_import``: not counting those that import job wrote."""
    query = select(func.count(Invoice.id)).where(
        Invoice.company_id == company_id,
        Invoice.type == INVOICE,
        Invoice.created_at >= month_start(),
    )
    if besides_import is not None:
        query = query.where(Invoice.import_job_id.is_distinct_from(besides_import))
    return db.session.scalar(query) or 0


def remaining(company_id: int) -> int | None:
    """How many more invoices the company may create this month; None when unlimited."""
    limit = monthly_limit()
    if limit is None:
        return None
    return max(limit - used_this_month(company_id), 0)


def check_can_create(company_id: int, count: int = 1, import_job: int | None = None) -> None:
    """Raise PlanLimitReached unless ``count`` more invoices fit in this month's allowance.

    An import writes in committed batches, each of which lets go of the company's row: it
    checks again before each next batch, with ``count`` all of its invoices and ``import_job``
    its job, whose invoices already written are then not counted twice."""
    limit = monthly_limit()
    if limit is None:
        return
    lock_for_update(Company, company_id)  # held until commit: the next creation counts this one
    used = used_this_month(company_id, import_job)
    if used + count > limit:
        raise PlanLimitReached(limit, used, count)
