"""The products and services catalogue: what a company sells (and buys), ready to put on a
line. Company-scoped; a line copies name, unit, price and VAT category from it, so changing an
item never changes a document already written."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from core.api import ExactNumeric, TenantMixin, Versioned, db, id_index, list_indexes, utcnow


class CatalogItem(Versioned, TenantMixin, db.Model):
    __tablename__ = "invoicing_catalog_item"
    __table_args__ = (
        UniqueConstraint("company_id", "code", name="uq_invoicing_catalog_item_company_code"),
        Index("ix_invoicing_catalog_item_company_name", "company_id", "name"),
        # One per sortable list column (migration 0011).
        id_index("invoicing_catalog_item"),  # newest first (migration 0012)
        *list_indexes(
            "invoicing_catalog_item", "unit_code", "unit_price", "tax_category", "active"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(200))
    unit_code: Mapped[str] = mapped_column(String(8), default="C62")
    unit_price: Mapped[Decimal] = mapped_column(ExactNumeric(18, 6))
    tax_category: Mapped[str] = mapped_column(String(4), default="S")
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
