"""ap settings: peppol_rules (a broken Peppol BIS claim is refused, or accepted with warnings)

Revision ID: 0002_ap
Revises: 0001_ap
Create Date: 2026-12-05 16:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_ap"
down_revision = "0001_ap"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("ap_settings", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("peppol_rules", sa.String(length=8), nullable=False, server_default="enforce")
        )


def downgrade():
    with op.batch_alter_table("ap_settings", schema=None) as batch_op:
        batch_op.drop_column("peppol_rules")
