"""Payments tables: payments (an append-only ledger), their allocations to invoices, refunds.

A posted payment is never edited: a correction is a reversal record (negative amount,
``reversal_of``) and the original only moves from ``posted`` to ``reversed``. The migration's
triggers make the database refuse anything else.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.api import AuthoredMixin, ExactNumeric, TenantMixin, db, id_index, list_indexes, utcnow

MONEY = ExactNumeric(18, 2)  # exact on SQLite too (integer minor units), never a float

POSTED, REVERSED = "posted", "reversed"
BUILTIN_METHODS = ("bank_transfer", "card", "cash", "cheque", "wallet", "other")

REQUESTED, APPROVED, PROCESSED, REJECTED = "requested", "approved", "processed", "rejected"
REFUND_STATUSES = (REQUESTED, APPROVED, PROCESSED, REJECTED)


class Payment(AuthoredMixin, TenantMixin, db.Model):
    __tablename__ = "payments_payment"
    __table_args__ = (
        UniqueConstraint("company_id", "number", name="uq_payments_payment_company_number"),
        Index("ix_payments_payment_company_date", "company_id", "date", "id"),
        Index("ix_payments_payment_company_customer", "company_id", "customer_id", "id"),
        Index("ix_payments_payment_duplicate", "company_id", "customer_id", "date", "amount"),
        Index("ix_payments_payment_provider_tx", "company_id", "provider_transaction_id"),
        # One per sortable list column (migration 0005).
        id_index("payments_payment"),  # newest first (migration 0006)
        *list_indexes("payments_payment", "method", "reference", "amount", "currency", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(32))
    customer_id: Mapped[int] = mapped_column(ForeignKey("invoicing_customer.id"))
    amount: Mapped[Decimal] = mapped_column(MONEY)
    currency: Mapped[str] = mapped_column(String(3))
    method: Mapped[str] = mapped_column(String(32))
    date: Mapped[date]
    reference: Mapped[str | None] = mapped_column(String(200))
    notes: Mapped[str | None] = mapped_column(Text)
    provider_transaction_id: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(16), default=POSTED)
    reversal_of_id: Mapped[int | None] = mapped_column(
        ForeignKey("payments_payment.id"), index=True
    )
    possible_duplicate: Mapped[bool] = mapped_column(default=False)

    allocations: Mapped[list[Allocation]] = relationship(
        order_by="Allocation.id", back_populates="payment", lazy="selectin"
    )

    @property
    def is_reversal(self) -> bool:
        return self.reversal_of_id is not None


class Allocation(TenantMixin, db.Model):
    """Money of a payment applied to one invoice; a processed refund adds a negative row."""

    __tablename__ = "payments_allocation"

    id: Mapped[int] = mapped_column(primary_key=True)
    payment_id: Mapped[int] = mapped_column(ForeignKey("payments_payment.id"), index=True)
    invoice_id: Mapped[int] = mapped_column(ForeignKey("invoicing_invoice.id"), index=True)
    amount: Mapped[Decimal] = mapped_column(MONEY)
    refund_id: Mapped[int | None] = mapped_column(ForeignKey("payments_refund.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    payment: Mapped[Payment] = relationship(back_populates="allocations")


class Refund(TenantMixin, db.Model):
    __tablename__ = "payments_refund"
    __table_args__ = (
        Index("ix_payments_refund_company_status", "company_id", "status", "id"),
        id_index("payments_refund"),  # newest first (migration 0006)
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    payment_id: Mapped[int] = mapped_column(ForeignKey("payments_payment.id"), index=True)
    amount: Mapped[Decimal] = mapped_column(MONEY)
    reason: Mapped[str] = mapped_column(String(500))
    status: Mapped[str] = mapped_column(String(16), default=REQUESTED)
    requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("core_user.id"))
    requested_at: Mapped[datetime] = mapped_column(default=utcnow)
    approved_at: Mapped[datetime | None]
    processed_at: Mapped[datetime | None]
    rejected_at: Mapped[datetime | None]
    rejection_reason: Mapped[str | None] = mapped_column(String(500))

    payment: Mapped[Payment] = relationship(lazy="joined")


MODELS = [Payment, Refund, Allocation]
