"""``enqueue_job``: record the job, commit, and only then hand its id to the queue."""

from __future__ import annotations

import inspect
import logging

from flask import current_app
from flask_babel import gettext as _

from core import exactjson
from core.db import db
from core.events import DomainEvent, on_commit, publish
from core.jobs.language import speaking_for
from core.jobs.registry import job_types
from core.jobs.validation import JobParamsInvalid, validated
from core.models import Job
from core.models.job import FAILED
from core.timeutil import utcnow

log = logging.getLogger("ledgerline.jobs")


class JobRefused(ValueError):
    """The job cannot be queued: unknown type or params it does not accept."""

    def __init__(self, code: str, message: str, details: dict | None = None):
        super().__init__(message)
        self.code, self.message, self.details = code, message, details or {}


def enqueue_job(
    name: str,
    params: dict | None = None,
    *,
    company_id: int | None,
    user_id: int | None,
    type: str = "manual",  # noqa: A002  (the column's name)
) -> Job:
    """Create the pending Job row, commit, then queue it; returns the Job.

    With ``JOBS_BACKEND = "immediate"`` the job has already run when this returns.
    """
    params = check(name, dict(params or {}))
    job = Job(name=name, params=params, company_id=company_id, user_id=user_id, type=type)
    db.session.add(job)
    db.session.flush()
    job_id = job.id
    publish(DomainEvent("JobQueued", "core_job", job_id, company_id, {"name": name}))
    # After the commit: a worker must never look for a row it cannot see yet.
    on_commit(lambda: _send(job_id))
    db.session.commit()
    return job


def check(name: str, params: dict) -> dict:
    """Refuse an unknown job type, or params its callable or its declared check would not
    accept; return the params to store."""
    known = job_types()
    func = known.get(name)
    if func is None:
        raise JobRefused(
            "unknown_job_type",
            _("There is no job type %(name)s.", name=repr(name)),
            {"known": sorted(known)},
        )
    try:
        exactjson.dumps(params)
        inspect.signature(func).bind(None, **params)
    except (TypeError, ValueError) as exc:  # not JSON (or NaN), or not the callable's params
        raise JobRefused(
            "invalid_params",
            _("Job %(name)s does not accept these params: %(exc)s", name=repr(name), exc=exc),
            {},
        ) from exc
    try:
        return validated(func, params)
    except JobParamsInvalid as exc:
        raise JobRefused("validation_failed", exc.message, {"fields": exc.fields}) from exc


def _send(job_id: int) -> None:
    try:
        current_app.extensions["ledgerline.jobs.run"](job_id)
    except Exception as exc:  # queue unreachable: say so on the job instead of leaving it pending
        log.exception("could not queue job %s", job_id)
        _mark_unqueued(job_id, exc)


def _mark_unqueued(job_id: int, exc: Exception) -> None:
    db.session.rollback()
    job = db.session.get(Job, job_id)
    if job is None:
        return
    job.status, job.finished_at = FAILED, utcnow()
    with speaking_for(job):
        said = _("could not be queued: %(error)s", error=exc)
    job.errors = [*(job.errors or []), said]
    db.session.commit()
