"""wallet tables: settings, payment requests, chain payments ledger, scan cursor, seen blocks

Revision ID: 0001_wallet
Revises:
Create Date: 2026-12-05 13:30:00
"""

import sqlalchemy as sa
from alembic import op

from core.money import ExactNumeric
from plugins.wallet.columns import TokenUnits

revision = "0001_wallet"
down_revision = None
branch_labels = ("wallet",)
depends_on = ["0001_payments", "0001_core"]

UNITS = TokenUnits()


def _tenant_table(name, *columns, **kw):
    op.create_table(
        name,
        sa.Column("id", sa.Integer(), nullable=False),
        *columns,
        sa.Column("company_id", sa.Integer(), sa.ForeignKey("core_company.id"), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{name}")),
        **kw,
    )
    op.create_index(op.f(f"ix_{name}_company_id"), name, ["company_id"])


def upgrade():
    _tenant_table(
        "wallet_settings",
        sa.Column("mode", sa.String(8), nullable=False),
        sa.Column("xpub", sa.String(120)),
        sa.Column("master_address", sa.String(42)),
        sa.Column("master_id", sa.String(10)),
        sa.Column("token_address", sa.String(42), nullable=False),
        sa.Column("chain_id", sa.Integer(), nullable=False),
        sa.Column("confirmations", sa.Integer(), nullable=False),
        sa.Column("expiry_minutes", sa.Integer(), nullable=False),
        sa.Column("monitor_minutes", sa.Integer(), nullable=False),
        sa.Column("tolerance_percent", ExactNumeric(5, 2), nullable=False),
        sa.Column("exchange_rates", sa.JSON(), nullable=False),
        sa.Column("next_index", sa.Integer(), nullable=False),
        sa.UniqueConstraint("company_id", name="uq_wallet_settings_company"),
    )
    _tenant_table(
        "wallet_payment_request",
        sa.Column(
            "invoice_id", sa.Integer(), sa.ForeignKey("invoicing_invoice.id"), nullable=False
        ),
        sa.Column("chain_id", sa.Integer(), nullable=False),
        sa.Column("token_address", sa.String(42), nullable=False),
        sa.Column("decimals", sa.Integer(), nullable=False),
        sa.Column("mode", sa.String(8), nullable=False),
        sa.Column("address", sa.String(42), nullable=False),
        sa.Column("derivation_index", sa.Integer()),
        sa.Column("amount_units", UNITS, nullable=False),
        sa.Column("invoice_amount", ExactNumeric(18, 2), nullable=False),
        sa.Column("invoice_currency", sa.String(3), nullable=False),
        sa.Column("token_currency", sa.String(3), nullable=False),
        sa.Column("rate", ExactNumeric(18, 12), nullable=False),
        sa.Column("tolerance_percent", ExactNumeric(5, 2), nullable=False),
        sa.Column("confirmations", sa.Integer(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.Column("monitor_until", sa.DateTime(), nullable=False),
        sa.Column("memo", sa.String(66)),
        sa.Column("public_token", sa.String(64), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("exception", sa.String(16)),
        sa.Column("payment_id", sa.Integer(), sa.ForeignKey("payments_payment.id")),
        sa.Column("posted_units", UNITS, nullable=False),
        sa.Column("refund_units", UNITS, nullable=False),
        sa.Column("destroyed_at", sa.DateTime()),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("chain_id", "address", name="uq_wallet_payment_request_address"),
        sa.UniqueConstraint("public_token", name="uq_wallet_payment_request_public_token"),
    )
    op.create_index(
        "ix_wallet_payment_request_watch",
        "wallet_payment_request",
        ["chain_id", "destroyed_at", "monitor_until"],
    )
    op.create_index(
        "ix_wallet_payment_request_invoice", "wallet_payment_request", ["company_id", "invoice_id"]
    )
    _tenant_table(
        "wallet_chain_payment",
        sa.Column(
            "request_id", sa.Integer(), sa.ForeignKey("wallet_payment_request.id"), nullable=False
        ),
        sa.Column("chain_id", sa.Integer(), nullable=False),
        sa.Column("tx_hash", sa.String(66), nullable=False),
        sa.Column("log_index", sa.Integer(), nullable=False),
        sa.Column("block_number", sa.Integer(), nullable=False),
        sa.Column("block_hash", sa.String(66), nullable=False),
        sa.Column("block_time", sa.DateTime(), nullable=False),
        sa.Column("token_address", sa.String(42), nullable=False),
        sa.Column("from_address", sa.String(42), nullable=False),
        sa.Column("to_address", sa.String(42), nullable=False),
        sa.Column("amount_units", UNITS, nullable=False),
        sa.Column("memo", sa.String(66)),
        sa.Column("orphaned", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("chain_id", "tx_hash", "log_index", name="uq_wallet_chain_payment_log"),
    )
    op.create_index(
        op.f("ix_wallet_chain_payment_request_id"), "wallet_chain_payment", ["request_id"]
    )
    op.create_index(
        "ix_wallet_chain_payment_block", "wallet_chain_payment", ["chain_id", "block_hash"]
    )
    op.create_table(
        "wallet_scan_cursor",
        sa.Column("chain_id", sa.Integer(), nullable=False),
        sa.Column("last_block", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("chain_id", name=op.f("pk_wallet_scan_cursor")),
    )
    op.create_table(
        "wallet_seen_block",
        sa.Column("chain_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("hash", sa.String(66), nullable=False),
        sa.PrimaryKeyConstraint("chain_id", "number", name=op.f("pk_wallet_seen_block")),
    )


def downgrade():
    for name in (
        "wallet_seen_block",
        "wallet_scan_cursor",
        "wallet_chain_payment",
        "wallet_payment_request",
        "wallet_settings",
    ):
        op.drop_table(name)
