"""invoicing e-mail log and payment reminder steps

Revision ID: 0002_invoicing_mail
Revises: 0001_invoicing
Create Date: 2026-11-22 10:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_invoicing_mail"
down_revision = "0001_invoicing"
branch_labels = None
depends_on = None


def _table(name, *columns):
    op.create_table(
        name,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), sa.ForeignKey("core_company.id"), nullable=False),
        sa.Column(
            "invoice_id", sa.Integer(), sa.ForeignKey("invoicing_invoice.id"), nullable=False
        ),
        *columns,
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{name}")),
    )
    op.create_index(op.f(f"ix_{name}_company_id"), name, ["company_id"])
    op.create_index(op.f(f"ix_{name}_invoice_id"), name, ["invoice_id"])


def upgrade():
    _table(
        "invoicing_email",
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("recipient", sa.String(254), nullable=False),
        sa.Column("subject", sa.String(300), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("error", sa.Text()),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    # One row per (invoice, step): the constraint is what makes a step impossible to send twice,
    # even when two reminder runs overlap.
    _table(
        "invoicing_reminder",
        sa.Column("step", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("error", sa.Text()),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("sent_at", sa.DateTime()),
        sa.UniqueConstraint("invoice_id", "step", name="uq_invoicing_reminder_invoice_step"),
    )


def downgrade():
    op.drop_table("invoicing_reminder")
    op.drop_table("invoicing_email")
