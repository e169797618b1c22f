"""invoicing: an index per sortable list column, full-text search of invoices

Revision ID: 0009_invoicing_lists
Revises: 0008_invoicing_versions

Every column the invoice list sorts on gets ``(company_id, column, id)``, so a page is read
from the index in order and the keyset condition starts where the last page ended. Search
(number or customer name) gets its own index, kept by triggers: on SQLite an FTS5 table with
the trigram tokenizer (substring matches, like the LIKE it replaces); on PostgreSQL a table
with a ``tsvector`` index (words and prefixes) and a ``pg_trgm`` index (substrings).
"""

from alembic import op

# The SQL below is built from the constants of this file only.
# ruff: noqa: S608

revision = "0009_invoicing_lists"
down_revision = "0008_invoicing_versions"
branch_labels = None
depends_on = None

SORTED = ("number", "due_date", "total", "amount_due", "payment_status", "customer_id")
DOCUMENT = "coalesce({inv}.number, '') || ' ' || coalesce({name}, '')"
NAME_OF = "(SELECT name FROM invoicing_customer WHERE id = {inv}.customer_id)"


def upgrade():
    for column in SORTED:
        op.create_index(
            f"ix_invoicing_invoice_list_{column}", "invoicing_invoice", ["company_id", column, "id"]
        )
    statements = _postgresql() if op.get_bind().dialect.name == "postgresql" else _sqlite()
    for sql in statements:
        op.execute(sql)


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION invoicing_search_invoice() CASCADE")
        op.execute("DROP FUNCTION invoicing_search_customer() CASCADE")
        op.execute("DROP TABLE invoicing_invoice_search")
    else:
        for name in ("insert", "update", "delete", "customer"):
            op.execute(f"DROP TRIGGER IF EXISTS invoicing_invoice_fts_{name}")
        op.execute("DROP TABLE invoicing_invoice_fts")
    for column in SORTED:
        op.drop_index(f"ix_invoicing_invoice_list_{column}", "invoicing_invoice")


def _sqlite():
    doc_new = DOCUMENT.format(inv="NEW", name=NAME_OF.format(inv="NEW"))
    yield """CREATE VIRTUAL TABLE invoicing_invoice_fts USING fts5(
        document, tokenize = 'trigram')"""
    yield f"""INSERT INTO invoicing_invoice_fts (rowid, document)
        SELECT i.id, {DOCUMENT.format(inv="i", name="c.name")}
        FROM invoicing_invoice i JOIN invoicing_customer c ON c.id = i.customer_id"""
    yield f"""CREATE TRIGGER invoicing_invoice_fts_insert AFTER INSERT ON invoicing_invoice
        BEGIN INSERT INTO invoicing_invoice_fts (rowid, document) VALUES (NEW.id, {doc_new}); END"""
    yield f"""CREATE TRIGGER invoicing_invoice_fts_update
        AFTER UPDATE OF number, customer_id ON invoicing_invoice
        BEGIN
            DELETE FROM invoicing_invoice_fts WHERE rowid = OLD.id;
            INSERT INTO invoicing_invoice_fts (rowid, document) VALUES (NEW.id, {doc_new});
        END"""
    yield """CREATE TRIGGER invoicing_invoice_fts_delete AFTER DELETE ON invoicing_invoice
        BEGIN DELETE FROM invoicing_invoice_fts WHERE rowid = OLD.id; END"""
    yield f"""CREATE TRIGGER invoicing_invoice_fts_customer
        AFTER UPDATE OF name ON invoicing_customer
        BEGIN
            UPDATE invoicing_invoice_fts SET document = (
                SELECT {DOCUMENT.format(inv="i", name="NEW.name")}
                FROM invoicing_invoice i WHERE i.id = invoicing_invoice_fts.rowid)
            WHERE rowid IN (SELECT id FROM invoicing_invoice WHERE customer_id = NEW.id);
        END"""


def _postgresql():
    yield "CREATE EXTENSION IF NOT EXISTS pg_trgm"
    yield """CREATE TABLE invoicing_invoice_search (
        invoice_id integer PRIMARY KEY REFERENCES invoicing_invoice (id) ON DELETE CASCADE,
        document text NOT NULL)"""
    yield f"""INSERT INTO invoicing_invoice_search (invoice_id, document)
        SELECT i.id, {DOCUMENT.format(inv="i", name="c.name")}
        FROM invoicing_invoice i JOIN invoicing_customer c ON c.id = i.customer_id"""
    yield """CREATE INDEX ix_invoicing_invoice_search_words ON invoicing_invoice_search
        USING gin (to_tsvector('simple', document))"""
    yield """CREATE INDEX ix_invoicing_invoice_search_trgm ON invoicing_invoice_search
        USING gin (document gin_trgm_ops)"""
    yield f"""CREATE FUNCTION invoicing_search_invoice() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO invoicing_invoice_search (invoice_id, document)
            VALUES (NEW.id, {DOCUMENT.format(inv="NEW", name=NAME_OF.format(inv="NEW"))})
            ON CONFLICT (invoice_id) DO UPDATE SET document = EXCLUDED.document;
            RETURN NEW;
        END $$"""
    yield """CREATE TRIGGER invoicing_invoice_search_sync
        AFTER INSERT OR UPDATE OF number, customer_id ON invoicing_invoice
        FOR EACH ROW EXECUTE FUNCTION invoicing_search_invoice()"""
    yield f"""CREATE FUNCTION invoicing_search_customer() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            UPDATE invoicing_invoice_search s
            SET document = {DOCUMENT.format(inv="i", name="NEW.name")}
            FROM invoicing_invoice i
            WHERE i.customer_id = NEW.id AND s.invoice_id = i.id;
            RETURN NEW;
        END $$"""
    yield """CREATE TRIGGER invoicing_customer_search_sync
        AFTER UPDATE OF name ON invoicing_customer
        FOR EACH ROW EXECUTE FUNCTION invoicing_search_customer()"""
