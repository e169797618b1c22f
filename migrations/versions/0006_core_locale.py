"""core locale: each user's language and time zone, each company's defaults

Revision ID: 0006_core_locale
Revises: 0005_core_company_version
"""

import sqlalchemy as sa
from alembic import op

revision = "0006_core_locale"
down_revision = "0005_core_company_version"
branch_labels = None
depends_on = None


def upgrade():
    # NULL: not chosen (the user's browser language, then the company's default, is used).
    with op.batch_alter_table("core_user", schema=None) as batch_op:
        batch_op.add_column(sa.Column("locale", sa.String(16), nullable=True))
        batch_op.add_column(sa.Column("timezone", sa.String(64), nullable=True))
    with op.batch_alter_table("core_company", schema=None) as batch_op:
        batch_op.add_column(sa.Column("locale", sa.String(16), nullable=True))
        batch_op.add_column(sa.Column("timezone", sa.String(64), nullable=True))


def downgrade():
    with op.batch_alter_table("core_company", schema=None) as batch_op:
        batch_op.drop_column("timezone")
        batch_op.drop_column("locale")
    with op.batch_alter_table("core_user", schema=None) as batch_op:
        batch_op.drop_column("timezone")
        batch_op.drop_column("locale")
