"""Jobs left "running" by a worker that died: found by their silent heartbeat, marked failed.

A running job writes ``heartbeat_at`` with each progress update (``JobContext.flush``). When
none came for ``JOBS_STALE_MINUTES``, nobody is running it any more: without this it would
show "running" forever. Checked when a worker starts and by an hourly scheduled job.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import func, select, update

from core.db import db
from core.jobs.language import speaking_for
from core.jobs.progress import announce
from core.models import Job
from core.models.job import FAILED, RUNNING
from core.tenancy import scoped
from core.timeutil import utcnow

STOPPED = "worker stopped while running"  # the log's words; the job's are its starter's
log = logging.getLogger("ledgerline.jobs")


def fail_stale_jobs() -> int:
    """Mark every stale running job failed; return how many. Commits."""
    minutes = int(current_app.config["JOBS_STALE_MINUTES"])
    cutoff = utcnow() - timedelta(minutes=minutes)
    with scoped(None):  # system code: every company's jobs
        failed = sum(_fail(job, cutoff) for job in _stale(cutoff))
    db.session.commit()
    return failed


def fail_stale_jobs_job(ctx):
    """Mark running jobs whose worker stopped (no heartbeat for JOBS_STALE_MINUTES) failed."""
    failed = fail_stale_jobs()
    ctx.advance(ok=failed)
    return {"failed": failed}


def _silent_since(cutoff):
    # started_at covers a job that died before its first progress write.
    return func.coalesce(Job.heartbeat_at, Job.started_at) < cutoff


def _stale(cutoff) -> list[Job]:
    query = select(Job).where(Job.status == RUNNING, _silent_since(cutoff)).order_by(Job.id)
    return list(db.session.scalars(query))


def _stopped(job: Job) -> str:
    with speaking_for(job):
        return _("worker stopped while running")


def _fail(job: Job, cutoff) -> bool:
    # Conditional: a job whose worker wrote a heartbeat after all is left alone.
    changed = db.session.execute(
        update(Job)
        .where(Job.id == job.id, Job.status == RUNNING, _silent_since(cutoff))
        .values(status=FAILED, finished_at=utcnow(), errors=[*(job.errors or []), _stopped(job)])
        .execution_options(synchronize_session=False)
    ).rowcount
    if changed:
        db.session.refresh(job)
        log.warning("job %s (%s): %s", job.id, job.name, STOPPED)
        announce(job)
    return bool(changed)
