"""One watcher pass: reorg check, ``eth_getLogs`` from the cursor to the head, transitions.

Run by ``flask wallet scan`` (cron, tests) and the scheduled job. Safe to run twice at once
and to re-run over old blocks: the ledger's unique key and the row locks make it record once.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import or_, select

from core.api import DomainEvent, db, emit, publish
from plugins.wallet import chain, cursor, ledger, reorg, state, transitions
from plugins.wallet.models import LIVE, PaymentRequest


@dataclass
class Report:
    chain_id: int = 0
    head: int = -1
    scanned: tuple[int, int] | None = None
    recorded: list[str] = field(default_factory=list)
    orphaned: list[str] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)
    behind: int | None = None  # the block scanned already, when the provider is behind it

    def lines(self) -> list[str]:
        span = f"blocks {self.scanned[0]}..{self.scanned[1]}" if self.scanned else "no new blocks"
        if self.behind is not None:
            span = f"behind block {self.behind} scanned already: provider lagging, waiting"
        out = [f"chain {self.chain_id} head {self.head}: {span}"]
        return out + self.orphaned + self.recorded + self.changes

    def as_json(self) -> dict:
        return {
            "chain_id": self.chain_id,
            "head": self.head,
            "scanned": list(self.scanned) if self.scanned else None,
            "recorded": self.recorded,
            "orphaned": self.orphaned,
            "changes": self.changes,
            "behind": self.behind,
        }


def run(rpc=None, from_block: int | None = None) -> Report:
    rpc = rpc or chain.client()
    report = Report(chain_id=int(rpc.call("eth_chainId"), 16))
    # The cursor's row lock makes whole passes on one chain take turns (until the commit); the
    # head is read after it, so a pass that waited never judges an older head than its peer.
    cursor.locked(report.chain_id)
    info = chain.head(rpc)
    head = state.Head(info["number"], info["time"])
    report.head = head.number
    touched = {p.request_id for p in _orphan(rpc, report, head)}
    scanned = cursor.locked(report.chain_id).last_block
    if head.number < scanned:
        # A node behind the best head seen (a lagging backup) must not look like a rollback:
        # nothing is judged on its older head; a real reorg shows as a changed hash later.
        report.behind = scanned
        db.session.commit()
        return report
    start = scanned + 1 if from_block is None else from_block
    if start <= head.number:
        touched |= _scan(rpc, report, start, head, rescan=from_block is not None)
    _end_pass(report.chain_id, info)
    db.session.commit()
    report.changes = _transitions(report.chain_id, head, touched)
    return report


def _orphan(rpc, report: Report, head) -> list:
    gone = reorg.check(rpc, report.chain_id, head)
    report.orphaned = [
        f"orphaned {p.tx_hash} log {p.log_index} (block {p.block_number}) of request {p.request_id}"
        for p in gone
    ]
    return gone


def watched(chain_id: int, head, rescan: bool) -> list[PaymentRequest]:
    query = select(PaymentRequest).where(
        PaymentRequest.chain_id == chain_id, PaymentRequest.destroyed_at.is_(None)
    )
    if not rescan:
        query = query.where(
            or_(PaymentRequest.status.in_(LIVE), PaymentRequest.monitor_until >= head.time)
        )
    return list(db.session.scalars(query))


def _scan(rpc, report: Report, start: int, head, rescan: bool) -> set[int]:
    requests = watched(report.chain_id, head, rescan)
    by_token: dict[str, dict[str, PaymentRequest]] = defaultdict(dict)
    for r in requests:
        by_token[r.token_address][r.address.lower()] = r
    touched = set()
    for token, by_address in by_token.items():
        found = chain.transfers(rpc, token, sorted(by_address), start, head.number)
        for transfer in _timed(rpc, found):
            request = by_address.get(transfer.to.lower())
            if request is not None and _record(report, request, transfer):
                touched.add(request.id)
    report.scanned = (start, head.number)
    cursor.advance(report.chain_id, head.number)
    return touched


def _timed(rpc, transfers: list) -> list:
    """Fill in block timestamps a node left out of the logs (one batched call)."""
    missing = sorted({t.block_number for t in transfers if t.block_time is None})
    if not missing:
        return transfers
    times = {n: b["time"] for n, b in chain.blocks(rpc, missing).items() if b}
    return [
        t if t.block_time else chain.Transfer(**{**t.__dict__, "block_time": times[t.block_number]})
        for t in transfers
    ]


def _record(report: Report, request: PaymentRequest, transfer) -> bool:
    row = ledger.record(report.chain_id, request, transfer)
    if row is None:
        return False
    reorg.remember(report.chain_id, transfer.block_number, transfer.block_hash)
    report.recorded.append(
        f"recorded {transfer.tx_hash} log {transfer.log_index}: {transfer.units} units "
        f"to request {request.id} (block {transfer.block_number})"
    )
    _announce(request, row)
    return True


def _announce(request: PaymentRequest, row) -> None:
    data = {
        "id": request.id,
        "invoice_id": request.invoice_id,
        "tx_hash": row.tx_hash,
        "log_index": row.log_index,
        "amount_units": str(row.amount_units),
        "block_number": row.block_number,
    }
    publish(
        DomainEvent(
            "WalletPaymentDetected", "wallet_payment_request", request.id, request.company_id, data
        )
    )
    emit(
        "wallet_payment_detected", data, request.company_id, record=("invoice", request.invoice_id)
    )


def _end_pass(chain_id: int, info: dict) -> None:
    reorg.remember(chain_id, info["number"], info["hash"])
    reorg.forget_before(chain_id, info["number"] - 4 * reorg.window())


def _transitions(chain_id: int, head, touched: set[int]) -> list[str]:
    candidates = [r for r in watched(chain_id, head, rescan=False) if r.id not in touched]
    candidates += [db.session.get(PaymentRequest, i) for i in sorted(touched)]
    due = sorted(r.id for r in candidates if transitions.pending(r, head))
    changes = []
    for request_id in due:
        changes += transitions.apply(request_id, head)
        db.session.commit()
    return changes
