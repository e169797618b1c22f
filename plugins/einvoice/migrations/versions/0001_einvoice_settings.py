"""einvoice: per-company required e-invoice profiles

Revision ID: 0001_einvoice
Revises:
Create Date: 2026-12-05 13:10:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0001_einvoice"
down_revision = None
branch_labels = ("einvoice",)
depends_on = ["0001_core"]


def upgrade():
    op.create_table(
        "einvoice_setting",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("required_profiles", sa.String(200), nullable=False, server_default=""),
        sa.Column("company_id", sa.Integer(), sa.ForeignKey("core_company.id"), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_einvoice_setting")),
        sa.UniqueConstraint("company_id", name="uq_einvoice_setting_company_id"),
    )
    op.create_index(op.f("ix_einvoice_setting_company_id"), "einvoice_setting", ["company_id"])


def downgrade():
    op.drop_index(op.f("ix_einvoice_setting_company_id"), table_name="einvoice_setting")
    op.drop_table("einvoice_setting")
