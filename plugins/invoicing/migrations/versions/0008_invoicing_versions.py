"""invoicing: record versions on customers and invoices (concurrent editing)

Revision ID: 0008_invoicing_versions
Revises: 0006_invoicing_security

Every customer and invoice carries ``version`` (1 for every existing row): a save made against
an older version is refused (core.versioning). On PostgreSQL the frozen-invoice trigger compares
every column except the payment side, so ``version`` of a finalized document is frozen too;
on SQLite ADD COLUMN leaves the trigger as it is.
"""

import sqlalchemy as sa
from alembic import op

revision = "0008_invoicing_versions"
down_revision = "0006_invoicing_security"
branch_labels = None
depends_on = None

TABLES = ("invoicing_customer", "invoicing_invoice")


def upgrade():
    for table in TABLES:
        op.add_column(table, sa.Column("version", sa.Integer(), nullable=False, server_default="1"))


def downgrade():
    # Plain DROP COLUMN (SQLite >= 3.35): a batch copy would lose the invoice table's triggers.
    for table in TABLES:
        op.drop_column(table, "version")
