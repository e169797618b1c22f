"""invoicing: seller snapshot at finalize, covered by the hash (payload v3)

Revision ID: 0006_invoicing_security
Revises: 0006_money_invoicing_exact

Finalize now copies the company's name, identifiers, address, contact and IBAN onto the
document, as it already did for the buyer, so a later edit of the company profile changes
neither the UBL nor the PDF of a finalized document; the hash of documents sealed from now on
(``hash_version`` 3) covers those columns. Finalized documents that exist already get the
company as it stands now (the best record there is) and keep ``hash_version`` NULL: their
hash is the v2 payload they were sealed with, so the chain still verifies.
"""

import sqlalchemy as sa
from alembic import op

revision = "0006_invoicing_security"
down_revision = "0006_money_invoicing_exact"
branch_labels = None
depends_on = "0003_core"  # the company columns it copies (core_company.subdivision, legal_id)

# Snapshot column -> the core_company column it copies.
SELLER = {
    "seller_name": ("name", sa.String(200)),
    "seller_trn": ("trn", sa.String(32)),
    "seller_peppol_id": ("peppol_id", sa.String(64)),
    "seller_address_line1": ("address_line1", sa.String(200)),
    "seller_address_line2": ("address_line2", sa.String(200)),
    "seller_city": ("city", sa.String(100)),
    "seller_postal_code": ("postal_code", sa.String(20)),
    "seller_country": ("country", sa.String(2)),
    "seller_subdivision": ("subdivision", sa.String(6)),
    "seller_legal_id": ("legal_id", sa.String(64)),
    "seller_legal_id_type": ("legal_id_type", sa.String(3)),
    "seller_legal_id_authority": ("legal_id_authority", sa.String(200)),
    "seller_email": ("email", sa.String(254)),
    "seller_phone": ("phone", sa.String(32)),
    "seller_iban": ("iban", sa.String(34)),
}

# The columns 0005 froze on SQLite (copied: a revision must not import another).
FROZEN_0005 = (
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
    "buyer_subdivision",
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


def _suspend_guard(sqlite: bool) -> None:
    if sqlite:
        op.execute("DROP TRIGGER IF EXISTS invoicing_invoice_frozen")
    else:
        op.execute("ALTER TABLE invoicing_invoice DISABLE TRIGGER invoicing_invoice_frozen")


def _resume_guard(sqlite: bool, columns) -> None:
    if sqlite:
        op.execute(_sqlite_trigger(columns))
    else:
        op.execute("ALTER TABLE invoicing_invoice ENABLE TRIGGER invoicing_invoice_frozen")


def upgrade():
    sqlite = op.get_bind().dialect.name == "sqlite"
    _suspend_guard(sqlite)
    for name, (_, type_) in SELLER.items():
        op.add_column("invoicing_invoice", sa.Column(name, type_, nullable=True))
    op.add_column("invoicing_invoice", sa.Column("hash_version", sa.Integer(), nullable=True))
    assignments = ", ".join(
        f"{target} = (SELECT c.{source} FROM core_company c "  # noqa: S608  (constants)
        "WHERE c.id = invoicing_invoice.company_id)"
        for target, (source, _) in SELLER.items()
    )
    op.execute(f"UPDATE invoicing_invoice SET {assignments} WHERE status <> 'DRAFT'")  # noqa: S608
    _resume_guard(sqlite, (*FROZEN_0005, *SELLER, "hash_version"))


def downgrade():
    sqlite = op.get_bind().dialect.name == "sqlite"
    _suspend_guard(sqlite)
    # Plain DROP COLUMN (SQLite >= 3.35): a batch copy would lose the table's other triggers.
    for name in (*SELLER, "hash_version"):
        op.drop_column("invoicing_invoice", name)
    _resume_guard(sqlite, FROZEN_0005)
