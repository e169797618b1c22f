"""The outbound e-mail log: every invoice or reminder message, sent or failed, and why."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from core.api import TenantMixin, db, utcnow

SENT, FAILED = "sent", "failed"


class EmailLog(TenantMixin, db.Model):
    __tablename__ = "invoicing_email"

    id: Mapped[int] = mapped_column(primary_key=True)
    invoice_id: Mapped[int] = mapped_column(ForeignKey("invoicing_invoice.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # "invoice" | "reminder"
    recipient: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(300))
    status: Mapped[str] = mapped_column(String(16))
    error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
