"""Vendors: the companies we buy from. Validated exactly like invoicing's customers."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from core.api import TenantMixin, Versioned, db, utcnow


class Vendor(Versioned, TenantMixin, db.Model):
    __tablename__ = "ap_vendor"
    __table_args__ = (
        Index("ix_ap_vendor_company_name", "company_id", "name"),
        Index("ix_ap_vendor_company_peppol", "company_id", "peppol_id"),
        Index("ix_ap_vendor_company_trn", "company_id", "trn"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    trn: Mapped[str | None] = mapped_column(String(15))
    vat_ids: Mapped[list] = mapped_column(JSON, default=list)
    email: Mapped[str | None] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(32))
    address_line1: Mapped[str | None] = mapped_column(String(200))
    address_line2: Mapped[str | None] = mapped_column(String(200))
    city: Mapped[str | None] = mapped_column(String(100))
    postal_code: Mapped[str | None] = mapped_column(String(20))
    country: Mapped[str] = mapped_column(String(2), default="AE")
    emirate: Mapped[str | None] = mapped_column(String(5))
    subdivision: Mapped[str | None] = mapped_column(String(6))
    peppol_id: Mapped[str | None] = mapped_column(String(80))
    legal_id: Mapped[str | None] = mapped_column(String(64))
    legal_id_type: Mapped[str | None] = mapped_column(String(3))
    legal_id_authority: Mapped[str | None] = mapped_column(String(200))
    iban: Mapped[str | None] = mapped_column(String(34))
    payment_terms_days: Mapped[int] = mapped_column(default=30)
    created_by_import: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
