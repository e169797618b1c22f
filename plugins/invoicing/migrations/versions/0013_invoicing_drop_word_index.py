"""invoicing: drop the search table's word index, which no query reads any more (PostgreSQL)

Revision ID: 0013_invoicing_drop_word_index
Revises: 0012_invoicing_id_indexes

Search finds substrings through the ``pg_trgm`` index (``plugins/invoicing/search.py``); the
``tsvector`` index of 0009 matched word prefixes, which found non-substrings and read every
invoice for a common prefix, so search stopped using it. Kept, it was still written on every
invoice insert and customer rename. SQLite has no such index.
"""

from alembic import op

revision = "0013_invoicing_drop_word_index"
down_revision = "0012_invoicing_id_indexes"
branch_labels = None
depends_on = None

INDEX = "ix_invoicing_invoice_search_words"


def upgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    op.drop_index(INDEX, "invoicing_invoice_search")


def downgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(
        f"CREATE INDEX {INDEX} ON invoicing_invoice_search"
        " USING gin (to_tsvector('simple', document))"
    )
