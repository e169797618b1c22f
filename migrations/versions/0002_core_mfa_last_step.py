"""core hardening: TOTP replay guard, job heartbeat

Revision ID: 0002_core
Revises: 0001_core
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_core"
down_revision = "0001_core"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("core_user", schema=None) as batch_op:
        # The TOTP time-step last accepted: a code at or below it is a replay.
        batch_op.add_column(sa.Column("mfa_last_step", sa.Integer(), nullable=True))
    with op.batch_alter_table("core_job", schema=None) as batch_op:
        # Written with every progress update: a running job whose heartbeat stops is stale.
        batch_op.add_column(sa.Column("heartbeat_at", sa.DateTime(), nullable=True))


def downgrade():
    with op.batch_alter_table("core_job", schema=None) as batch_op:
        batch_op.drop_column("heartbeat_at")
    with op.batch_alter_table("core_user", schema=None) as batch_op:
        batch_op.drop_column("mfa_last_step")
