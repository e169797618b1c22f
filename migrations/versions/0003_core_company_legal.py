"""core: company subdivision and legal registration (PINT-AE seller fields)

Revision ID: 0003_core
Revises: 0002_core

PINT-AE requires a seller with a 0235 endpoint to state its legal registration (ibr-150-ae)
with its type and, for a trade licence, the issuing authority (ibr-172/173-ae), and the
emirate of its address; until now the emirate was guessed from the city's name.
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_core"
down_revision = "0002_core"
branch_labels = None
depends_on = None

COLUMNS = {
    "subdivision": sa.String(6),
    "legal_id": sa.String(64),
    "legal_id_type": sa.String(3),
    "legal_id_authority": sa.String(200),
}


def upgrade():
    with op.batch_alter_table("core_company", schema=None) as batch_op:
        for name, type_ in COLUMNS.items():
            batch_op.add_column(sa.Column(name, type_, nullable=True))


def downgrade():
    with op.batch_alter_table("core_company", schema=None) as batch_op:
        for name in reversed(COLUMNS):
            batch_op.drop_column(name)
