from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from core.db import db
from core.timeutil import utcnow

PENDING, RUNNING, COMPLETED, FAILED = "pending", "running", "completed", "failed"


class Job(db.Model):
    """A background job's record: what the jobs page and ``/api/v1/jobs/<id>`` show."""

    __tablename__ = "core_job"

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int | None] = mapped_column(ForeignKey("core_company.id"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("core_user.id"))
    name: Mapped[str] = mapped_column(String(100))
    type: Mapped[str] = mapped_column(String(20), default="manual")  # scheduled | manual
    status: Mapped[str] = mapped_column(String(20), default=PENDING, index=True)
    params: Mapped[dict] = mapped_column(JSON, default=dict)
    total: Mapped[int] = mapped_column(default=0)
    processed: Mapped[int] = mapped_column(default=0)
    succeeded: Mapped[int] = mapped_column(default=0)
    failed: Mapped[int] = mapped_column(default=0)
    errors: Mapped[list] = mapped_column(JSON, default=list)
    result: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    started_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]
    heartbeat_at: Mapped[datetime | None]  # last sign of life of the worker running it

    def to_dict(self) -> dict:
        iso = lambda d: d.isoformat() + "Z" if d else None  # noqa: E731
        return {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "status": self.status,
            "total": self.total,
            "processed": self.processed,
            "succeeded": self.succeeded,
            "failed": self.failed,
            "errors": self.errors,
            "result": self.result,
            "created_at": iso(self.created_at),
            "started_at": iso(self.started_at),
            "finished_at": iso(self.finished_at),
        }
