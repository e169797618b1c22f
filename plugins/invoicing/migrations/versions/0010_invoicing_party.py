"""invoicing party: one subdivision field (a UAE address's emirate included), trn of 32

Revision ID: 0010_invoicing_party
Revises: 0009_invoicing_lists, 0009_invoicing_catalog

The customers table shares core's party fields (core.party.PartyMixin) with the company: the
emirate of a UAE address is its ISO 3166-2 ``subdivision`` (AE-DU), as the company's always
was, so the separate ``emirate`` column goes (its values move over; a UAE address never had
both). ``trn`` takes a foreign tax number of up to 32 characters, as the company's does.
SQLite declares the new size too (core.api.upgrade_party_columns).
"""

from core.api import downgrade_party_columns, upgrade_party_columns

revision = "0010_invoicing_party"
# Also joins the two revisions made side by side on 0008 (list search, catalog).
down_revision = ("0009_invoicing_lists", "0009_invoicing_catalog")
branch_labels = None
depends_on = None

TABLE = "invoicing_customer"
SIZES = {"trn": (15, 32)}


def upgrade():
    upgrade_party_columns(TABLE, SIZES, emirate=True)


def downgrade():
    downgrade_party_columns(TABLE, SIZES, emirate=True)
