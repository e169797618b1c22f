"""fx_base: things

Revision ID: 0001_fx_base
"""

import sqlalchemy as sa
from alembic import op

revision = "0001_fx_base"
down_revision = None
branch_labels = ("fx_base",)
depends_on = "0001_core"


def upgrade():
    op.create_table(
        "fx_base_thing",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("company_id", sa.Integer(), sa.ForeignKey("core_company.id"), nullable=False),
        sa.Column("label", sa.String(100), nullable=False),
    )


def downgrade():
    op.drop_table("fx_base_thing")
