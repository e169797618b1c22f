"""Purchase orders and their lines.

``received_quantity`` and ``accepted_quantity`` of a line are running totals that only goods
receipts change, under a row lock (``services/receipts.py``); billed quantities are summed
from the bills when needed, because bills come and go.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.api import AuthoredMixin, TenantMixin, Versioned, db, id_index, list_indexes
from plugins.ap.models.columns import MONEY, PRECISE
from plugins.ap.models.line import ZERO, LineColumns
from plugins.ap.models.vendor import Vendor

DRAFT, SENT, CLOSED, CANCELLED = "DRAFT", "SENT", "CLOSED", "CANCELLED"
PO_STATUSES = (DRAFT, SENT, CLOSED, CANCELLED)
THREE_WAY, TWO_WAY = "three_way", "two_way"
MATCH_TYPES = (THREE_WAY, TWO_WAY)


class PurchaseOrder(Versioned, AuthoredMixin, TenantMixin, db.Model):
    __tablename__ = "ap_purchase_order"
    __table_args__ = (
        UniqueConstraint("company_id", "number", name="uq_ap_purchase_order_company_number"),
        Index("ix_ap_purchase_order_company_status", "company_id", "status", "id"),
        Index("ix_ap_purchase_order_company_vendor", "company_id", "vendor_id"),
        # One per sortable list column (migration 0006).
        id_index("ap_purchase_order"),  # newest first (migration 0008)
        *list_indexes(
            "ap_purchase_order", "number", "order_date", "expected_date", "total", "currency"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str | None] = mapped_column(String(32))
    vendor_id: Mapped[int] = mapped_column(ForeignKey("ap_vendor.id"))
    status: Mapped[str] = mapped_column(String(16), default=DRAFT)
    order_date: Mapped[date]
    expected_date: Mapped[date | None]
    currency: Mapped[str] = mapped_column(String(3), default="AED")
    notes: Mapped[str | None] = mapped_column(Text)
    subtotal: Mapped[Decimal] = mapped_column(MONEY, default=ZERO)
    tax_total: Mapped[Decimal] = mapped_column(MONEY, default=ZERO)
    total: Mapped[Decimal] = mapped_column(MONEY, default=ZERO)
    sent_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]

    vendor: Mapped[Vendor] = relationship(lazy="joined")
    lines: Mapped[list[PurchaseOrderLine]] = relationship(
        order_by="PurchaseOrderLine.position",
        cascade="all, delete-orphan",
        back_populates="order",
        lazy="selectin",
    )


class PurchaseOrderLine(LineColumns, TenantMixin, db.Model):
    __tablename__ = "ap_purchase_order_line"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("ap_purchase_order.id"), index=True)
    match_type: Mapped[str] = mapped_column(String(10), default=THREE_WAY)
    received_quantity: Mapped[Decimal] = mapped_column(PRECISE, default=ZERO)
    accepted_quantity: Mapped[Decimal] = mapped_column(PRECISE, default=ZERO)

    order: Mapped[PurchaseOrder] = relationship(back_populates="lines")

    @property
    def billable_quantity(self) -> Decimal:
        """What may be billed: accepted goods, or the ordered quantity of a 2-way line."""
        return self.quantity if self.match_type == TWO_WAY else self.accepted_quantity
