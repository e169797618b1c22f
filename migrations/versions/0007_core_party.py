"""core party: the company's peppol_id holds 80 characters, as customers' and vendors' do

Revision ID: 0007_core_party
Revises: 0006_core_locale

Company, customers and vendors share one set of party fields (core.party.PartyMixin), one
size each. SQLite does not enforce VARCHAR lengths, so only PostgreSQL's column changes.
"""

import sqlalchemy as sa
from alembic import op

revision = "0007_core_party"
down_revision = "0006_core_locale"
branch_labels = None
depends_on = None


def _resize(length: int, was: int) -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.alter_column(
            "core_company",
            "peppol_id",
            type_=sa.String(length),
            existing_type=sa.String(was),
            existing_nullable=True,
        )


def upgrade():
    _resize(80, 64)


def downgrade():
    _resize(64, 80)
