"""core security: session generation per user, sign-in throttle shared by every process

Revision ID: 0004_core_security
Revises: 0003_core
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_core_security"
down_revision = "0003_core"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("core_user", schema=None) as batch_op:
        # Part of the id kept in the session cookie: raising it ends every older session.
        batch_op.add_column(
            sa.Column("session_generation", sa.Integer(), nullable=False, server_default="0")
        )
    op.create_table(
        "core_auth_throttle",
        sa.Column("key", sa.String(300), primary_key=True),
        sa.Column("window_start", sa.DateTime(), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False, server_default="0"),
    )


def downgrade():
    op.drop_table("core_auth_throttle")
    with op.batch_alter_table("core_user", schema=None) as batch_op:
        batch_op.drop_column("session_generation")
