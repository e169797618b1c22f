"""ap: an index per sortable column of the bill, purchase order and vendor lists

Revision ID: 0006_ap_list_indexes
Revises: 0005_ap_merge

``(company_id, column, id)`` for each column those lists sort on (the ones with an index
already are left alone), so a sorted page is read from the index in order and "Next" starts
where the last page ended.
"""

from alembic import op

revision = "0006_ap_list_indexes"
down_revision = "0005_ap_merge"
branch_labels = None
depends_on = None

INDEXES = {
    "ap_bill": ("vendor_invoice_number", "vendor_id", "issue_date", "total", "currency"),
    "ap_purchase_order": ("number", "order_date", "expected_date", "total", "currency"),
    "ap_vendor": ("country", "payment_terms_days"),
}


def upgrade():
    for table, columns in INDEXES.items():
        for column in columns:
            op.create_index(f"ix_{table}_list_{column}", table, ["company_id", column, "id"])


def downgrade():
    for table, columns in INDEXES.items():
        for column in columns:
            op.drop_index(f"ix_{table}_list_{column}", table)
