"""Which jobs an actor may see and start.

``core_job`` is not a TenantMixin table (scheduled jobs belong to no company), so the
company filter is applied here, for the pages and the API alike.
"""

from __future__ import annotations

from sqlalchemy import Select, func, select

from core.db import db
from core.models import Job
from core.models.user import COMPANY_ADMIN


def visible_jobs(actor) -> Select:
    """Newest first with the id as tie-breaker, so pages of the list never overlap."""
    query = select(Job).order_by(Job.created_at.desc(), Job.id.desc())
    if not actor.is_super_admin:
        query = query.where(Job.company_id == actor.company_id)
    return query


def count_visible(actor) -> int:
    query = select(func.count(Job.id))
    if not actor.is_super_admin:
        query = query.where(Job.company_id == actor.company_id)
    return db.session.scalar(query) or 0


def get_visible(actor, job_id: int) -> Job | None:
    job = db.session.get(Job, job_id)
    if job is None or (not actor.is_super_admin and job.company_id != actor.company_id):
        return None  # another company's job is "not found", not "forbidden"
    return job


def can_run(actor) -> bool:
    """Starting jobs is for the company's admins (SUPER_ADMIN is read-only everywhere)."""
    return (
        actor is not None
        and actor.role == COMPANY_ADMIN
        and actor.company_id is not None
        and actor.can_write
    )


def latest_job(name: str, company_id: int) -> Job | None:
    """The most recent job ``name`` of the company (for a page that shows the last run)."""
    query = select(Job).where(Job.company_id == company_id, Job.name == name)
    return db.session.scalars(query.order_by(Job.id.desc()).limit(1)).first()
