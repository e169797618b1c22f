"""payments: an index per sortable column of the payments list

Revision ID: 0005_payments_list_indexes
Revises: 0004_money_payments_exact

``(company_id, column, id)`` for each column the list sorts on (date and the number already
have theirs), so a sorted page is read from the index in order and "Next" starts where the
last page ended.
"""

from alembic import op

revision = "0005_payments_list_indexes"
down_revision = "0004_money_payments_exact"
branch_labels = None
depends_on = None

COLUMNS = ("method", "reference", "amount", "currency", "status")


def upgrade():
    for column in COLUMNS:
        op.create_index(
            f"ix_payments_payment_list_{column}", "payments_payment", ["company_id", column, "id"]
        )


def downgrade():
    for column in COLUMNS:
        op.drop_index(f"ix_payments_payment_list_{column}", "payments_payment")
