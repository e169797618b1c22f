"""A test-only tenant model, ``Note`` (table ``test_note``).

It lives in its own metadata, so it never appears in migrations, in ``db.metadata`` or in
other tests' schema checks; ``create_table`` adds it to one test's database only.
"""

from __future__ import annotations

from sqlalchemy import Column, Integer, MetaData, String, Table
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from core.tenancy import TenantMixin


class NoteBase(DeclarativeBase):
    metadata = MetaData()


# A stand-in so TenantMixin's foreign key resolves; the real table already exists.
Table("core_company", NoteBase.metadata, Column("id", Integer, primary_key=True))


class Note(TenantMixin, NoteBase):
    __tablename__ = "test_note"

    id: Mapped[int] = mapped_column(primary_key=True)
    body: Mapped[str] = mapped_column(String(200))


def create_table(engine) -> None:
    NoteBase.metadata.create_all(engine, tables=[Note.__table__])
