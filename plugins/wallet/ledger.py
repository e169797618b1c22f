"""The on-chain payments ledger: one row per (chain_id, tx_hash, log_index), written once.

A rescan finds the same logs and changes nothing; two watchers racing on one log leave one
row (the unique key decides; the loser's savepoint rolls back). A reorg only marks rows
``orphaned``; if the same log is mined again in another block the row follows it there.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from core.api import db
from plugins.wallet.chain import Transfer
from plugins.wallet.models import ChainPayment, PaymentRequest


def find(chain_id: int, tx_hash: str, log_index: int) -> ChainPayment | None:
    query = select(ChainPayment).where(
        ChainPayment.chain_id == chain_id,
        ChainPayment.tx_hash == tx_hash,
        ChainPayment.log_index == log_index,
    )
    return db.session.scalars(query).first()


def record(chain_id: int, request: PaymentRequest, transfer: Transfer) -> ChainPayment | None:
    """The new or re-mined row, or None when the log is known already (nothing changed)."""
    known = find(chain_id, transfer.tx_hash, transfer.log_index)
    if known is not None:
        return _remined(known, transfer) if known.orphaned else None
    row = ChainPayment(
        company_id=request.company_id,
        request_id=request.id,
        chain_id=chain_id,
        tx_hash=transfer.tx_hash,
        log_index=transfer.log_index,
        block_number=transfer.block_number,
        block_hash=transfer.block_hash,
        block_time=transfer.block_time,
        token_address=transfer.token,
        from_address=transfer.sender,
        to_address=transfer.to,
        amount_units=transfer.units,
        memo=transfer.memo,
        orphaned=False,
    )
    try:
        with db.session.begin_nested():
            db.session.add(row)
    except IntegrityError:  # another watcher recorded this log first
        return None
    return row


def _remined(row: ChainPayment, transfer: Transfer) -> ChainPayment:
    row.block_number, row.block_hash = transfer.block_number, transfer.block_hash
    row.block_time, row.orphaned = transfer.block_time, False
    return row


def orphan_from(chain_id: int, first_block: int, canonical: dict[int, str | None]) -> list:
    """Mark rows at or above ``first_block`` whose block is no longer canonical; return them."""
    query = select(ChainPayment).where(
        ChainPayment.chain_id == chain_id,
        ChainPayment.block_number >= first_block,
        ChainPayment.orphaned.is_(False),
    )
    gone = [p for p in db.session.scalars(query) if canonical.get(p.block_number) != p.block_hash]
    for row in gone:
        row.orphaned = True
    return gone
