"""invoicing: an index per sortable column of the customer and catalogue lists

Revision ID: 0011_invoicing_list_indexes
Revises: 0010_invoicing_party

``(company_id, column, id)`` for each column those lists sort on (name and code already have
theirs), so a sorted page is read from the index in order and "Next" starts where it ended.
"""

from alembic import op

revision = "0011_invoicing_list_indexes"
down_revision = "0010_invoicing_party"
branch_labels = None
depends_on = None

INDEXES = {
    "invoicing_customer": ("trn", "country", "peppol_id"),
    "invoicing_catalog_item": ("unit_code", "unit_price", "tax_category", "active"),
}


def upgrade():
    for table, columns in INDEXES.items():
        for column in columns:
            op.create_index(f"ix_{table}_list_{column}", table, ["company_id", column, "id"])


def downgrade():
    for table, columns in INDEXES.items():
        for column in columns:
            op.drop_index(f"ix_{table}_list_{column}", table)
