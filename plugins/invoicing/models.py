"""Invoicing tables: customers, invoices, their lines and VAT breakdown, chain head, keys.

Money columns are ``NUMERIC(18, 2)``; quantities and unit prices keep more decimals because
EN 16931 rounds only at the line net amount. All of them are ``core.api.ExactNumeric``: exact
on SQLite too (integer minor units there, never a float).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.api import (
    ChainHeadMixin,
    ExactNumeric,
    PartyMixin,
    TenantMixin,
    Versioned,
    db,
    id_index,
    list_indexes,
    utcnow,
)

MONEY = ExactNumeric(18, 2)
PRECISE = ExactNumeric(18, 6)
RATE = ExactNumeric(5, 2)

DRAFT, FINALIZED, APPROVED, SENT, VOID = "DRAFT", "FINALIZED", "APPROVED", "SENT", "VOID"
STATUSES = (DRAFT, FINALIZED, APPROVED, SENT, VOID)
PAYMENT_STATUSES = ("unpaid", "partial", "paid", "overdue")
INVOICE, CREDIT_NOTE = "invoice", "credit_note"


class Customer(PartyMixin, Versioned, TenantMixin, db.Model):
    __tablename__ = "invoicing_customer"
    __table_args__ = (
        Index("ix_invoicing_customer_company_name", "company_id", "name"),
        # One per sortable list column (migration 0011).
        id_index("invoicing_customer"),  # newest first (migration 0012)
        *list_indexes("invoicing_customer", "trn", "country", "peppol_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    vat_ids: Mapped[list] = mapped_column(JSON, default=list)
    payment_terms_days: Mapped[int] = mapped_column(default=30)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Invoice(Versioned, TenantMixin, db.Model):
    __tablename__ = "invoicing_invoice"
    __table_args__ = (
        Index("ix_invoicing_invoice_company_status", "company_id", "status", "id"),
        Index("ix_invoicing_invoice_company_issue_date", "company_id", "issue_date", "id"),
        Index("ix_invoicing_invoice_company_customer", "company_id", "customer_id"),
        Index("ix_invoicing_invoice_number", "number"),
        # One per sortable list column (migration 0009): pages read in index order.
        id_index("invoicing_invoice"),  # newest first (migration 0012)
        *list_indexes(
            "invoicing_invoice",
            "number",
            "due_date",
            "total",
            "amount_due",
            "payment_status",
            "customer_id",
        ),
        UniqueConstraint("company_id", "number", name="uq_invoicing_invoice_company_number"),
        UniqueConstraint("company_id", "chain_seq", name="uq_invoicing_invoice_company_chain"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    type: Mapped[str] = mapped_column(String(16), default=INVOICE)
    number: Mapped[str | None] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16), default=DRAFT)
    payment_status: Mapped[str] = mapped_column(String(16), default="unpaid")
    customer_id: Mapped[int] = mapped_column(ForeignKey("invoicing_customer.id"))
    issue_date: Mapped[date]
    due_date: Mapped[date | None]
    currency: Mapped[str] = mapped_column(String(3), default="AED")
    exchange_rate: Mapped[Decimal] = mapped_column(PRECISE, default=Decimal("1"))
    buyer_reference: Mapped[str | None] = mapped_column(String(200))
    order_reference: Mapped[str | None] = mapped_column(String(200))
    notes: Mapped[str | None] = mapped_column(Text)
    payment_iban: Mapped[str | None] = mapped_column(String(34))
    subtotal: Mapped[Decimal | None] = mapped_column(MONEY)
    tax_total: Mapped[Decimal | None] = mapped_column(MONEY)
    total: Mapped[Decimal | None] = mapped_column(MONEY)
    amount_due: Mapped[Decimal | None] = mapped_column(MONEY)
    chain_seq: Mapped[int | None]
    hash: Mapped[str | None] = mapped_column(String(64))
    prev_hash: Mapped[str | None] = mapped_column(String(64))
    xml_hash: Mapped[str | None] = mapped_column(String(64))
    signature: Mapped[str | None] = mapped_column(Text)
    signing_key_id: Mapped[int | None] = mapped_column(ForeignKey("invoicing_signing_key.id"))
    credit_note_of_id: Mapped[int | None] = mapped_column(ForeignKey("invoicing_invoice.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    finalized_at: Mapped[datetime | None]
    # The buyer as it was when finalized (see BUYER_SNAPSHOT); None on drafts.
    buyer_name: Mapped[str | None] = mapped_column(String(200))
    buyer_trn: Mapped[str | None] = mapped_column(String(15))
    buyer_vat_id: Mapped[str | None] = mapped_column(String(20))
    buyer_email: Mapped[str | None] = mapped_column(String(254))
    buyer_phone: Mapped[str | None] = mapped_column(String(32))
    buyer_address_line1: Mapped[str | None] = mapped_column(String(200))
    buyer_address_line2: Mapped[str | None] = mapped_column(String(200))
    buyer_city: Mapped[str | None] = mapped_column(String(100))
    buyer_postal_code: Mapped[str | None] = mapped_column(String(20))
    buyer_country: Mapped[str | None] = mapped_column(String(2))
    buyer_emirate: Mapped[str | None] = mapped_column(String(5))
    buyer_subdivision: Mapped[str | None] = mapped_column(String(6))
    buyer_peppol_id: Mapped[str | None] = mapped_column(String(80))
    buyer_legal_id: Mapped[str | None] = mapped_column(String(64))
    buyer_legal_id_type: Mapped[str | None] = mapped_column(String(3))
    buyer_legal_id_authority: Mapped[str | None] = mapped_column(String(200))
    # The seller (the company) as it was when finalized (see mapping.SELLER_SNAPSHOT).
    seller_name: Mapped[str | None] = mapped_column(String(200))
    seller_trn: Mapped[str | None] = mapped_column(String(32))
    seller_peppol_id: Mapped[str | None] = mapped_column(String(64))
    seller_address_line1: Mapped[str | None] = mapped_column(String(200))
    seller_address_line2: Mapped[str | None] = mapped_column(String(200))
    seller_city: Mapped[str | None] = mapped_column(String(100))
    seller_postal_code: Mapped[str | None] = mapped_column(String(20))
    seller_country: Mapped[str | None] = mapped_column(String(2))
    seller_subdivision: Mapped[str | None] = mapped_column(String(6))
    seller_legal_id: Mapped[str | None] = mapped_column(String(64))
    seller_legal_id_type: Mapped[str | None] = mapped_column(String(3))
    seller_legal_id_authority: Mapped[str | None] = mapped_column(String(200))
    seller_email: Mapped[str | None] = mapped_column(String(254))
    seller_phone: Mapped[str | None] = mapped_column(String(32))
    seller_iban: Mapped[str | None] = mapped_column(String(34))
    # Which payload its hash covers (chain.payload); None on documents sealed before v3.
    hash_version: Mapped[int | None]
    # UAE credit-note reason (codes.CREDIT_NOTE_REASONS); credit notes only.
    credit_reason: Mapped[str | None] = mapped_column(String(12))
    # The import job that created this draft (importer/writer.py); None for the others.
    import_job_id: Mapped[int | None] = mapped_column(index=True)

    customer: Mapped[Customer] = relationship(lazy="joined")
    lines: Mapped[list[Line]] = relationship(
        back_populates="invoice", order_by="Line.position", cascade="all, delete-orphan"
    )
    taxes: Mapped[list[Tax]] = relationship(order_by="Tax.id", cascade="all, delete-orphan")
    credit_note_of: Mapped[Invoice | None] = relationship(remote_side="Invoice.id")

    @property
    def is_draft(self) -> bool:
        return self.status == DRAFT


class Line(TenantMixin, db.Model):
    __tablename__ = "invoicing_line"

    id: Mapped[int] = mapped_column(primary_key=True)
    invoice_id: Mapped[int] = mapped_column(ForeignKey("invoicing_invoice.id"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    description: Mapped[str] = mapped_column(String(500))
    quantity: Mapped[Decimal] = mapped_column(PRECISE)
    unit_code: Mapped[str] = mapped_column(String(8), default="C62")
    unit_price: Mapped[Decimal] = mapped_column(PRECISE)
    allowance: Mapped[Decimal] = mapped_column(MONEY, default=Decimal("0"))
    tax_category: Mapped[str] = mapped_column(String(4), default="S")
    tax_rate: Mapped[Decimal] = mapped_column(RATE, default=Decimal("5"))
    exemption_reason: Mapped[str | None] = mapped_column(String(300))
    exemption_code: Mapped[str | None] = mapped_column(String(30))  # VATEX-..., exempt lines
    gtin: Mapped[str | None] = mapped_column(String(14))  # GS1, reverse-charge goods
    goods_type: Mapped[str | None] = mapped_column(String(12))  # codes.REVERSE_CHARGE_GOODS
    line_total: Mapped[Decimal | None] = mapped_column(MONEY)

    invoice: Mapped[Invoice] = relationship(back_populates="lines")


class Tax(TenantMixin, db.Model):
    """One VAT breakdown row per category and rate, written when the invoice is finalized."""

    __tablename__ = "invoicing_tax"

    id: Mapped[int] = mapped_column(primary_key=True)
    invoice_id: Mapped[int] = mapped_column(ForeignKey("invoicing_invoice.id"), index=True)
    tax_category: Mapped[str] = mapped_column(String(4))
    tax_rate: Mapped[Decimal] = mapped_column(RATE)
    taxable_amount: Mapped[Decimal] = mapped_column(MONEY)
    tax_amount: Mapped[Decimal] = mapped_column(MONEY)
    exemption_reason: Mapped[str | None] = mapped_column(String(300))


class ChainHead(ChainHeadMixin, db.Model):
    """Its lock serializes finalization, so the chain never forks."""

    __tablename__ = "invoicing_chain_head"


class SigningKey(TenantMixin, db.Model):
    """Per-company RSA-2048 key; the private half is Fernet-encrypted (see signing.py)."""

    __tablename__ = "invoicing_signing_key"

    id: Mapped[int] = mapped_column(primary_key=True)
    public_key_pem: Mapped[str] = mapped_column(Text)
    private_key_encrypted: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


MODELS = [Customer, SigningKey, Invoice, Line, Tax, ChainHead]
