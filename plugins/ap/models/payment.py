"""Outgoing payments of vendor bills: an append-only ledger (a correction is a reversal row).

A row is never updated or deleted (database triggers refuse both). A reversal is a new row
with the negative amount and ``reversal_of_id``; a payment is reversed at most once (unique).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from core.api import AuthoredMixin, TenantMixin, db
from plugins.ap.models.columns import MONEY

PAY_METHODS = ("bank_transfer", "cheque", "cash", "card", "other")


class BillPayment(AuthoredMixin, TenantMixin, db.Model):
    __tablename__ = "ap_bill_payment"
    __table_args__ = (
        Index("ix_ap_bill_payment_company_bill", "company_id", "bill_id", "id"),
        Index("uq_ap_bill_payment_reversal_of", "reversal_of_id", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    bill_id: Mapped[int] = mapped_column(ForeignKey("ap_bill.id"))
    amount: Mapped[Decimal] = mapped_column(MONEY)  # negative on a reversal
    currency: Mapped[str] = mapped_column(String(3))
    method: Mapped[str] = mapped_column(String(32))
    paid_on: Mapped[date]
    reference: Mapped[str | None] = mapped_column(String(200))
    notes: Mapped[str | None] = mapped_column(Text)
    reversal_of_id: Mapped[int | None] = mapped_column(ForeignKey("ap_bill_payment.id"))
