"""payments: exact amounts on SQLite (integer minor units instead of REAL)

Revision ID: 0004_money_payments_exact
Revises: 0003_payments_credit_chain

The amount columns are now ``core.api.ExactNumeric``: on SQLite it stores integer minor
units (``105.00`` is ``10500``), because plain ``Numeric`` went through float there and
changed 16+ digit amounts. Existing SQLite rows are converted (live and archive tables); the
column declarations, the views and PostgreSQL stay as they were.
"""

from alembic import op

from core.money import rescale_sqlite

revision = "0004_money_payments_exact"
down_revision = "0003_payments_credit_chain"
branch_labels = None
depends_on = None

COLUMNS = {
    table: {"amount": 2}
    for table in (
        "payments_payment",
        "payments_allocation",
        "payments_refund",
        "payments_credit_entry",
        "payments_payment_archive",
        "payments_allocation_archive",
        "payments_refund_archive",
    )
}


def upgrade():
    rescale_sqlite(op.get_bind(), COLUMNS, to_minor_units=True)


def downgrade():
    rescale_sqlite(op.get_bind(), COLUMNS, to_minor_units=False)
