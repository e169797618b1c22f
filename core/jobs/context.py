"""``JobContext``: what a job callable receives, and how it reports progress."""

from __future__ import annotations

import time

from core.db import db
from core.models import Job
from core.timeutil import utcnow

MAX_ERRORS = 200  # a job failing on every item must not grow its row without bound


class JobContext:
    """Params, company and progress reporting for one running job.

    Progress is written to the job's row about every 1% or half second, whichever comes
    first, and announced to the company as a ``job_progress`` Socket.IO event. Writing it
    commits the session, so call ``advance()`` once a chunk's work is complete.
    """

    FLUSH_SECONDS = 0.5

    def __init__(self, job: Job):
        self.job = job
        self.job_id = job.id
        self.params = dict(job.params or {})
        self.company_id = job.company_id
        self.user_id = job.user_id
        self._flushed_at = time.monotonic()
        self._flushed_processed = job.processed

    def set_total(self, n: int) -> None:
        self.job.total = int(n)
        self.flush()

    def advance(self, ok: int = 1, failed: int = 0, error: str | None = None) -> None:
        """Count ``ok`` items done and ``failed`` items refused; ``error`` says why."""
        job = self.job
        job.processed += ok + failed
        job.succeeded += ok
        job.failed += failed
        if error:
            self.add_error(error)
        if self._due():
            self.flush()

    def add_error(self, message: str) -> None:
        errors = list(self.job.errors or [])
        if len(errors) < MAX_ERRORS:
            # A new list, so the JSON column sees the change.
            self.job.errors = [*errors, str(message)]

    def _due(self) -> bool:
        step = max(1, self.job.total // 100)
        moved = self.job.processed - self._flushed_processed
        return moved >= step or time.monotonic() - self._flushed_at >= self.FLUSH_SECONDS

    def flush(self) -> None:
        from core.jobs.progress import announce

        self.job.heartbeat_at = utcnow()
        announce(self.job)
        db.session.commit()
        self._flushed_at = time.monotonic()
        self._flushed_processed = self.job.processed
