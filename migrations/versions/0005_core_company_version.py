"""core: company profile version (concurrent editing)

Revision ID: 0005_core_company_version
Revises: 0004_core_security
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_core_company_version"
down_revision = "0004_core_security"
branch_labels = None
depends_on = None


def upgrade():
    # Plain ADD/DROP COLUMN: a batch copy of core_company would trip every foreign key to it.
    op.add_column(
        "core_company", sa.Column("version", sa.Integer(), nullable=False, server_default="1")
    )


def downgrade():
    op.drop_column("core_company", "version")
