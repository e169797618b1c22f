"""core party: the company's peppol_id holds 80 characters, as customers' and vendors' do

Revision ID: 0007_core_party
Revises: 0006_core_locale

Company, customers and vendors share one set of party fields (core.party.PartyMixin), one
size each; SQLite declares the new size too (core.party_columns).
"""

from core.party_columns import downgrade_party_columns, upgrade_party_columns

revision = "0007_core_party"
down_revision = "0006_core_locale"
branch_labels = None
depends_on = None


SIZES = {"peppol_id": (64, 80)}


def upgrade():
    upgrade_party_columns("core_company", SIZES)


def downgrade():
    downgrade_party_columns("core_company", SIZES)
