"""Goods receipt notes: what arrived against a sent purchase order, and what was accepted."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.api import AuthoredMixin, TenantMixin, db
from plugins.ap.models.columns import PRECISE
from plugins.ap.models.order import PurchaseOrder, PurchaseOrderLine


class GoodsReceipt(AuthoredMixin, TenantMixin, db.Model):
    __tablename__ = "ap_goods_receipt"
    __table_args__ = (
        UniqueConstraint("company_id", "number", name="uq_ap_goods_receipt_company_number"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(32))
    order_id: Mapped[int] = mapped_column(ForeignKey("ap_purchase_order.id"), index=True)
    received_date: Mapped[date]
    notes: Mapped[str | None] = mapped_column(Text)

    order: Mapped[PurchaseOrder] = relationship(lazy="joined")
    lines: Mapped[list[GoodsReceiptLine]] = relationship(
        order_by="GoodsReceiptLine.id", cascade="all, delete-orphan", lazy="selectin"
    )


class GoodsReceiptLine(TenantMixin, db.Model):
    __tablename__ = "ap_goods_receipt_line"

    id: Mapped[int] = mapped_column(primary_key=True)
    receipt_id: Mapped[int] = mapped_column(ForeignKey("ap_goods_receipt.id"), index=True)
    order_line_id: Mapped[int] = mapped_column(ForeignKey("ap_purchase_order_line.id"), index=True)
    received_quantity: Mapped[Decimal] = mapped_column(PRECISE)
    accepted_quantity: Mapped[Decimal] = mapped_column(PRECISE)
    rejection_reason: Mapped[str | None] = mapped_column(String(500))

    order_line: Mapped[PurchaseOrderLine] = relationship(lazy="joined")

    @property
    def rejected_quantity(self) -> Decimal:
        return self.received_quantity - self.accepted_quantity
