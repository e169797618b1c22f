"""payments: archive tables, the archive-move pass, query indexes and read-model views

Revision ID: 0002_payments_archive
Revises: 0001_payments
Create Date: 2026-11-23 09:00:00

The ledger triggers of 0001 refuse every DELETE of a payment or an allocation. Archiving has
to take rows out of the live tables, so the DELETE guards are replaced by ones that allow a
delete only when both hold:

* the transaction holds an *archive pass*: a row in ``payments_archive_pass`` that the archive
  job inserts and deletes again inside its own transaction (never committed, so no other
  session ever sees it; on PostgreSQL the row also names the transaction id it is valid for),
* and the very same row (same id) is already in the archive table.

So the only delete the database lets through is a *move* to the archive. Archive rows are
themselves never updated nor deleted. UPDATE rules of the live ledger are unchanged.
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_payments_archive"
down_revision = "0001_payments"
branch_labels = None
depends_on = None

MONEY = sa.Numeric(18, 2)
PAYMENT_REFUSED = "payment_immutable: a posted payment cannot be changed or deleted"
ALLOCATION_REFUSED = "payment_immutable: a payment allocation cannot be changed or deleted"
ARCHIVE_REFUSED = "payment_immutable: archived records cannot be changed or deleted"
ARCHIVES = ("payments_payment_archive", "payments_refund_archive", "payments_allocation_archive")


def upgrade():
    _archive_tables()
    op.create_table(
        "payments_archive_pass",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("txid", sa.BigInteger()),
    )
    _query_indexes()
    dialect = op.get_bind().dialect.name
    for sql in _postgresql() if dialect == "postgresql" else _sqlite():
        op.execute(sql)
    for sql in _views(dialect):
        op.execute(sql)


def downgrade():
    dialect = op.get_bind().dialect.name
    for view in ("payments_transaction", "payments_payment_all", "payments_allocation_all"):
        op.execute(f"DROP VIEW IF EXISTS {view}")
    for sql in _restore_postgresql() if dialect == "postgresql" else _restore_sqlite():
        op.execute(sql)
    for name, table in (
        ("ix_payments_payment_company_created_by", "payments_payment"),
        ("ix_payments_refund_company_requested_by", "payments_refund"),
        ("ix_payments_refund_company_processed", "payments_refund"),
        ("ix_payments_allocation_company_payment", "payments_allocation"),
    ):
        op.drop_index(name, table_name=table)
    op.drop_table("payments_archive_pass")
    for table in reversed(ARCHIVES):
        op.drop_table(table)


def _archive_tables():
    """The same columns as the live tables; no foreign keys between archive rows and live ones
    (a reversal may be archived with its payment, and both sides keep their ids)."""
    company = sa.Column(
        "company_id", sa.Integer(), sa.ForeignKey("core_company.id"), nullable=False
    )
    op.create_table(
        "payments_payment_archive",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("number", sa.String(32), nullable=False),
        sa.Column(
            "customer_id", sa.Integer(), sa.ForeignKey("invoicing_customer.id"), nullable=False
        ),
        sa.Column("amount", MONEY, nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("method", sa.String(32), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("reference", sa.String(200)),
        sa.Column("notes", sa.Text()),
        sa.Column("provider_transaction_id", sa.String(200)),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("reversal_of_id", sa.Integer()),
        sa.Column("possible_duplicate", sa.Boolean(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), sa.ForeignKey("core_user.id")),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        company,
    )
    t = "payments_payment_archive"
    op.create_index(f"ix_{t}_company_date", t, ["company_id", "date", "id"])
    op.create_index(f"ix_{t}_company_customer", t, ["company_id", "customer_id", "id"])
    op.create_index(f"ix_{t}_reversal_of_id", t, ["reversal_of_id"])
    op.create_table(
        "payments_refund_archive",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("payment_id", sa.Integer(), nullable=False, index=True),
        sa.Column("amount", MONEY, nullable=False),
        sa.Column("reason", sa.String(500), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("requested_by_id", sa.Integer(), sa.ForeignKey("core_user.id")),
        sa.Column("requested_at", sa.DateTime(), nullable=False),
        sa.Column("approved_at", sa.DateTime()),
        sa.Column("processed_at", sa.DateTime()),
        sa.Column("rejected_at", sa.DateTime()),
        sa.Column("rejection_reason", sa.String(500)),
        sa.Column("company_id", sa.Integer(), sa.ForeignKey("core_company.id"), nullable=False),
    )
    op.create_table(
        "payments_allocation_archive",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("payment_id", sa.Integer(), nullable=False, index=True),
        sa.Column(
            "invoice_id",
            sa.Integer(),
            sa.ForeignKey("invoicing_invoice.id"),
            nullable=False,
            index=True,
        ),
        sa.Column("amount", MONEY, nullable=False),
        sa.Column("refund_id", sa.Integer()),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("company_id", sa.Integer(), sa.ForeignKey("core_company.id"), nullable=False),
    )
    for table in ("payments_refund_archive", "payments_allocation_archive"):
        op.create_index(f"ix_{table}_company_id", table, ["company_id"])


def _query_indexes():
    """Per-user lists, refunds per payment and processed refunds by date (read model)."""
    op.create_index(
        "ix_payments_payment_company_created_by",
        "payments_payment",
        ["company_id", "created_by_id", "id"],
    )
    op.create_index(
        "ix_payments_refund_company_requested_by",
        "payments_refund",
        ["company_id", "requested_by_id", "id"],
    )
    op.create_index(
        "ix_payments_refund_company_processed",
        "payments_refund",
        ["company_id", "status", "processed_at"],
    )
    op.create_index(
        "ix_payments_allocation_company_payment",
        "payments_allocation",
        ["company_id", "payment_id", "id"],
    )


# --- trigger changes ------------------------------------------------------------------------


def _moved(table: str, pass_check: str) -> str:
    return f"({pass_check} AND EXISTS (SELECT 1 FROM {table}_archive a WHERE a.id = OLD.id))"  # noqa: S608


def _sqlite():
    moved_payment = _moved("payments_payment", "EXISTS (SELECT 1 FROM payments_archive_pass)")
    moved_alloc = _moved("payments_allocation", "EXISTS (SELECT 1 FROM payments_archive_pass)")
    yield "DROP TRIGGER payments_payment_undeletable"
    yield "DROP TRIGGER payments_allocation_undeletable"
    yield f"""CREATE TRIGGER payments_payment_undeletable BEFORE DELETE ON payments_payment
        WHEN NOT {moved_payment}
        BEGIN SELECT RAISE(ABORT, '{PAYMENT_REFUSED}'); END"""
    yield f"""CREATE TRIGGER payments_allocation_undeletable BEFORE DELETE ON payments_allocation
        WHEN NOT {moved_alloc}
        BEGIN SELECT RAISE(ABORT, '{ALLOCATION_REFUSED}'); END"""
    yield from _archive_guards_sqlite()


def _archive_guards_sqlite():
    for table in ARCHIVES:
        for verb in ("UPDATE", "DELETE"):
            yield f"""CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table}
                BEGIN SELECT RAISE(ABORT, '{ARCHIVE_REFUSED}'); END"""


PG_PASS = "EXISTS (SELECT 1 FROM payments_archive_pass WHERE txid = txid_current())"
MOVE = "NEW.status = OLD.status OR (OLD.status = 'posted' AND NEW.status = 'reversed')"


def _postgresql():
    yield f"""CREATE OR REPLACE FUNCTION payments_payment_guard() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'DELETE' THEN
                IF {_moved("payments_payment", PG_PASS)} THEN RETURN OLD; END IF;
                RAISE EXCEPTION '{PAYMENT_REFUSED}' USING ERRCODE = 'check_violation';
            END IF;
            IF (to_jsonb(NEW) - 'status') IS DISTINCT FROM (to_jsonb(OLD) - 'status')
               OR NOT ({MOVE}) THEN
                RAISE EXCEPTION '{PAYMENT_REFUSED}' USING ERRCODE = 'check_violation';
            END IF;
            RETURN NEW;
        END $$"""
    yield f"""CREATE OR REPLACE FUNCTION payments_allocation_guard() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'DELETE' AND {_moved("payments_allocation", PG_PASS)} THEN
                RETURN OLD;
            END IF;
            RAISE EXCEPTION '{ALLOCATION_REFUSED}' USING ERRCODE = 'check_violation';
        END $$"""
    yield f"""CREATE FUNCTION payments_archive_guard() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION '{ARCHIVE_REFUSED}' USING ERRCODE = 'check_violation';
        END $$"""
    for table in ARCHIVES:
        yield f"""CREATE TRIGGER {table}_frozen BEFORE UPDATE OR DELETE ON {table}
            FOR EACH ROW EXECUTE FUNCTION payments_archive_guard()"""


def _restore_sqlite():
    for table in ARCHIVES:
        for verb in ("update", "delete"):
            yield f"DROP TRIGGER IF EXISTS {table}_no_{verb}"
    yield "DROP TRIGGER payments_payment_undeletable"
    yield "DROP TRIGGER payments_allocation_undeletable"
    yield f"""CREATE TRIGGER payments_payment_undeletable BEFORE DELETE ON payments_payment
        BEGIN SELECT RAISE(ABORT, '{PAYMENT_REFUSED}'); END"""
    yield f"""CREATE TRIGGER payments_allocation_undeletable BEFORE DELETE ON payments_allocation
        BEGIN SELECT RAISE(ABORT, '{ALLOCATION_REFUSED}'); END"""


def _restore_postgresql():
    yield "DROP FUNCTION payments_archive_guard() CASCADE"
    yield f"""CREATE OR REPLACE FUNCTION payments_payment_guard() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'DELETE'
               OR (to_jsonb(NEW) - 'status') IS DISTINCT FROM (to_jsonb(OLD) - 'status')
               OR NOT ({MOVE}) THEN
                RAISE EXCEPTION '{PAYMENT_REFUSED}' USING ERRCODE = 'check_violation';
            END IF;
            RETURN NEW;
        END $$"""
    yield f"""CREATE OR REPLACE FUNCTION payments_allocation_guard() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION '{ALLOCATION_REFUSED}' USING ERRCODE = 'check_violation';
        END $$"""


# --- read-model views -----------------------------------------------------------------------

PAYMENT_COLUMNS = (
    "id, number, customer_id, amount, currency, method, date, reference, notes, "
    "provider_transaction_id, status, reversal_of_id, possible_duplicate, created_by_id, "
    "created_at, company_id"
)
ALLOCATION_COLUMNS = "id, payment_id, invoice_id, amount, refund_id, created_at, company_id"


def _views(dialect: str):
    """``payments_transaction``: one row per money movement (payment, reversal, processed
    refund) of the live ledger; ``payments_*_all``: live and archived rows together."""
    day = "CAST(r.processed_at AS DATE)" if dialect == "postgresql" else "date(r.processed_at)"
    yield f"""CREATE VIEW payments_transaction AS
        SELECT 'payment:' || CAST(p.id AS VARCHAR(12)) AS id,
               CASE WHEN p.reversal_of_id IS NULL THEN 'payment' ELSE 'reversal' END AS kind,
               p.id AS payment_id, CAST(NULL AS INTEGER) AS refund_id, p.company_id,
               p.customer_id, p.created_by_id AS user_id, p.date AS date, p.amount,
               p.currency, p.method, p.status, p.number
          FROM payments_payment p
        UNION ALL
        SELECT 'refund:' || CAST(r.id AS VARCHAR(12)), 'refund', r.payment_id, r.id,
               r.company_id, p.customer_id, r.requested_by_id, {day}, -r.amount,
               p.currency, p.method, r.status, p.number
          FROM payments_refund r JOIN payments_payment p ON p.id = r.payment_id
         WHERE r.status = 'processed'"""  # noqa: S608  (constants)
    yield f"""CREATE VIEW payments_payment_all AS
        SELECT {PAYMENT_COLUMNS}, FALSE AS archived FROM payments_payment
        UNION ALL
        SELECT {PAYMENT_COLUMNS}, TRUE AS archived FROM payments_payment_archive"""  # noqa: S608
    yield f"""CREATE VIEW payments_allocation_all AS
        SELECT {ALLOCATION_COLUMNS} FROM payments_allocation
        UNION ALL
        SELECT {ALLOCATION_COLUMNS} FROM payments_allocation_archive"""  # noqa: S608
