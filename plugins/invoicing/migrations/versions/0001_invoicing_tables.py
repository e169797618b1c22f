"""invoicing tables, indexes and the immutability triggers

Revision ID: 0001_invoicing
Revises:
Create Date: 2026-11-21 21:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0001_invoicing"
down_revision = None
branch_labels = ("invoicing",)
depends_on = "0001_core"

MONEY = sa.Numeric(18, 2)
PRECISE = sa.Numeric(18, 6)
RATE = sa.Numeric(5, 2)


def _company():
    return sa.Column(
        "company_id",
        sa.Integer(),
        sa.ForeignKey("core_company.id", name=None),
        nullable=False,
    )


def _tenant_table(name, *columns, **kw):
    op.create_table(
        name,
        sa.Column("id", sa.Integer(), nullable=False),
        *columns,
        _company(),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{name}")),
        **kw,
    )
    op.create_index(op.f(f"ix_{name}_company_id"), name, ["company_id"])


def upgrade():
    _tenant_table(
        "invoicing_customer",
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("trn", sa.String(15)),
        sa.Column("vat_ids", sa.JSON(), nullable=False),
        sa.Column("email", sa.String(254)),
        sa.Column("phone", sa.String(32)),
        sa.Column("address_line1", sa.String(200)),
        sa.Column("address_line2", sa.String(200)),
        sa.Column("city", sa.String(100)),
        sa.Column("postal_code", sa.String(20)),
        sa.Column("country", sa.String(2), nullable=False),
        sa.Column("peppol_id", sa.String(80)),
        sa.Column("payment_terms_days", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    op.create_index(
        "ix_invoicing_customer_company_name", "invoicing_customer", ["company_id", "name"]
    )
    _tenant_table(
        "invoicing_signing_key",
        sa.Column("public_key_pem", sa.Text(), nullable=False),
        sa.Column("private_key_encrypted", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    _tenant_table(
        "invoicing_chain_head",
        sa.Column("last_seq", sa.Integer(), nullable=False),
        sa.Column("last_hash", sa.String(64)),
        sa.UniqueConstraint("company_id", name="uq_invoicing_chain_head_company"),
    )
    _invoice_table()
    _tenant_table(
        "invoicing_line",
        sa.Column(
            "invoice_id", sa.Integer(), sa.ForeignKey("invoicing_invoice.id"), nullable=False
        ),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("description", sa.String(500), nullable=False),
        sa.Column("quantity", PRECISE, nullable=False),
        sa.Column("unit_code", sa.String(8), nullable=False),
        sa.Column("unit_price", PRECISE, nullable=False),
        sa.Column("allowance", MONEY, nullable=False),
        sa.Column("tax_category", sa.String(4), nullable=False),
        sa.Column("tax_rate", RATE, nullable=False),
        sa.Column("exemption_reason", sa.String(300)),
        sa.Column("line_total", MONEY),
    )
    op.create_index("ix_invoicing_line_invoice_id", "invoicing_line", ["invoice_id"])
    _tenant_table(
        "invoicing_tax",
        sa.Column(
            "invoice_id", sa.Integer(), sa.ForeignKey("invoicing_invoice.id"), nullable=False
        ),
        sa.Column("tax_category", sa.String(4), nullable=False),
        sa.Column("tax_rate", RATE, nullable=False),
        sa.Column("taxable_amount", MONEY, nullable=False),
        sa.Column("tax_amount", MONEY, nullable=False),
        sa.Column("exemption_reason", sa.String(300)),
    )
    op.create_index("ix_invoicing_tax_invoice_id", "invoicing_tax", ["invoice_id"])
    _create_triggers(op.get_bind().dialect.name)


def _invoice_table():
    _tenant_table(
        "invoicing_invoice",
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("number", sa.String(32)),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("payment_status", sa.String(16), nullable=False),
        sa.Column(
            "customer_id", sa.Integer(), sa.ForeignKey("invoicing_customer.id"), nullable=False
        ),
        sa.Column("issue_date", sa.Date(), nullable=False),
        sa.Column("due_date", sa.Date()),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("exchange_rate", PRECISE, nullable=False),
        sa.Column("buyer_reference", sa.String(200)),
        sa.Column("order_reference", sa.String(200)),
        sa.Column("notes", sa.Text()),
        sa.Column("payment_iban", sa.String(34)),
        sa.Column("subtotal", MONEY),
        sa.Column("tax_total", MONEY),
        sa.Column("total", MONEY),
        sa.Column("amount_due", MONEY),
        sa.Column("chain_seq", sa.Integer()),
        sa.Column("hash", sa.String(64)),
        sa.Column("prev_hash", sa.String(64)),
        sa.Column("xml_hash", sa.String(64)),
        sa.Column("signature", sa.Text()),
        sa.Column("signing_key_id", sa.Integer(), sa.ForeignKey("invoicing_signing_key.id")),
        sa.Column("credit_note_of_id", sa.Integer(), sa.ForeignKey("invoicing_invoice.id")),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("finalized_at", sa.DateTime()),
        sa.UniqueConstraint("company_id", "number", name="uq_invoicing_invoice_company_number"),
        sa.UniqueConstraint("company_id", "chain_seq", name="uq_invoicing_invoice_company_chain"),
    )
    t = "invoicing_invoice"
    op.create_index("ix_invoicing_invoice_company_status", t, ["company_id", "status", "id"])
    op.create_index(
        "ix_invoicing_invoice_company_issue_date", t, ["company_id", "issue_date", "id"]
    )
    op.create_index("ix_invoicing_invoice_company_customer", t, ["company_id", "customer_id"])
    op.create_index("ix_invoicing_invoice_number", t, ["number"])


def downgrade():
    _drop_triggers(op.get_bind().dialect.name)
    for table in (
        "invoicing_tax",
        "invoicing_line",
        "invoicing_invoice",
        "invoicing_chain_head",
        "invoicing_signing_key",
        "invoicing_customer",
    ):
        op.drop_table(table)


# --- immutability: the database refuses edits of finalized documents ----------------------
# After finalize only the status may move forward (FINALIZED -> APPROVED -> SENT, any of them
# -> VOID) and the payment side (payment_status, amount_due) may change; lines and VAT rows of
# a non-draft invoice are frozen. The message starts with "invoice_not_draft" so the
# application can map a refused write to its 409.
MUTABLE = ("status", "payment_status", "amount_due")
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
CHILDREN = ("invoicing_line", "invoicing_tax")


def _create_triggers(dialect):
    statements = _postgresql() if dialect == "postgresql" else _sqlite()
    for sql in statements:
        op.execute(sql)


def _sqlite():
    changed = " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in FROZEN)
    status_ok = f"NEW.status = OLD.status OR {MOVES}"
    yield f"""CREATE TRIGGER invoicing_invoice_frozen BEFORE UPDATE ON invoicing_invoice
        WHEN OLD.status <> 'DRAFT' AND ({changed} OR NOT ({status_ok}))
        BEGIN SELECT RAISE(ABORT, '{REFUSED}'); END"""
    yield f"""CREATE TRIGGER invoicing_invoice_undeletable BEFORE DELETE ON invoicing_invoice
        WHEN OLD.status <> 'DRAFT' BEGIN SELECT RAISE(ABORT, '{REFUSED}'); END"""
    parent = "(SELECT status FROM invoicing_invoice WHERE id = {}.invoice_id) <> 'DRAFT'"
    for table in CHILDREN:
        for op_name, rows in (
            ("INSERT", ("NEW",)),
            ("UPDATE", ("OLD", "NEW")),
            ("DELETE", ("OLD",)),
        ):
            when = " OR ".join(parent.format(r) for r in rows)
            yield f"""CREATE TRIGGER {table}_frozen_{op_name.lower()} BEFORE {op_name} ON {table}
                WHEN {when} BEGIN SELECT RAISE(ABORT, '{REFUSED}'); END"""


def _postgresql():
    drop = " - ".join(f"'{c}'" for c in MUTABLE)
    yield f"""CREATE FUNCTION invoicing_invoice_guard() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF OLD.status = 'DRAFT' THEN
                IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
                RETURN NEW;
            END IF;
            IF TG_OP = 'DELETE'
               OR (to_jsonb(NEW) - {drop}) IS DISTINCT FROM (to_jsonb(OLD) - {drop})
               OR NOT (NEW.status = OLD.status OR {MOVES}) THEN
                RAISE EXCEPTION '{REFUSED}' USING ERRCODE = 'check_violation';
            END IF;
            RETURN NEW;
        END $$"""
    yield """CREATE TRIGGER invoicing_invoice_frozen BEFORE UPDATE OR DELETE ON invoicing_invoice
        FOR EACH ROW EXECUTE FUNCTION invoicing_invoice_guard()"""
    yield """CREATE FUNCTION invoicing_child_guard() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE parent_status text;
        BEGIN
            IF TG_OP <> 'INSERT' THEN
                SELECT status INTO parent_status FROM invoicing_invoice WHERE id = OLD.invoice_id;
                IF parent_status <> 'DRAFT' THEN
                    RAISE EXCEPTION '@REFUSED@' USING ERRCODE = 'check_violation';
                END IF;
            END IF;
            IF TG_OP <> 'DELETE' THEN
                SELECT status INTO parent_status FROM invoicing_invoice WHERE id = NEW.invoice_id;
                IF parent_status <> 'DRAFT' THEN
                    RAISE EXCEPTION '@REFUSED@' USING ERRCODE = 'check_violation';
                END IF;
                RETURN NEW;
            END IF;
            RETURN OLD;
        END $$""".replace("@REFUSED@", REFUSED)
    for table in CHILDREN:
        yield f"""CREATE TRIGGER {table}_frozen BEFORE INSERT OR UPDATE OR DELETE ON {table}
            FOR EACH ROW EXECUTE FUNCTION invoicing_child_guard()"""


def _drop_triggers(dialect):
    if dialect == "postgresql":
        op.execute("DROP FUNCTION invoicing_invoice_guard() CASCADE")
        op.execute("DROP FUNCTION invoicing_child_guard() CASCADE")
        return
    names = ["invoicing_invoice_frozen", "invoicing_invoice_undeletable"]
    names += [f"{t}_frozen_{o}" for t in CHILDREN for o in ("insert", "update", "delete")]
    for name in names:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
