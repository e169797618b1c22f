"""invoicing: products and services catalogue

Revision ID: 0009_invoicing_catalog
Revises: 0008_invoicing_versions
"""

import sqlalchemy as sa
from alembic import op

from core.api import ExactNumeric

revision = "0009_invoicing_catalog"
down_revision = "0008_invoicing_versions"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "invoicing_catalog_item",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("company_id", sa.Integer(), sa.ForeignKey("core_company.id"), nullable=False),
        sa.Column("code", sa.String(40), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("unit_code", sa.String(8), nullable=False),
        sa.Column("unit_price", ExactNumeric(18, 6), nullable=False),
        sa.Column("tax_category", sa.String(4), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False, server_default=sa.true()),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False, server_default="1"),
        sa.UniqueConstraint("company_id", "code", name="uq_invoicing_catalog_item_company_code"),
    )
    op.create_index(
        "ix_invoicing_catalog_item_company_id", "invoicing_catalog_item", ["company_id"]
    )
    op.create_index(
        "ix_invoicing_catalog_item_company_name", "invoicing_catalog_item", ["company_id", "name"]
    )


def downgrade():
    op.drop_table("invoicing_catalog_item")
