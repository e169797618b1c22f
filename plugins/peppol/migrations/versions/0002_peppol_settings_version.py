"""peppol: a record version on the company's Peppol settings (concurrent editing)

Revision ID: 0002_peppol_settings_version
Revises: 0001_peppol
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_peppol_settings_version"
down_revision = "0001_peppol"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column(
        "peppol_settings", sa.Column("version", sa.Integer(), nullable=False, server_default="1")
    )


def downgrade():
    with op.batch_alter_table("peppol_settings") as batch:
        batch.drop_column("version")
