"""ap: a record version on bills (concurrent review: relink, approve, reject)

Revision ID: 0006_ap_bill_version
Revises: 0005_ap_merge
"""

import sqlalchemy as sa
from alembic import op

revision = "0006_ap_bill_version"
down_revision = "0005_ap_merge"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("ap_bill", sa.Column("version", sa.Integer(), nullable=False, server_default="1"))


def downgrade():
    with op.batch_alter_table("ap_bill") as batch:
        batch.drop_column("version")
