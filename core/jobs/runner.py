"""Run one job: tenant scope, status changes, and a failure that never stops the worker."""

from __future__ import annotations

import logging

from core.db import db
from core.jobs.context import JobContext
from core.jobs.language import speaking_for
from core.jobs.progress import announce
from core.jobs.registry import job_types
from core.models import Job
from core.models.job import COMPLETED, FAILED, PENDING, RUNNING
from core.tenancy import Scope, scoped
from core.timeutil import utcnow

log = logging.getLogger("ledgerline.jobs")


def run_job(job_id: int) -> None:
    """Run the pending job ``job_id`` to completed or failed; must be in an app context."""
    job = db.session.get(Job, job_id)
    if job is None or job.status != PENDING:
        # Deleted meanwhile, or delivered twice by the queue: running it again would repeat work.
        log.warning("job %s is not pending (%s); skipped", job_id, job and job.status)
        return
    scope = Scope(company_id=job.company_id) if job.company_id is not None else None
    with scoped(scope), speaking_for(job):
        _run(job)


def _run(job: Job) -> None:
    now = utcnow()
    _set_status(job, RUNNING, started_at=now, heartbeat_at=now)
    func = job_types().get(job.name)
    ctx = JobContext(job)
    try:
        if func is None:
            raise LookupError(f"unknown job type {job.name!r} (is its plugin enabled?)")
        result = func(ctx, **ctx.params)
    except Exception as exc:  # the job fails, the worker goes on with the next one
        log.exception("job %s (%s) failed", job.id, job.name)
        db.session.rollback()
        job.errors = [*(job.errors or []), str(exc) or type(exc).__name__]
        _set_status(job, FAILED, finished_at=utcnow())
        return
    if isinstance(result, dict):
        job.result = result
    _set_status(job, COMPLETED, finished_at=utcnow())


def _set_status(job: Job, status: str, **stamps) -> None:
    job.status = status
    for name, value in stamps.items():
        setattr(job, name, value)
    announce(job)
    db.session.commit()
