"""Migration steps that give an existing table core.party.PartyMixin's columns.

For an Alembic revision of a table that mixes in ``PartyMixin`` (customers, vendors, the
company) but was created with other sizes or the old separate ``emirate`` column::

    from core.api import downgrade_party_columns, upgrade_party_columns

    SIZES = {"trn": (15, 32)}  # column: (length before, length after), fixed in the revision

    def upgrade():
        upgrade_party_columns("ap_vendor", SIZES, emirate=True)

    def downgrade():
        downgrade_party_columns("ap_vendor", SIZES, emirate=True)

The sizes are written in the revision, not read from the mixin, so an old revision keeps its
effect when the mixin changes later. SQLite declares the new sizes too: the table is copied
(``batch_alter_table``) with its indexes and the triggers that mention it re-created; the
migration environment runs SQLite revisions with foreign keys enforced only at the end
(``PRAGMA foreign_key_check``), as a copied table is dropped while others still refer to it.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

EMIRATE = "emirate"


def upgrade_party_columns(table: str, sizes: dict[str, tuple[int, int]], *, emirate=False):
    """Apply the PartyMixin columns to ``table`` (an Alembic ``upgrade()`` step): each nullable
    column of ``sizes`` takes its new length; with ``emirate``, a UAE address's emirate moves
    into ``subdivision`` (ISO 3166-2, AE-DU) and the ``emirate`` column goes."""
    if emirate:
        op.execute(f"UPDATE {table} SET subdivision = emirate WHERE emirate IS NOT NULL")  # noqa: S608
    _alter(table, sizes, EMIRATE if emirate else None)


def downgrade_party_columns(table: str, sizes: dict[str, tuple[int, int]], *, emirate=False):
    """Undo ``upgrade_party_columns`` with the same arguments (an Alembic ``downgrade()``)."""
    if emirate:
        op.add_column(table, sa.Column(EMIRATE, sa.String(length=5), nullable=True))
        op.execute(
            f"UPDATE {table} SET emirate = subdivision, subdivision = NULL "  # noqa: S608
            "WHERE country = 'AE' AND subdivision IS NOT NULL"
        )
    _alter(table, {name: (new, old) for name, (old, new) in sizes.items()}, None)


def _alter(table: str, sizes: dict[str, tuple[int, int]], drop: str | None) -> None:
    if op.get_bind().dialect.name != "sqlite":
        for name, (was, length) in sizes.items():
            op.alter_column(table, name, type_=sa.String(length), existing_type=sa.String(was),
                            existing_nullable=True)  # fmt: skip
        if drop:
            op.drop_column(table, drop)
        return
    triggers = _triggers_mentioning(table)
    with op.batch_alter_table(table, recreate="always") as batch:
        for name, (was, length) in sizes.items():
            batch.alter_column(name, type_=sa.String(length), existing_type=sa.String(was),
                               existing_nullable=True)  # fmt: skip
        if drop:
            batch.drop_column(drop)
    for sql in triggers:
        op.execute(sql)


def _triggers_mentioning(table: str) -> list[str]:
    """The triggers on ``table`` or naming it in their body, dropped before the copy: dropping
    the table removes its own, and renaming the copy fails while another names it."""
    bind = op.get_bind()
    rows = bind.execute(
        sa.text("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND sql LIKE :t"),
        {"t": f"%{table}%"},
    ).all()
    for name, _ in rows:
        bind.exec_driver_sql(f'DROP TRIGGER "{name}"')
    return [sql for _, sql in rows]
