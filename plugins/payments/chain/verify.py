"""Verification of a company's payments chain: recompute every hash, name the first break."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from core.api import ChainReport, db, walk_chain
from plugins.payments import chain
from plugins.payments.chain import ChainEntry
from plugins.payments.chain import records as chain_records

PAGE = 500


def _pages(company_id: int, up_to: int | None):
    """The entries in order, up to the head read before them: entries appended while the walk
    runs (their head moved after it was read) are not half-seen as a break."""
    after = 0
    while True:
        bounded = [ChainEntry.seq <= up_to] if up_to is not None else []
        page = list(
            db.session.scalars(
                select(ChainEntry)
                .where(ChainEntry.company_id == company_id, ChainEntry.seq > after, *bounded)
                .order_by(ChainEntry.seq)
                .limit(PAGE)
            )
        )
        if not page:
            return
        yield page
        after = page[-1].seq


def _label(kind: str, body: dict | None) -> str | None:
    if body is None:
        return None
    if kind in (chain.PAYMENT, chain.REVERSAL):
        return body["number"]
    return f"{kind} #{body['id']}"


def _why(entry: ChainEntry, expected_seq: int, prev: str | None, body: dict | None):
    if entry.seq != expected_seq:
        return f"entry #{expected_seq} of the chain is missing"
    if entry.prev_hash != prev:
        return "prev_hash does not match the previous entry's hash"
    if body is None:
        return f"the {entry.kind} record {entry.record_id} is missing (deleted)"
    digest = chain.compute_hash(
        entry.company_id, entry.seq, entry.kind, entry.record_id, entry.prev_hash, body
    )
    if digest != entry.hash:
        return f"the {entry.kind} does not match its hash (the record was altered)"
    return None


@dataclass(frozen=True)
class _Link:
    entry: ChainEntry
    body: dict | None  # the chained record as it is now; None when it is gone

    @property
    def hash(self) -> str:
        return self.entry.hash


def _links(company_id: int, up_to: int | None):
    for page in _pages(company_id, up_to):
        bodies = chain_records.load(company_id, [(e.kind, e.record_id) for e in page])
        for entry in page:
            yield _Link(entry, bodies.get((entry.kind, entry.record_id)))


def _where(link: _Link | None, seq: int) -> dict:
    entry = link.entry if link is not None else None
    return {
        "seq": seq,
        "kind": getattr(entry, "kind", None),
        "record_id": getattr(entry, "record_id", None),
        "record": _label(entry.kind, link.body) if link is not None else None,
    }


def verify(company_id: int) -> ChainReport:
    """Walk the chain in order; the report names the first entry (and record) that breaks."""
    return walk_chain(
        chain.head(company_id),
        lambda last_seq: _links(company_id, last_seq),
        lambda link, seq, prev: _why(link.entry, seq, prev, link.body),
        _where,
        "the last entries are missing from the chain",
    )
