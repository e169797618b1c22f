"""Gapless per-company numbering, allocated inside the caller's transaction.

The counter row is incremented with one upsert ``... RETURNING``: on PostgreSQL the row lock
makes a concurrent finalization wait for this transaction to end, and on SQLite writers are
serialized by ``BEGIN IMMEDIATE``. A rolled-back transaction gives its number back, so the
sequence has no gaps and no duplicates.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from core.db import db
from core.models import Sequence


def next_value(company_id: int, code: str, period: str = "") -> int:
    """One upsert: the series' first value creates its row at 1, later ones add 1."""
    session = db.session
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    statement = insert(Sequence).values(
        company_id=company_id, code=code, period=period, last_value=1
    )
    return session.execute(
        statement.on_conflict_do_update(
            index_elements=["company_id", "code", "period"],
            set_={"last_value": Sequence.last_value + 1},
        ).returning(Sequence.last_value)
    ).scalar_one()


def next_number(company_id: int, code: str, on: date | None = None, width: int = 5) -> str:
    """``next_number(1, "INV")`` → ``INV/2026/00001``: a yearly, gapless series per company."""
    year = str((on or date.today()).year)
    return f"{code}/{year}/{next_value(company_id, code, year):0{width}d}"


def upcoming_number(company_id: int, code: str, on: date | None = None, width: int = 5) -> str:
    """The number ``next_number`` would give now, without taking it (one plain read, no lock):
    a guess, right unless another transaction takes one first. Invoicing checks a document
    under it before queueing for the real number."""
    year = str((on or date.today()).year)
    last = db.session.scalar(
        select(Sequence.last_value).where(
            Sequence.company_id == company_id, Sequence.code == code, Sequence.period == year
        )
    )
    return f"{code}/{year}/{(last or 0) + 1:0{width}d}"
