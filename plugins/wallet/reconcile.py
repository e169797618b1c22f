"""Reserve reconciliation: on-chain balances and a re-scan of blocks against the ledger.

Differences are listed, never corrected: the ledger changes only through the watcher.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from sqlalchemy import select

from core.api import db
from plugins.wallet import chain, cursor
from plugins.wallet.models import HD, ChainPayment, PaymentRequest


def run(company_id: int, from_block: int | None = None, to_block: int | None = None) -> dict:
    rpc = chain.client()
    requests = _requests(company_id)
    recorded = _recorded(company_id)
    chain_ids = {r.chain_id for r in requests}
    end = (
        to_block
        if to_block is not None
        else max((cursor.position(c) for c in chain_ids), default=-1)
    )
    start = from_block or 0
    return {
        "balances": _balances(rpc, requests, recorded),
        "rescan": _rescan(rpc, requests, recorded, start, end),
        "range": [start, end],
    }


def _requests(company_id: int) -> list[PaymentRequest]:
    query = select(PaymentRequest).where(PaymentRequest.company_id == company_id)
    return list(db.session.scalars(query.order_by(PaymentRequest.id)))


def _recorded(company_id: int) -> list[ChainPayment]:
    query = select(ChainPayment).where(
        ChainPayment.company_id == company_id, ChainPayment.orphaned.is_(False)
    )
    return list(db.session.scalars(query))


def _balances(rpc, requests, recorded) -> dict:
    """Per token and HD address: ``balanceOf`` vs the sum the ledger recorded."""
    ledger = defaultdict(Decimal)
    for p in recorded:
        ledger[p.request_id] += Decimal(p.amount_units)
    held = [r for r in requests if r.mode == HD and r.destroyed_at is None]
    differences, checked = [], 0
    by_token = defaultdict(list)
    for r in held:
        by_token[r.token_address].append(r)
    for token, group in by_token.items():
        on_chain = chain.balances(rpc, token, [r.address for r in group])
        for r in group:
            checked += 1
            diff = Decimal(on_chain[r.address]) - ledger[r.id]
            if diff:
                differences.append(_difference(r, on_chain[r.address], ledger[r.id], diff))
    return {"checked": checked, "differences": differences}


def _difference(request, on_chain: int, ledger: Decimal, diff: Decimal) -> dict:
    return {
        "request_id": request.id,
        "address": request.address,
        "token_address": request.token_address,
        "on_chain_units": str(on_chain),
        "ledger_units": str(int(ledger)),
        "difference_units": str(int(diff)),
    }


def _rescan(rpc, requests, recorded, start: int, end: int) -> dict:
    """Transfers found in ``start..end`` vs payments recorded in that range."""
    by_token = defaultdict(list)
    for r in requests:
        by_token[r.token_address].append(r.address)
    found = {}
    for token, addresses in by_token.items():
        if start <= end:
            for t in chain.transfers(rpc, token, addresses, start, end):
                found[(t.tx_hash, t.log_index)] = t
    ours = {(p.tx_hash, p.log_index): p for p in recorded if start <= p.block_number <= end}
    missing = [
        {"tx_hash": k[0], "log_index": k[1], "to": t.to, "amount_units": str(t.units)}
        for k, t in found.items()
        if k not in ours
    ]
    unknown = [
        {
            "tx_hash": k[0],
            "log_index": k[1],
            "request_id": p.request_id,
            "amount_units": str(int(p.amount_units)),
        }
        for k, p in ours.items()
        if k not in found
    ]
    return {"transfers": len(found), "missing_from_ledger": missing, "not_on_chain": unknown}
