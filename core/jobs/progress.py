"""``job_progress`` events: ids and counts only, sent once the progress is committed."""

from __future__ import annotations

from core.models import Job
from core.realtime import emit


def payload(job: Job) -> dict:
    return {
        "id": job.id,
        "name": job.name,
        "status": job.status,
        "processed": job.processed,
        "total": job.total,
    }


def announce(job: Job) -> None:
    """Queue the event for after the commit; global jobs (no company) have no room to tell."""
    if job.company_id is not None:
        emit("job_progress", payload(job), job.company_id)
