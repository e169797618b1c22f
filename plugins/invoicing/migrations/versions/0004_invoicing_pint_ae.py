"""invoicing: PINT-AE fields from the database (legal ids, exemption codes, reverse charge)

Revision ID: 0004_invoicing_pint_ae
Revises: 0003_invoicing_snapshot

Customers get a legal registration (PINT-AE ibr-101/183-ae check it when given) and invoices a
frozen copy of it; lines get the VAT exemption reason code (ibr-167-ae), the GTIN and the
type of goods of a reverse-charge supply (ibr-174/166-ae); credit notes their UAE reason code
(ibr-158-ae). The SQLite freeze trigger names its columns, so it is rebuilt with the new ones
(PostgreSQL's compares whole rows and needs no change).
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_invoicing_pint_ae"
down_revision = "0003_invoicing_snapshot"
branch_labels = None
depends_on = None

LEGAL = {
    "legal_id": sa.String(64),
    "legal_id_type": sa.String(3),
    "legal_id_authority": sa.String(200),
}
INVOICE = {"credit_reason": sa.String(12), **{f"buyer_{k}": v for k, v in LEGAL.items()}}
LINE = {"exemption_code": sa.String(30), "gtin": sa.String(14), "goods_type": sa.String(12)}

# The columns 0003 froze on SQLite (copied: a revision must not import another).
FROZEN_0003 = (
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


def _add(table: str, columns: dict) -> None:
    for name, type_ in columns.items():
        op.add_column(table, sa.Column(name, type_, nullable=True))


def _drop(table: str, columns: dict) -> None:
    for name in reversed(list(columns)):
        op.drop_column(table, name)


def upgrade():
    sqlite = op.get_bind().dialect.name == "sqlite"
    if sqlite:
        op.execute("DROP TRIGGER IF EXISTS invoicing_invoice_frozen")
    _add("invoicing_customer", LEGAL)
    _add("invoicing_invoice", INVOICE)
    _add("invoicing_line", LINE)
    if sqlite:
        op.execute(_sqlite_trigger((*FROZEN_0003, *INVOICE)))


def downgrade():
    sqlite = op.get_bind().dialect.name == "sqlite"
    if sqlite:
        op.execute("DROP TRIGGER IF EXISTS invoicing_invoice_frozen")
    else:
        op.execute("ALTER TABLE invoicing_invoice DISABLE TRIGGER invoicing_invoice_frozen")
    # Plain DROP COLUMN (SQLite >= 3.35): a batch copy would lose the tables' other triggers.
    _drop("invoicing_line", LINE)
    _drop("invoicing_invoice", INVOICE)
    _drop("invoicing_customer", LEGAL)
    if sqlite:
        op.execute(_sqlite_trigger(FROZEN_0003))
    else:
        op.execute("ALTER TABLE invoicing_invoice ENABLE TRIGGER invoicing_invoice_frozen")
