"""Scheduled jobs: recorded with type "scheduled" and run at once by the worker's scheduler."""

from __future__ import annotations

from core.db import db
from core.jobs.runner import run_job
from core.models import Job


def run_scheduled(name: str) -> int:
    """Record and run the scheduled job ``name`` (a global job: no company); return its id."""
    job = Job(name=name, type="scheduled", company_id=None, user_id=None, params={})
    db.session.add(job)
    db.session.commit()
    run_job(job.id)
    return job.id
