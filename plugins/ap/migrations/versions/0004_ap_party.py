"""ap party: one subdivision field (a UAE address's emirate included), trn of 32

Revision ID: 0004_ap_party
Revises: 0003_ap

The vendors table shares core's party fields (core.party.PartyMixin) with the company: the
emirate of a UAE address is its ISO 3166-2 ``subdivision`` (AE-DU), as the company's always
was, so the separate ``emirate`` column goes (its values move over; a UAE address never had
both). ``trn`` takes a foreign tax number of up to 32 characters, as the company's does.
SQLite does not enforce VARCHAR lengths, so only PostgreSQL's column type changes.
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_ap_party"
down_revision = "0003_ap"
branch_labels = None
depends_on = None

TABLE = "ap_vendor"


def _resize_trn(length: int, was: int) -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.alter_column(
            TABLE,
            "trn",
            type_=sa.String(length),
            existing_type=sa.String(was),
            existing_nullable=True,
        )


def upgrade():
    _resize_trn(32, 15)
    op.execute("UPDATE ap_vendor SET subdivision = emirate WHERE emirate IS NOT NULL")
    # Plain DROP COLUMN (SQLite >= 3.35): a batch copy would drop and re-create a table that
    # other tables reference.
    op.drop_column(TABLE, "emirate")


def downgrade():
    op.add_column(TABLE, sa.Column("emirate", sa.String(length=5), nullable=True))
    op.execute(
        "UPDATE ap_vendor SET emirate = subdivision, subdivision = NULL "
        "WHERE country = 'AE' AND subdivision IS NOT NULL"
    )
    _resize_trn(15, 32)
