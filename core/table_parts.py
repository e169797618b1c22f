"""Pieces of table declarations that many plugins' models share.

``list_indexes`` gives a tenant table one index per sortable column of its list page, in the
order keyset pages read (``company_id, column, id``). ``AuthoredMixin`` adds who entered a row
and when.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index
from sqlalchemy.orm import Mapped, mapped_column

from core.timeutil import utcnow


def list_indexes(table: str, *columns: str) -> tuple[Index, ...]:
    """``ix_<table>_list_<column>`` on ``(company_id, column, id)`` for each column."""
    return tuple(Index(f"ix_{table}_list_{c}", "company_id", c, "id") for c in columns)


class AuthoredMixin:
    """``created_by_id`` (the user who entered the row, None for the system) and ``created_at``."""

    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("core_user.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
