"""ap party: one subdivision field (a UAE address's emirate included), trn of 32

Revision ID: 0004_ap_party
Revises: 0003_ap

The vendors table shares core's party fields (core.party.PartyMixin) with the company: the
emirate of a UAE address is its ISO 3166-2 ``subdivision`` (AE-DU), as the company's always
was, so the separate ``emirate`` column goes (its values move over; a UAE address never had
both). ``trn`` takes a foreign tax number of up to 32 characters, as the company's does.
SQLite declares the new size too (core.api.upgrade_party_columns).
"""

from core.api import downgrade_party_columns, upgrade_party_columns

revision = "0004_ap_party"
down_revision = "0003_ap"
branch_labels = None
depends_on = None

TABLE = "ap_vendor"
SIZES = {"trn": (15, 32)}


def upgrade():
    upgrade_party_columns(TABLE, SIZES, emirate=True)


def downgrade():
    downgrade_party_columns(TABLE, SIZES, emirate=True)
