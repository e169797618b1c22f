"""ap: join the two revisions made side by side on 0003_ap (party fields, record versions)

Revision ID: 0005_ap_merge
Revises: 0004_ap_party, 0004_ap_versions
"""

revision = "0005_ap_merge"
down_revision = ("0004_ap_party", "0004_ap_versions")
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
