"""The shared parts of a per-company hash chain (invoicing's documents, payments' ledger).

``ChainHeadMixin`` is the table of one row per company holding the chain's end: locking that
row serializes appends, so the chain never forks. ``ChainReport`` is what walking a chain
found, for the API, the ``verify`` command and jobs.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import String, UniqueConstraint
from sqlalchemy.orm import Mapped, declared_attr, mapped_column

from core.tenancy import TenantMixin


class ChainHeadMixin(TenantMixin):
    """``last_seq`` and ``last_hash`` of the company's chain, one row per company."""

    id: Mapped[int] = mapped_column(primary_key=True)
    last_seq: Mapped[int] = mapped_column(default=0)
    last_hash: Mapped[str | None] = mapped_column(String(64))

    @declared_attr.directive
    def __table_args__(cls) -> tuple:  # noqa: N805
        return (UniqueConstraint("company_id", name=f"uq_{cls.__tablename__}_company"),)


@dataclass
class ChainReport:
    """``ok`` until a link breaks; ``checked`` links held; ``head_hash`` the last one's hash;
    ``broken_at`` says where and why (its keys are the chain owner's)."""

    ok: bool = True
    checked: int = 0
    head_hash: str | None = None
    broken_at: dict | None = None

    def as_dict(self) -> dict:
        return {
            "ok": self.ok,
            "checked": self.checked,
            "head_hash": self.head_hash,
            "broken_at": self.broken_at,
        }

    def broken(self, **where) -> ChainReport:
        self.ok = False
        self.broken_at = where
        return self
