"""payments: company settings, customer credit ledger and the payments hash chain

Revision ID: 0003_payments_credit_chain
Revises: 0002_payments_archive
Create Date: 2026-11-24 09:00:00

Credit entries and chain entries are append-only: triggers refuse every UPDATE and DELETE, with
messages starting with the error code the API maps them to (``payment_immutable``).
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_payments_credit_chain"
down_revision = "0002_payments_archive"
branch_labels = None
depends_on = None

MONEY = sa.Numeric(18, 2)
REFUSED = {
    "payments_credit_entry": "payment_immutable: a customer credit entry cannot be changed",
    "payments_chain_entry": "payment_immutable: a payments chain entry cannot be changed",
}


def _company():
    return sa.Column("company_id", sa.Integer(), sa.ForeignKey("core_company.id"), nullable=False)


def _table(name, *columns):
    op.create_table(
        name,
        sa.Column("id", sa.Integer(), nullable=False),
        *columns,
        _company(),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{name}")),
    )
    op.create_index(op.f(f"ix_{name}_company_id"), name, ["company_id"])


def upgrade():
    _table(
        "payments_settings",
        sa.Column("overpayment_policy", sa.String(16), nullable=False),
        sa.UniqueConstraint("company_id", name="uq_payments_settings_company"),
    )
    _table(
        "payments_chain_head",
        sa.Column("last_seq", sa.Integer(), nullable=False),
        sa.Column("last_hash", sa.String(64)),
        sa.UniqueConstraint("company_id", name="uq_payments_chain_head_company"),
    )
    _table(
        "payments_chain_entry",
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("prev_hash", sa.String(64)),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("company_id", "seq", name="uq_payments_chain_entry_seq"),
    )
    op.create_index("ix_payments_chain_entry_record", "payments_chain_entry", ["kind", "record_id"])
    _credit_table()
    dialect = op.get_bind().dialect.name
    for table in REFUSED:
        for sql in _postgresql(table) if dialect == "postgresql" else _sqlite(table):
            op.execute(sql)


def _credit_table():
    t = "payments_credit_entry"
    _table(
        t,
        sa.Column(
            "customer_id", sa.Integer(), sa.ForeignKey("invoicing_customer.id"), nullable=False
        ),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("amount", MONEY, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("payment_id", sa.Integer(), nullable=False),
        sa.Column("invoice_id", sa.Integer(), sa.ForeignKey("invoicing_invoice.id")),
        sa.Column("allocation_id", sa.Integer()),
        sa.Column("reversal_id", sa.Integer()),
        sa.Column("refund_id", sa.Integer()),
        sa.Column("created_by_id", sa.Integer(), sa.ForeignKey("core_user.id")),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    op.create_index(op.f(f"ix_{t}_payment_id"), t, ["payment_id"])
    op.create_index(op.f(f"ix_{t}_allocation_id"), t, ["allocation_id"])
    op.create_index(
        "ix_payments_credit_entry_customer", t, ["company_id", "customer_id", "currency", "id"]
    )


def _sqlite(table):
    for verb in ("UPDATE", "DELETE"):
        yield f"""CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table}
            BEGIN SELECT RAISE(ABORT, '{REFUSED[table]}'); END"""


def _postgresql(table):
    yield f"""CREATE FUNCTION {table}_guard() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION '{REFUSED[table]}' USING ERRCODE = 'check_violation';
        END $$"""
    yield f"""CREATE TRIGGER {table}_frozen BEFORE UPDATE OR DELETE ON {table}
        FOR EACH ROW EXECUTE FUNCTION {table}_guard()"""


def downgrade():
    dialect = op.get_bind().dialect.name
    for table in REFUSED:
        if dialect == "postgresql":
            op.execute(f"DROP FUNCTION {table}_guard() CASCADE")
        else:
            for verb in ("update", "delete"):
                op.execute(f"DROP TRIGGER IF EXISTS {table}_no_{verb}")
    for table in (
        "payments_credit_entry",
        "payments_chain_entry",
        "payments_chain_head",
        "payments_settings",
    ):
        op.drop_table(table)
