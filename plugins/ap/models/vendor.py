"""Vendors: the companies we buy from. Validated exactly like invoicing's customers."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from core.api import PartyMixin, TenantMixin, Versioned, db, id_index, list_indexes, utcnow


class Vendor(PartyMixin, Versioned, TenantMixin, db.Model):
    __tablename__ = "ap_vendor"
    __table_args__ = (
        Index("ix_ap_vendor_company_name", "company_id", "name"),
        Index("ix_ap_vendor_company_peppol", "company_id", "peppol_id"),
        Index("ix_ap_vendor_company_trn", "company_id", "trn"),
        # One per sortable list column (migration 0006).
        id_index("ap_vendor"),  # newest first (migration 0008)
        *list_indexes("ap_vendor", "country", "payment_terms_days"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    vat_ids: Mapped[list] = mapped_column(JSON, default=list)
    iban: Mapped[str | None] = mapped_column(String(34))
    payment_terms_days: Mapped[int] = mapped_column(default=30)
    created_by_import: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
