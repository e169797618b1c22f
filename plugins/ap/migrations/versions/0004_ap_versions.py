"""ap: record versions on vendors and purchase orders (concurrent editing)

Revision ID: 0004_ap_versions
Revises: 0003_ap
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_ap_versions"
down_revision = "0003_ap"
branch_labels = None
depends_on = None

TABLES = ("ap_vendor", "ap_purchase_order")


def upgrade():
    for table in TABLES:
        op.add_column(table, sa.Column("version", sa.Integer(), nullable=False, server_default="1"))


def downgrade():
    for table in TABLES:
        op.drop_column(table, "version")
