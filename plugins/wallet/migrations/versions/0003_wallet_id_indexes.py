"""wallet: lists sorted by id read one company's rows from its own index (PostgreSQL)

Revision ID: 0003_wallet_id_indexes
Revises: 0002_wallet_list_indexes, 0002_wallet_settings_version

``ix_<table>_list_id`` on ``(company_id, id NULLS FIRST)``: a list ordered by ``id DESC NULLS
LAST`` (``core.listing.sorting.id_order``) can only be read from it, never from the primary key
filtered row by row, which walked every newer company's rows before an older company's first
page. SQLite needs none (its ``company_id`` index ends with the rowid).
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_wallet_id_indexes"
down_revision = ("0002_wallet_list_indexes", "0002_wallet_settings_version")
branch_labels = None
depends_on = None

TABLES = ("wallet_payment_request",)


def upgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in TABLES:
        op.create_index(f"ix_{table}_list_id", table, ["company_id", sa.text("id NULLS FIRST")])


def downgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in TABLES:
        op.drop_index(f"ix_{table}_list_id", table)
