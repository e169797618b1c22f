"""Pieces of table declarations that many plugins' models share.

``list_indexes`` gives a tenant table one index per sortable column of its list page, in the
order keyset pages read (``company_id, column, id``); ``id_index`` the one a list sorted by
``id`` (newest first) reads on PostgreSQL. ``AuthoredMixin`` adds who entered a row and when.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, text
from sqlalchemy.orm import Mapped, mapped_column

from core.timeutil import utcnow


def list_indexes(table: str, *columns: str) -> tuple[Index, ...]:
    """``ix_<table>_list_<column>`` on ``(company_id, column, id)`` for each column."""
    return tuple(Index(f"ix_{table}_list_{c}", "company_id", c, "id") for c in columns)


def id_index_name(table: str) -> str:
    return f"ix_{table}_list_id"


def id_index(table: str) -> Index:
    """``ix_<table>_list_id`` on ``(company_id, id NULLS FIRST)``, PostgreSQL only: the index a
    list sorted by ``id`` reads (``core.listing.sorting.id_order`` says why NULLS FIRST).
    SQLite needs none: its ``company_id`` index already ends with the rowid, ``id``."""
    index = Index(id_index_name(table), "company_id", text("id NULLS FIRST"))
    return index.ddl_if(dialect="postgresql")


class AuthoredMixin:
    """``created_by_id`` (the user who entered the row, None for the system) and ``created_at``."""

    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("core_user.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
