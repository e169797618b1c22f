"""peppol: an index per sortable column of the transmissions and inbox lists

Revision ID: 0002_peppol_list_indexes
Revises: 0001_peppol

``(company_id, column, id)`` for each column those lists sort on, so a sorted page is read
from the index in order and "Next" starts where the last page ended.
"""

from alembic import op

revision = "0002_peppol_list_indexes"
down_revision = "0001_peppol"
branch_labels = None
depends_on = None

INDEXES = {
    "peppol_transmission": (
        "document_number", "receiver_id", "profile", "provider_name", "attempt_count", "updated_at"
    ),
    "peppol_inbound": ("received_at", "number", "profile", "status"),
}  # fmt: skip


def upgrade():
    for table, columns in INDEXES.items():
        for column in columns:
            op.create_index(f"ix_{table}_list_{column}", table, ["company_id", column, "id"])


def downgrade():
    for table, columns in INDEXES.items():
        for column in columns:
            op.drop_index(f"ix_{table}_list_{column}", table)
