"""invoicing: customer emirate, buyer snapshot, import job id; triggers freeze the snapshot

Revision ID: 0003_invoicing_snapshot
Revises: 0002_invoicing_mail
Create Date: 2026-11-21 21:00:00

Finalize copies the buyer's name, identifiers and address onto the invoice, so renaming the
customer later changes neither the XML nor its signature. Finalized documents that exist
already get the snapshot of their customer as it stands now (the best record there is).
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_invoicing_snapshot"
down_revision = "0002_invoicing_mail"
branch_labels = None
depends_on = None

SNAPSHOT = {
    "buyer_name": sa.String(200),
    "buyer_trn": sa.String(15),
    "buyer_vat_id": sa.String(20),
    "buyer_email": sa.String(254),
    "buyer_phone": sa.String(32),
    "buyer_address_line1": sa.String(200),
    "buyer_address_line2": sa.String(200),
    "buyer_city": sa.String(100),
    "buyer_postal_code": sa.String(20),
    "buyer_country": sa.String(2),
    "buyer_emirate": sa.String(5),
    "buyer_peppol_id": sa.String(80),
}
# Snapshot column -> customer column it copies (vat_id is the first of the JSON list).
SOURCE = {name: name.removeprefix("buyer_") for name in SNAPSHOT}

# The SQLite trigger names every frozen column (PostgreSQL's compares whole rows as JSON, so
# new columns are frozen there without a change).
FROZEN = (
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
    dialect = op.get_bind().dialect.name
    op.add_column("invoicing_customer", sa.Column("emirate", sa.String(5)))
    for name, type_ in SNAPSHOT.items():
        op.add_column("invoicing_invoice", sa.Column(name, type_))
    # Which import job wrote a draft, so a failed import can remove exactly its own rows. No
    # foreign key: purging old job records must not be blocked by the invoices they made.
    op.add_column("invoicing_invoice", sa.Column("import_job_id", sa.Integer()))
    op.create_index("ix_invoicing_invoice_import_job_id", "invoicing_invoice", ["import_job_id"])
    _suspend_guard(dialect)
    _backfill(dialect)
    _resume_guard(dialect, (*FROZEN, *SNAPSHOT, "import_job_id"))


def _backfill(dialect):
    columns = {k: v for k, v in SOURCE.items() if k not in ("buyer_vat_id", "buyer_emirate")}
    assignments = ", ".join(
        f"{target} = (SELECT c.{source} FROM invoicing_customer c "  # noqa: S608  (constants)
        "WHERE c.id = invoicing_invoice.customer_id)"
        for target, source in columns.items()
    )
    first_vat = (
        "(SELECT c.vat_ids ->> 0 FROM invoicing_customer c "
        "WHERE c.id = invoicing_invoice.customer_id)"
        if dialect == "postgresql"
        else "(SELECT json_extract(c.vat_ids, '$[0]') FROM invoicing_customer c "
        "WHERE c.id = invoicing_invoice.customer_id)"
    )
    op.execute(
        f"UPDATE invoicing_invoice SET {assignments}, buyer_vat_id = {first_vat} "  # noqa: S608
        "WHERE status <> 'DRAFT'"
    )


def _suspend_guard(dialect):
    if dialect == "postgresql":
        op.execute("ALTER TABLE invoicing_invoice DISABLE TRIGGER invoicing_invoice_frozen")
    else:
        op.execute("DROP TRIGGER IF EXISTS invoicing_invoice_frozen")


def _resume_guard(dialect, columns):
    if dialect == "postgresql":
        op.execute("ALTER TABLE invoicing_invoice ENABLE TRIGGER invoicing_invoice_frozen")
    else:
        op.execute(_sqlite_trigger(columns))


def downgrade():
    dialect = op.get_bind().dialect.name
    _suspend_guard(dialect)
    # Plain DROP COLUMN (SQLite >= 3.35): a batch copy would lose the table's other triggers.
    op.drop_index("ix_invoicing_invoice_import_job_id", "invoicing_invoice")
    for name in (*SNAPSHOT, "import_job_id"):
        op.drop_column("invoicing_invoice", name)
    op.drop_column("invoicing_customer", "emirate")
    _resume_guard(dialect, FROZEN)
