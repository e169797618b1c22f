"""ap bill payments: an append-only ledger of outgoing payments, and the bill's amount paid

Revision ID: 0003_ap
Revises: 0002_ap
Create Date: 2026-12-05 16:40:00

The database refuses any UPDATE or DELETE of a payment row: a correction is a reversal row.
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_ap"
down_revision = "0002_ap"
branch_labels = None
depends_on = None

REFUSED = "ap_payment_immutable: a bill payment cannot be changed or deleted"


def upgrade():
    with op.batch_alter_table("ap_bill", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "amount_paid", sa.Numeric(precision=18, scale=2), nullable=False, server_default="0"
            )
        )
    op.create_table(
        "ap_bill_payment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("bill_id", sa.Integer(), nullable=False),
        sa.Column("amount", sa.Numeric(precision=18, scale=2), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("method", sa.String(length=32), nullable=False),
        sa.Column("paid_on", sa.Date(), nullable=False),
        sa.Column("reference", sa.String(length=200), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("reversal_of_id", sa.Integer(), nullable=True),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["bill_id"], ["ap_bill.id"], name=op.f("fk_ap_bill_payment_bill_id_ap_bill")
        ),
        sa.ForeignKeyConstraint(
            ["company_id"],
            ["core_company.id"],
            name=op.f("fk_ap_bill_payment_company_id_core_company"),
        ),  # fmt: skip
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["core_user.id"],
            name=op.f("fk_ap_bill_payment_created_by_id_core_user"),
        ),  # fmt: skip
        sa.ForeignKeyConstraint(
            ["reversal_of_id"],
            ["ap_bill_payment.id"],
            name=op.f("fk_ap_bill_payment_reversal_of_id_ap_bill_payment"),
        ),  # fmt: skip
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ap_bill_payment")),
    )
    with op.batch_alter_table("ap_bill_payment", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_ap_bill_payment_company_id"), ["company_id"], unique=False
        )
        batch_op.create_index(
            "ix_ap_bill_payment_company_bill", ["company_id", "bill_id", "id"], unique=False
        )
        batch_op.create_index("uq_ap_bill_payment_reversal_of", ["reversal_of_id"], unique=True)
    for statement in _GUARD[op.get_bind().dialect.name]:
        op.execute(statement)


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION ap_bill_payment_guard() CASCADE")
    else:
        op.execute("DROP TRIGGER IF EXISTS ap_bill_payment_frozen")
        op.execute("DROP TRIGGER IF EXISTS ap_bill_payment_undeletable")
    op.drop_table("ap_bill_payment")
    with op.batch_alter_table("ap_bill", schema=None) as batch_op:
        batch_op.drop_column("amount_paid")


_GUARD = {
    "sqlite": [
        "CREATE TRIGGER ap_bill_payment_frozen BEFORE UPDATE ON ap_bill_payment "
        f"BEGIN SELECT RAISE(ABORT, '{REFUSED}'); END",
        "CREATE TRIGGER ap_bill_payment_undeletable BEFORE DELETE ON ap_bill_payment "
        f"BEGIN SELECT RAISE(ABORT, '{REFUSED}'); END",
    ],
    "postgresql": [
        "CREATE FUNCTION ap_bill_payment_guard() RETURNS trigger AS $$ "
        f"BEGIN RAISE EXCEPTION '{REFUSED}' USING ERRCODE = 'check_violation'; END $$ "
        "LANGUAGE plpgsql",
        "CREATE TRIGGER ap_bill_payment_frozen BEFORE UPDATE OR DELETE ON ap_bill_payment "
        "FOR EACH ROW EXECUTE FUNCTION ap_bill_payment_guard()",
    ],
}
