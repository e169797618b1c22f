"""The payments hash chain: one chain per company over every money-moving payments record.

Each posted payment, reversal, credit entry and processed refund gets a chain entry
(``payments_chain_entry``) holding its place (``seq``), the previous entry's hash
(``prev_hash``) and its own ``hash``: SHA-256 over a canonical JSON of the record and its
place, in the style of ``plugins/invoicing/chain.py``. Editing, deleting or reordering any
chained record breaks verification from that record on.

Why a separate entry table rather than columns on the records: posted payments are frozen by
triggers and archived by moving rows to archive tables with the same columns; a side table
keeps both untouched, and verification reads records live or archived alike.

Writers are serialized per company by the chain-head row: ``lock`` bumps its ``last_seq`` in
an UPDATE, which holds the row lock on PostgreSQL until commit; SQLite serializes all writers
through ``BEGIN IMMEDIATE`` (``core/sqlite.py``).
"""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from core.api import ChainHeadMixin, TenantMixin, db, utcnow

PAYMENT, REVERSAL, CREDIT, REFUND = "payment", "reversal", "credit", "refund"
KINDS = (PAYMENT, REVERSAL, CREDIT, REFUND)


class ChainHead(ChainHeadMixin, db.Model):
    __tablename__ = "payments_chain_head"


class ChainEntry(TenantMixin, db.Model):
    """Immutable (migration 0003's triggers). ``record_id`` has no foreign key on purpose:
    archiving moves payments and refunds to archive tables keeping their ids."""

    __tablename__ = "payments_chain_entry"
    __table_args__ = (
        UniqueConstraint("company_id", "seq", name="uq_payments_chain_entry_seq"),
        Index("ix_payments_chain_entry_record", "kind", "record_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    seq: Mapped[int]
    kind: Mapped[str] = mapped_column(String(16))
    record_id: Mapped[int]
    prev_hash: Mapped[str | None] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


def plain(value):
    """One JSON-stable text per value: amounts to two decimals, dates and times ISO 8601."""
    if isinstance(value, Decimal):
        return str(value.quantize(Decimal("0.01")))
    if isinstance(value, datetime):
        return value.replace(tzinfo=None).isoformat(timespec="microseconds")
    if isinstance(value, date):
        return value.isoformat()
    return value


def fields(row, names) -> dict:
    return {name: plain(getattr(row, name)) for name in names}


def compute_hash(company_id, seq, kind, record_id, prev_hash, record: dict) -> str:
    body = {
        "v": 1,
        "company_id": company_id,
        "seq": seq,
        "kind": kind,
        "record_id": record_id,
        "prev_hash": prev_hash,
        "record": record,
    }
    text = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def hold(company_id: int) -> None:
    """Take the company's chain lock without appending yet.

    Credit balances are checked under it (every credit entry is chained, so no other
    transaction can change a balance meanwhile). Callers lock the invoices they touch first:
    the same order as recording a payment, so the two never deadlock on PostgreSQL.
    """
    ChainHead.hold(company_id)


def append(company_id: int, kind: str, record_id: int, record: dict) -> ChainEntry:
    """Chain one record (its ``payload`` from ``chain.records``) at the end of the chain."""
    db.session.flush()
    seq, prev_hash = ChainHead.advance(company_id)
    digest = compute_hash(company_id, seq, kind, record_id, prev_hash, record)
    entry = ChainEntry(
        company_id=company_id,
        seq=seq,
        kind=kind,
        record_id=record_id,
        prev_hash=prev_hash,
        hash=digest,
    )
    db.session.add(entry)
    ChainHead.seal(company_id, digest)
    db.session.flush()
    return entry


def head(company_id: int) -> ChainHead | None:
    return ChainHead.current(company_id)
