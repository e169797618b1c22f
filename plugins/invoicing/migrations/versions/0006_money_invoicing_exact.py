"""invoicing: exact decimals on SQLite (integer minor units instead of REAL)

Revision ID: 0006_money_invoicing_exact
Revises: 0005_invoicing_subdivision

The models' decimal columns are now ``core.api.ExactNumeric``: on SQLite it stores integer
minor units (``105.00`` is ``10500``), because plain ``Numeric`` went through float there and
changed 16+ digit amounts (an invoice then no longer matched its hash). Existing SQLite rows
are converted; the column declarations and PostgreSQL stay as they were.
"""

from alembic import op

from core.money import rescale_sqlite

revision = "0006_money_invoicing_exact"
down_revision = "0005_invoicing_subdivision"
branch_labels = None
depends_on = None

COLUMNS = {
    "invoicing_invoice": {
        "exchange_rate": 6,
        "subtotal": 2,
        "tax_total": 2,
        "total": 2,
        "amount_due": 2,
    },
    "invoicing_line": {
        "quantity": 6,
        "unit_price": 6,
        "allowance": 2,
        "tax_rate": 2,
        "line_total": 2,
    },
    "invoicing_tax": {"tax_rate": 2, "taxable_amount": 2, "tax_amount": 2},
}


def upgrade():
    rescale_sqlite(op.get_bind(), COLUMNS, to_minor_units=True)


def downgrade():
    rescale_sqlite(op.get_bind(), COLUMNS, to_minor_units=False)
