"""payments tables, indexes and the append-only ledger triggers

Revision ID: 0001_payments
Revises:
Create Date: 2026-11-22 10:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0001_payments"
down_revision = None
branch_labels = ("payments",)
depends_on = ["0003_invoicing_snapshot", "0001_core"]

MONEY = sa.Numeric(18, 2)


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
    _payment_table()
    _tenant_table(
        "payments_refund",
        sa.Column("payment_id", sa.Integer(), sa.ForeignKey("payments_payment.id"), nullable=False),
        sa.Column("amount", MONEY, nullable=False),
        sa.Column("reason", sa.String(500), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("requested_by_id", sa.Integer(), sa.ForeignKey("core_user.id")),
        sa.Column("requested_at", sa.DateTime(), nullable=False),
        sa.Column("approved_at", sa.DateTime()),
        sa.Column("processed_at", sa.DateTime()),
        sa.Column("rejected_at", sa.DateTime()),
        sa.Column("rejection_reason", sa.String(500)),
    )
    op.create_index(op.f("ix_payments_refund_payment_id"), "payments_refund", ["payment_id"])
    op.create_index(
        "ix_payments_refund_company_status", "payments_refund", ["company_id", "status", "id"]
    )
    _tenant_table(
        "payments_allocation",
        sa.Column("payment_id", sa.Integer(), sa.ForeignKey("payments_payment.id"), nullable=False),
        sa.Column(
            "invoice_id", sa.Integer(), sa.ForeignKey("invoicing_invoice.id"), nullable=False
        ),
        sa.Column("amount", MONEY, nullable=False),
        sa.Column("refund_id", sa.Integer(), sa.ForeignKey("payments_refund.id")),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    for column in ("payment_id", "invoice_id"):
        op.create_index(op.f(f"ix_payments_allocation_{column}"), "payments_allocation", [column])
    for sql in _postgresql() if op.get_bind().dialect.name == "postgresql" else _sqlite():
        op.execute(sql)


def _payment_table():
    t = "payments_payment"
    _tenant_table(
        t,
        sa.Column("number", sa.String(32), nullable=False),
        sa.Column(
            "customer_id", sa.Integer(), sa.ForeignKey("invoicing_customer.id"), nullable=False
        ),
        sa.Column("amount", MONEY, nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("method", sa.String(32), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("reference", sa.String(200)),
        sa.Column("notes", sa.Text()),
        sa.Column("provider_transaction_id", sa.String(200)),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("reversal_of_id", sa.Integer(), sa.ForeignKey("payments_payment.id")),
        sa.Column("possible_duplicate", sa.Boolean(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), sa.ForeignKey("core_user.id")),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("company_id", "number", name="uq_payments_payment_company_number"),
    )
    op.create_index(op.f(f"ix_{t}_reversal_of_id"), t, ["reversal_of_id"])
    op.create_index("ix_payments_payment_company_date", t, ["company_id", "date", "id"])
    op.create_index("ix_payments_payment_company_customer", t, ["company_id", "customer_id", "id"])
    op.create_index(
        "ix_payments_payment_duplicate", t, ["company_id", "customer_id", "date", "amount"]
    )
    op.create_index("ix_payments_payment_provider_tx", t, ["company_id", "provider_transaction_id"])


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION payments_payment_guard() CASCADE")
        op.execute("DROP FUNCTION payments_allocation_guard() CASCADE")
    else:
        for name in TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    for table in ("payments_allocation", "payments_refund", "payments_payment"):
        op.drop_table(table)


# --- the ledger is append-only: the database refuses edits of posted payments ----------------
# A payment row may only move from posted to reversed; nothing else of it may change, and it is
# never deleted. Allocations are never updated or deleted. The messages start with the error
# codes the application maps them to.
PAYMENT_REFUSED = "payment_immutable: a posted payment cannot be changed or deleted"
ALLOCATION_REFUSED = "payment_immutable: a payment allocation cannot be changed or deleted"
FROZEN = (
    "id",
    "company_id",
    "number",
    "customer_id",
    "amount",
    "currency",
    "method",
    "date",
    "reference",
    "notes",
    "provider_transaction_id",
    "reversal_of_id",
    "possible_duplicate",
    "created_by_id",
    "created_at",
)
MOVE = "NEW.status = OLD.status OR (OLD.status = 'posted' AND NEW.status = 'reversed')"
TRIGGERS = (
    "payments_payment_frozen",
    "payments_payment_undeletable",
    "payments_allocation_frozen",
    "payments_allocation_undeletable",
)


def _sqlite():
    changed = " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in FROZEN)
    yield f"""CREATE TRIGGER payments_payment_frozen BEFORE UPDATE ON payments_payment
        WHEN {changed} OR NOT ({MOVE})
        BEGIN SELECT RAISE(ABORT, '{PAYMENT_REFUSED}'); END"""
    yield f"""CREATE TRIGGER payments_payment_undeletable BEFORE DELETE ON payments_payment
        BEGIN SELECT RAISE(ABORT, '{PAYMENT_REFUSED}'); END"""
    yield f"""CREATE TRIGGER payments_allocation_frozen BEFORE UPDATE ON payments_allocation
        BEGIN SELECT RAISE(ABORT, '{ALLOCATION_REFUSED}'); END"""
    yield f"""CREATE TRIGGER payments_allocation_undeletable BEFORE DELETE ON payments_allocation
        BEGIN SELECT RAISE(ABORT, '{ALLOCATION_REFUSED}'); END"""


def _postgresql():
    yield f"""CREATE FUNCTION payments_payment_guard() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'DELETE'
               OR (to_jsonb(NEW) - 'status') IS DISTINCT FROM (to_jsonb(OLD) - 'status')
               OR NOT ({MOVE}) THEN
                RAISE EXCEPTION '{PAYMENT_REFUSED}' USING ERRCODE = 'check_violation';
            END IF;
            RETURN NEW;
        END $$"""
    yield """CREATE TRIGGER payments_payment_frozen BEFORE UPDATE OR DELETE ON payments_payment
        FOR EACH ROW EXECUTE FUNCTION payments_payment_guard()"""
    yield f"""CREATE FUNCTION payments_allocation_guard() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION '{ALLOCATION_REFUSED}' USING ERRCODE = 'check_violation';
        END $$"""
    yield """CREATE TRIGGER payments_allocation_frozen BEFORE UPDATE OR DELETE
        ON payments_allocation FOR EACH ROW EXECUTE FUNCTION payments_allocation_guard()"""
