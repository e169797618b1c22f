"""Vendor bills (and vendor credit notes) with their lines and the stored match result."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, query_expression, relationship

from core.api import AuthoredMixin, TenantMixin, Versioned, db, id_index, list_indexes
from plugins.ap.models.columns import MONEY
from plugins.ap.models.document import BillDocument
from plugins.ap.models.line import ZERO, LineColumns
from plugins.ap.models.order import PurchaseOrder, PurchaseOrderLine
from plugins.ap.models.vendor import Vendor

DRAFT, MATCHED, APPROVED, PAID, REJECTED = "DRAFT", "MATCHED", "APPROVED", "PAID", "REJECTED"
PARTIALLY_PAID = "PARTIALLY_PAID"
BILL_STATUSES = (DRAFT, MATCHED, APPROVED, PARTIALLY_PAID, PAID, REJECTED)
PAYABLE_STATUSES = (APPROVED, PARTIALLY_PAID)
OPEN_STATUSES = (DRAFT, MATCHED)  # may still be (re-)matched
FULL_MATCH, VARIANCE_DETECTED = "FULL_MATCH", "VARIANCE_DETECTED"
PARTIAL_MATCH, NOT_MATCHED = "PARTIAL_MATCH", "NOT_MATCHED"
MATCH_STATUSES = (FULL_MATCH, VARIANCE_DETECTED, PARTIAL_MATCH, NOT_MATCHED)
INVOICE, CREDIT_NOTE = "invoice", "credit_note"


class Bill(Versioned, AuthoredMixin, TenantMixin, db.Model):
    __tablename__ = "ap_bill"
    __table_args__ = (
        UniqueConstraint(
            "company_id",
            "vendor_id",
            "vendor_invoice_number",
            "fiscal_year",
            name="uq_ap_bill_vendor_number_year",
        ),
        Index("ix_ap_bill_company_status", "company_id", "status", "id"),
        Index("ix_ap_bill_company_match", "company_id", "match_status", "id"),
        Index("ix_ap_bill_duplicate", "company_id", "vendor_id", "issue_date", "total"),
        Index("ix_ap_bill_company_order", "company_id", "order_id"),
        # One per sortable list column (migration 0006).
        id_index("ap_bill"),  # newest first (migration 0008)
        *list_indexes(
            "ap_bill", "vendor_invoice_number", "vendor_id", "issue_date", "total", "currency"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), default=INVOICE)
    vendor_id: Mapped[int] = mapped_column(ForeignKey("ap_vendor.id"))
    vendor_invoice_number: Mapped[str] = mapped_column(String(100))
    issue_date: Mapped[date]
    due_date: Mapped[date | None]
    fiscal_year: Mapped[int]
    currency: Mapped[str] = mapped_column(String(3), default="AED")
    order_id: Mapped[int | None] = mapped_column(ForeignKey("ap_purchase_order.id"))
    order_reference: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(16), default=DRAFT)
    match_status: Mapped[str | None] = mapped_column(String(20))
    match_result: Mapped[dict | None] = mapped_column(JSON)
    matched_at: Mapped[datetime | None]
    subtotal: Mapped[Decimal] = mapped_column(MONEY, default=ZERO)
    tax_total: Mapped[Decimal] = mapped_column(MONEY, default=ZERO)
    total: Mapped[Decimal] = mapped_column(MONEY, default=ZERO)
    possible_duplicate_of_id: Mapped[int | None] = mapped_column(ForeignKey("ap_bill.id"))
    source: Mapped[str] = mapped_column(String(200), default="api")  # "api", "peppol:<id>" ...
    warnings: Mapped[list] = mapped_column(JSON, default=list)
    approved_at: Mapped[datetime | None]
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("core_user.id"))
    override_reason: Mapped[str | None] = mapped_column(Text)
    rejection_reason: Mapped[str | None] = mapped_column(Text)
    paid_at: Mapped[datetime | None]
    amount_paid: Mapped[Decimal] = mapped_column(MONEY, default=ZERO)  # sum of its payments

    vendor: Mapped[Vendor] = relationship(lazy="joined")
    order: Mapped[PurchaseOrder | None] = relationship(lazy="joined")
    # The order's number, when a list reads it with its page (plugins.ap.vendor_join).
    order_number: Mapped[str | None] = query_expression()
    lines: Mapped[list[BillLine]] = relationship(
        order_by="BillLine.position", cascade="all, delete-orphan", lazy="selectin"
    )
    document: Mapped[BillDocument | None] = relationship(cascade="all, delete-orphan")


class BillLine(LineColumns, TenantMixin, db.Model):
    __tablename__ = "ap_bill_line"

    id: Mapped[int] = mapped_column(primary_key=True)
    bill_id: Mapped[int] = mapped_column(ForeignKey("ap_bill.id"), index=True)
    order_line_reference: Mapped[str | None] = mapped_column(String(64))
    order_line_id: Mapped[int | None] = mapped_column(
        ForeignKey("ap_purchase_order_line.id"), index=True
    )
    link_method: Mapped[str | None] = mapped_column(String(24))

    order_line: Mapped[PurchaseOrderLine | None] = relationship(lazy="joined")
