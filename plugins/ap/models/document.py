"""The original e-invoice XML of an imported bill: stored once, never changed."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from core.api import TenantMixin, db, utcnow


class BillDocument(TenantMixin, db.Model):
    __tablename__ = "ap_bill_document"
    __table_args__ = (UniqueConstraint("bill_id", name="uq_ap_bill_document_bill"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    bill_id: Mapped[int] = mapped_column(ForeignKey("ap_bill.id"))
    xml: Mapped[bytes] = mapped_column(LargeBinary)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    profile: Mapped[str] = mapped_column(String(32))
    filename: Mapped[str | None] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
