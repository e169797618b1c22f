"""wallet: an index per sortable column of the payment requests list

Revision ID: 0002_wallet_list_indexes
Revises: 0001_wallet

``(company_id, column, id)`` for each column the list sorts on, so a sorted page is read from
the index in order and "Next" starts where the last page ended.
"""

from alembic import op

revision = "0002_wallet_list_indexes"
down_revision = "0001_wallet"
branch_labels = None
depends_on = None

COLUMNS = (
    "address", "amount_units", "invoice_amount", "status", "expires_at", "created_at",
    "destroyed_at",
)  # fmt: skip


def upgrade():
    for column in COLUMNS:
        op.create_index(
            f"ix_wallet_payment_request_list_{column}",
            "wallet_payment_request",
            ["company_id", column, "id"],
        )


def downgrade():
    for column in COLUMNS:
        op.drop_index(f"ix_wallet_payment_request_list_{column}", "wallet_payment_request")
