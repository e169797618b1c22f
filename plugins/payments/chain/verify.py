"""Verification of a company's payments chain: recompute every hash, name the first break."""

from __future__ import annotations

from sqlalchemy import select

from core.api import ChainReport, db
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


def _fail(report: ChainReport, entry: ChainEntry | None, reason: str, label=None):
    return report.broken(
        seq=report.checked + 1,
        kind=getattr(entry, "kind", None),
        record_id=getattr(entry, "record_id", None),
        record=label,
        reason=reason,
    )


def verify(company_id: int) -> ChainReport:
    """Walk the chain in order; the report names the first entry (and record) that breaks."""
    report, prev = ChainReport(), None
    head = chain.head(company_id)
    last_seq, last_hash = (head.last_seq, head.last_hash) if head is not None else (None, None)
    for page in _pages(company_id, last_seq):
        bodies = chain_records.load(company_id, [(e.kind, e.record_id) for e in page])
        for entry in page:
            body = bodies.get((entry.kind, entry.record_id))
            reason = _why(entry, report.checked + 1, prev, body)
            if reason:
                return _fail(report, entry, reason, _label(entry.kind, body))
            report.checked += 1
            prev = entry.hash
    report.head_hash = prev
    if head is not None and (last_seq != report.checked or last_hash != prev):
        return _fail(report, None, "the last entries are missing from the chain")
    return report
