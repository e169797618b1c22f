"""wallet: a record version on the company's wallet settings (concurrent editing)

Revision ID: 0002_wallet_settings_version
Revises: 0001_wallet
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_wallet_settings_version"
down_revision = "0001_wallet"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column(
        "wallet_settings", sa.Column("version", sa.Integer(), nullable=False, server_default="1")
    )


def downgrade():
    with op.batch_alter_table("wallet_settings") as batch:
        batch.drop_column("version")
