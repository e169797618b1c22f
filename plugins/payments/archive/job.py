"""The ``payments.archive`` job: move payment groups dated before ``before`` to the archive,
one committed batch at a time, reporting progress on the job."""

from __future__ import annotations

import datetime as dt

from core.api import JobContext, JobParamsInvalid, db, utcnow, validates_params
from plugins.payments.archive import move

JOB = "payments.archive"


def check_params(params: dict) -> dict:
    """The archive API's rules, run when the job is queued by any caller: ``before`` is a
    date, not in the future."""
    value = params.get("before")
    try:
        day = dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        day = None
    if day is None:
        raise JobParamsInvalid({"before": "must be a date YYYY-MM-DD"})
    if day > utcnow().date():
        raise JobParamsInvalid({"before": "must not be in the future"})
    return {**params, "before": day.isoformat()}


@validates_params(check_params)
def archive_payments(ctx: JobContext, before: str) -> dict:
    """Archive payments (with reversals, refunds, allocations) dated before a cut-off date."""
    cutoff = dt.date.fromisoformat(before)
    ctx.set_total(move.count_movable(ctx.company_id, cutoff))
    groups = rows = 0
    while batch := move.next_batch(ctx.company_id, cutoff):
        rows += move.move_groups(batch)
        db.session.commit()  # each batch is whole on its own: a failure keeps the earlier ones
        groups += len(batch)
        ctx.advance(len(batch))
    ctx.flush()
    return {"before": before, "payments_archived": groups, "payment_rows_moved": rows}


JOB_TYPES = {JOB: archive_payments}
