"""``hash`` and ``prev_hash`` of the chain entry of each payment, reversal and refund in a JSON
answer, so integrators can keep them and check them against ``GET /payments/chain/verify``.

A whole page is looked up in one query (never one per item). A refund is chained only when it
is processed: before that both are ``null``.
"""

from __future__ import annotations

from sqlalchemy import select

from core.api import read_rows
from plugins.payments import chain
from plugins.payments.chain import ChainEntry

PAYMENT_KINDS = (chain.PAYMENT, chain.REVERSAL)
REFUND_KINDS = (chain.REFUND,)


def _entries(kinds, ids) -> dict:
    ids = [i for i in ids if i is not None]
    if not ids:
        return {}
    query = select(ChainEntry.record_id, ChainEntry.hash, ChainEntry.prev_hash)
    query = query.where(ChainEntry.kind.in_(kinds), ChainEntry.record_id.in_(ids))
    return {e.record_id: e for e in read_rows(query)}


def attach(items: list[dict], kinds) -> list[dict]:
    """Add ``hash`` and ``prev_hash`` to each JSON item (by its ``id``), in place."""
    entries = _entries(kinds, [item["id"] for item in items])
    for item in items:
        entry = entries.get(item["id"])
        item["hash"] = entry.hash if entry else None
        item["prev_hash"] = entry.prev_hash if entry else None
    return items


def payment(item: dict) -> dict:
    return attach([item], PAYMENT_KINDS)[0]


def refund(item: dict) -> dict:
    return attach([item], REFUND_KINDS)[0]


def page(envelope: dict, kinds) -> dict:
    attach(envelope["data"], kinds)
    return envelope
