"""One row per reminder step of an invoice; unique, so a step is never sent twice."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from core.api import TenantMixin, db, utcnow

SENDING, SENT, FAILED = "sending", "sent", "failed"


class Reminder(TenantMixin, db.Model):
    __tablename__ = "invoicing_reminder"
    __table_args__ = (
        UniqueConstraint("invoice_id", "step", name="uq_invoicing_reminder_invoice_step"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    invoice_id: Mapped[int] = mapped_column(ForeignKey("invoicing_invoice.id"), index=True)
    step: Mapped[int]  # days after the due date
    status: Mapped[str] = mapped_column(String(16), default=SENDING)
    error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None]
