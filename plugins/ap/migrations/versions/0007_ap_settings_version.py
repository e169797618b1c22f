"""ap: a record version on the company's AP settings (concurrent editing); joins the two
revisions made side by side on 0005 (bill version, list indexes)

Revision ID: 0007_ap_settings_version
Revises: 0006_ap_bill_version, 0006_ap_list_indexes
"""

import sqlalchemy as sa
from alembic import op

revision = "0007_ap_settings_version"
down_revision = ("0006_ap_bill_version", "0006_ap_list_indexes")
branch_labels = None
depends_on = None


def upgrade():
    op.add_column(
        "ap_settings", sa.Column("version", sa.Integer(), nullable=False, server_default="1")
    )


def downgrade():
    with op.batch_alter_table("ap_settings") as batch:
        batch.drop_column("version")
