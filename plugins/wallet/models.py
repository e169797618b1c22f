"""Wallet tables: company settings, payment requests, the on-chain payments ledger, the
watcher's cursor and the block hashes it keeps to notice reorgs.

Token amounts are whole token units (``columns.TokenUnits``: any uint256, exact on SQLite and
PostgreSQL); money and rates are ``ExactNumeric``; never floats.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import JSON, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.api import ExactNumeric, TenantMixin, Versioned, db, id_index, list_indexes, utcnow
from plugins.wallet.columns import TokenUnits
from plugins.wallet.units import from_units

UNITS = TokenUnits()
RATE = ExactNumeric(18, 12)  # below 10**6 per unit, 12 decimals
PERCENT = ExactNumeric(5, 2)

NEW, PROCESSING, SETTLED, EXPIRED, INVALID = "New", "Processing", "Settled", "Expired", "Invalid"
STATUSES = (NEW, PROCESSING, SETTLED, EXPIRED, INVALID)
PAID_PARTIAL, PAID_OVER, PAID_LATE, MARKED = "PaidPartial", "PaidOver", "PaidLate", "Marked"
EXCEPTIONS = (PAID_PARTIAL, PAID_OVER, PAID_LATE, MARKED)
LIVE = (NEW, PROCESSING)
HD, VIRTUAL = "hd", "virtual"


class WalletSettings(Versioned, TenantMixin, db.Model):
    """One row per company, created on first change (defaults in ``settings.DEFAULTS``)."""

    __tablename__ = "wallet_settings"
    __table_args__ = (UniqueConstraint("company_id", name="uq_wallet_settings_company"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    mode: Mapped[str] = mapped_column(String(8), default=HD)
    xpub: Mapped[str | None] = mapped_column(String(120))
    master_address: Mapped[str | None] = mapped_column(String(42))
    master_id: Mapped[str | None] = mapped_column(String(10))  # TIP-1022 masterId, 0x + 8 hex
    token_address: Mapped[str] = mapped_column(String(42))
    chain_id: Mapped[int]
    confirmations: Mapped[int]
    expiry_minutes: Mapped[int]
    monitor_minutes: Mapped[int]
    tolerance_percent: Mapped[Decimal] = mapped_column(PERCENT)
    # Invoice currency -> token currency (1 unit of the key currency buys this many tokens).
    exchange_rates: Mapped[dict] = mapped_column(JSON, default=dict)
    next_index: Mapped[int] = mapped_column(default=0)


class PaymentRequest(TenantMixin, db.Model):
    __tablename__ = "wallet_payment_request"
    __table_args__ = (
        UniqueConstraint("chain_id", "address", name="uq_wallet_payment_request_address"),
        UniqueConstraint("public_token", name="uq_wallet_payment_request_public_token"),
        Index("ix_wallet_payment_request_watch", "chain_id", "destroyed_at", "monitor_until"),
        Index("ix_wallet_payment_request_invoice", "company_id", "invoice_id"),
        # One per sortable list column (migration 0002).
        id_index("wallet_payment_request"),  # newest first (migration 0003)
        *list_indexes(
            "wallet_payment_request",
            "address",
            "amount_units",
            "invoice_amount",
            "status",
            "expires_at",
            "created_at",
            "destroyed_at",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    invoice_id: Mapped[int] = mapped_column(ForeignKey("invoicing_invoice.id"))
    chain_id: Mapped[int]
    token_address: Mapped[str] = mapped_column(String(42))
    decimals: Mapped[int]
    mode: Mapped[str] = mapped_column(String(8))
    address: Mapped[str] = mapped_column(String(42))
    derivation_index: Mapped[int | None]
    amount_units: Mapped[Decimal] = mapped_column(UNITS)
    invoice_amount: Mapped[Decimal] = mapped_column(ExactNumeric(18, 2))
    invoice_currency: Mapped[str] = mapped_column(String(3))
    token_currency: Mapped[str] = mapped_column(String(3))
    rate: Mapped[Decimal] = mapped_column(RATE)
    tolerance_percent: Mapped[Decimal] = mapped_column(PERCENT)
    confirmations: Mapped[int]
    expires_at: Mapped[datetime]
    monitor_until: Mapped[datetime]
    memo: Mapped[str | None] = mapped_column(String(66))
    public_token: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16), default=NEW)
    exception: Mapped[str | None] = mapped_column(String(16))
    # The payments-plugin payment while Settled; a reorg reverses it and clears this.
    payment_id: Mapped[int | None] = mapped_column(ForeignKey("payments_payment.id"))
    posted_units: Mapped[Decimal] = mapped_column(UNITS, default=Decimal(0))
    refund_units: Mapped[Decimal] = mapped_column(UNITS, default=Decimal(0))
    destroyed_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    payments: Mapped[list[ChainPayment]] = relationship(
        order_by="ChainPayment.id", back_populates="request", lazy="selectin"
    )

    def tokens(self, units: Decimal | None = None) -> Decimal:
        """The amount asked (or ``units`` of this token) in whole tokens, as people read it."""
        return from_units(self.amount_units if units is None else units, self.decimals)


class ChainPayment(TenantMixin, db.Model):
    """A token transfer to a request's address, as seen in one block. Append-only: a reorg
    only sets ``orphaned``; the same log included again un-orphans it with its new block."""

    __tablename__ = "wallet_chain_payment"
    __table_args__ = (
        UniqueConstraint("chain_id", "tx_hash", "log_index", name="uq_wallet_chain_payment_log"),
        Index("ix_wallet_chain_payment_block", "chain_id", "block_hash"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("wallet_payment_request.id"), index=True)
    chain_id: Mapped[int]
    tx_hash: Mapped[str] = mapped_column(String(66))
    log_index: Mapped[int]
    block_number: Mapped[int]
    block_hash: Mapped[str] = mapped_column(String(66))
    block_time: Mapped[datetime]
    token_address: Mapped[str] = mapped_column(String(42))
    from_address: Mapped[str] = mapped_column(String(42))
    to_address: Mapped[str] = mapped_column(String(42))
    amount_units: Mapped[Decimal] = mapped_column(UNITS)
    memo: Mapped[str | None] = mapped_column(String(66))
    orphaned: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    request: Mapped[PaymentRequest] = relationship(back_populates="payments")


class ScanCursor(db.Model):
    """Per chain: the last block the watcher has fully scanned."""

    __tablename__ = "wallet_scan_cursor"
    __ledgerline_global__ = True

    chain_id: Mapped[int] = mapped_column(primary_key=True)
    last_block: Mapped[int] = mapped_column(default=-1)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class SeenBlock(db.Model):
    """Hashes of recent blocks the watcher relied on (pass ends and payment blocks)."""

    __tablename__ = "wallet_seen_block"
    __ledgerline_global__ = True

    chain_id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[int] = mapped_column(primary_key=True)
    hash: Mapped[str] = mapped_column(String(66))


MODELS = [WalletSettings, PaymentRequest, ChainPayment, ScanCursor, SeenBlock]
