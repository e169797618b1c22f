"""invoicing: country subdivision of a foreign customer (PINT-AE ibr-144-ae)

Revision ID: 0005_invoicing_subdivision
Revises: 0004_invoicing_pint_ae

PINT-AE wants the buyer's country subdivision in every buyer address (ibr-144-ae), not only
for UAE buyers: a UAE customer has its emirate, a foreign one now an ISO 3166-2 code
(BE-BRU, US-NY). Invoices freeze it with the rest of the buyer, so the SQLite freeze trigger,
which names its columns, is rebuilt with the new one (PostgreSQL's compares whole rows).
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_invoicing_subdivision"
down_revision = "0004_invoicing_pint_ae"
branch_labels = None
depends_on = None

# The columns 0004 froze on SQLite (copied: a revision must not import another).
FROZEN_0004 = (
    "id",
    "company_id",
    "type",
    "number",
    "customer_id",
    "issue_date",
    "due_date",
    "currency",
    "exchange_rate",
    "buyer_reference",
    "order_reference",
    "notes",
    "payment_iban",
    "subtotal",
    "tax_total",
    "total",
    "chain_seq",
    "hash",
    "prev_hash",
    "xml_hash",
    "signature",
    "signing_key_id",
    "credit_note_of_id",
    "created_at",
    "finalized_at",
    "buyer_name",
    "buyer_trn",
    "buyer_vat_id",
    "buyer_email",
    "buyer_phone",
    "buyer_address_line1",
    "buyer_address_line2",
    "buyer_city",
    "buyer_postal_code",
    "buyer_country",
    "buyer_emirate",
    "buyer_peppol_id",
    "import_job_id",
    "credit_reason",
    "buyer_legal_id",
    "buyer_legal_id_type",
    "buyer_legal_id_authority",
)
MOVES = (
    "(OLD.status = 'FINALIZED' AND NEW.status IN ('APPROVED', 'VOID')) OR "
    "(OLD.status = 'APPROVED' AND NEW.status IN ('SENT', 'VOID')) OR "
    "(OLD.status = 'SENT' AND NEW.status = 'VOID')"
)
REFUSED = "invoice_not_draft: a finalized invoice cannot be changed"


def _sqlite_trigger(columns) -> str:
    changed = " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in columns)
    status_ok = f"NEW.status = OLD.status OR {MOVES}"
    return f"""CREATE TRIGGER invoicing_invoice_frozen BEFORE UPDATE ON invoicing_invoice
        WHEN OLD.status <> 'DRAFT' AND ({changed} OR NOT ({status_ok}))
        BEGIN SELECT RAISE(ABORT, '{REFUSED}'); END"""


def upgrade():
    sqlite = op.get_bind().dialect.name == "sqlite"
    if sqlite:
        op.execute("DROP TRIGGER IF EXISTS invoicing_invoice_frozen")
    # ISO 3166-2 codes are at most 6 characters (country, hyphen, up to 3).
    op.add_column("invoicing_customer", sa.Column("subdivision", sa.String(6), nullable=True))
    op.add_column("invoicing_invoice", sa.Column("buyer_subdivision", sa.String(6), nullable=True))
    if sqlite:
        op.execute(_sqlite_trigger((*FROZEN_0004, "buyer_subdivision")))


def downgrade():
    sqlite = op.get_bind().dialect.name == "sqlite"
    if sqlite:
        op.execute("DROP TRIGGER IF EXISTS invoicing_invoice_frozen")
    else:
        op.execute("ALTER TABLE invoicing_invoice DISABLE TRIGGER invoicing_invoice_frozen")
    # Plain DROP COLUMN (SQLite >= 3.35): a batch copy would lose the tables' other triggers.
    op.drop_column("invoicing_invoice", "buyer_subdivision")
    op.drop_column("invoicing_customer", "subdivision")
    if sqlite:
        op.execute(_sqlite_trigger(FROZEN_0004))
    else:
        op.execute("ALTER TABLE invoicing_invoice ENABLE TRIGGER invoicing_invoice_frozen")
