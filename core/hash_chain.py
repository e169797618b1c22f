"""The shared parts of a per-company hash chain (invoicing's documents, payments' ledger).

``ChainHeadMixin`` is the table of one row per company holding the chain's end: locking that
row serializes appends, so the chain never forks. ``ChainReport`` is what walking a chain
found, for the API, the ``verify`` command and jobs; ``walk`` is that walk.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sqlalchemy import String, UniqueConstraint, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Mapped, declared_attr, mapped_column

from core.db import db
from core.tenancy import TenantMixin


class ChainHeadMixin(TenantMixin):
    """``last_seq`` and ``last_hash`` of the company's chain, one row per company."""

    id: Mapped[int] = mapped_column(primary_key=True)
    last_seq: Mapped[int] = mapped_column(default=0)
    last_hash: Mapped[str | None] = mapped_column(String(64))

    @declared_attr.directive
    def __table_args__(cls) -> tuple:  # noqa: N805
        return (UniqueConstraint("company_id", name=f"uq_{cls.__tablename__}_company"),)

    @classmethod
    def current(cls, company_id: int):
        """The company's head as the database has it now (None before its first link)."""
        query = select(cls).where(cls.company_id == company_id)
        return db.session.scalars(query.execution_options(populate_existing=True)).first()

    @classmethod
    def advance(cls, company_id: int) -> tuple[int, str | None]:
        """Take the chain's lock; return (next position, previous hash).

        One upsert: the first link creates the head at position 1, later ones move it on;
        either way the row stays locked until the transaction ends."""
        statement = _insert()(cls).values(company_id=company_id, last_seq=1, last_hash=None)
        return tuple(
            db.session.execute(
                statement.on_conflict_do_update(
                    index_elements=["company_id"], set_={"last_seq": cls.last_seq + 1}
                ).returning(cls.last_seq, cls.last_hash)
            ).one()
        )

    @classmethod
    def hold(cls, company_id: int) -> None:
        """Take the chain's lock without appending yet (the head is made if missing)."""
        db.session.execute(
            _insert()(cls)
            .values(company_id=company_id, last_seq=0, last_hash=None)
            .on_conflict_do_nothing(index_elements=["company_id"])
        )
        db.session.execute(select(cls.id).where(cls.company_id == company_id).with_for_update())

    @classmethod
    def seal(cls, company_id: int, last_hash: str) -> None:
        """Record the hash of the link just appended (under the lock ``advance`` took)."""
        db.session.execute(
            update(cls)
            .where(cls.company_id == company_id)
            .values(last_hash=last_hash)
            .execution_options(synchronize_session=False)
        )


def _insert():
    """The dialect's ``INSERT`` that knows ``ON CONFLICT``."""
    return pg_insert if db.session.get_bind().dialect.name == "postgresql" else sqlite_insert


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


def walk(
    head: ChainHeadMixin | None,
    links: Callable[[int | None], Iterable],
    why: Callable,
    where: Callable,
    missing: str,
) -> ChainReport:
    """Check a chain link by link up to its ``head``, read before the links (links appended
    while the walk runs are not half-seen as missing ones).

    ``links(last_seq)`` yields the links in order (each with a ``hash``); ``why(link, seq,
    prev_hash)`` says why a link breaks the chain at position ``seq``, None when it holds;
    ``where(link, seq)`` is what ``broken_at`` names (``link`` None when the head is beyond the
    last link: ``missing`` says so).
    """
    report, prev = ChainReport(), None
    last_seq, last_hash = (head.last_seq, head.last_hash) if head is not None else (None, None)
    for link in links(last_seq):
        seq = report.checked + 1
        reason = why(link, seq, prev)
        if reason:
            return report.broken(**where(link, seq), reason=reason)
        report.checked, prev = seq, link.hash
    report.head_hash = prev
    if head is not None and (last_seq != report.checked or last_hash != prev):
        return report.broken(**where(None, report.checked + 1), reason=missing)
    return report
