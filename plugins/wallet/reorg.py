"""Reorg detection from the hashes of recent blocks the watcher relied on.

Each pass stores the hash of the block it scanned up to and of every block that paid a
request. At the next pass those of the last ``WALLET_REORG_WINDOW`` blocks up to the head are
fetched again; a changed hash means the chain was reorganised from there: payments in
replaced blocks are orphaned and the cursor goes back so the new blocks are scanned. Blocks
above the head are not judged (a node behind the best head seen says nothing about them): a
rolled-back chain shows its reorg once it has grown past them with new hashes.
"""

from __future__ import annotations

from flask import current_app
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from core.api import db
from plugins.wallet import chain, cursor, ledger
from plugins.wallet.models import SeenBlock


def window() -> int:
    return int(current_app.config.get("WALLET_REORG_WINDOW", 64))


def remember(chain_id: int, number: int, block_hash: str) -> None:
    found = db.session.get(SeenBlock, (chain_id, number))
    if found is not None:
        found.hash = block_hash
        return
    try:
        with db.session.begin_nested():
            db.session.add(SeenBlock(chain_id=chain_id, number=number, hash=block_hash))
    except IntegrityError:  # another watcher stored it first
        pass


def forget_before(chain_id: int, number: int) -> None:
    db.session.execute(
        delete(SeenBlock).where(SeenBlock.chain_id == chain_id, SeenBlock.number < number)
    )


def check(rpc, chain_id: int, head) -> list:
    """Orphan payments of replaced blocks; return the orphaned ledger rows."""
    query = select(SeenBlock).where(
        SeenBlock.chain_id == chain_id,
        SeenBlock.number >= head.number - window(),
        SeenBlock.number <= head.number,  # above it: a lagging node, not evidence of a reorg
    )
    seen = list(db.session.scalars(query))
    live = chain.blocks(rpc, [s.number for s in seen])
    changed = [s.number for s in seen if (live.get(s.number) or {}).get("hash") != s.hash]
    if not changed:
        return []
    first = min(changed)
    numbers = list(range(first, head.number + 1))
    canonical = {n: (b or {}).get("hash") for n, b in chain.blocks(rpc, numbers).items()}
    orphaned = ledger.orphan_from(chain_id, first, canonical)
    db.session.execute(
        delete(SeenBlock).where(SeenBlock.chain_id == chain_id, SeenBlock.number >= first)
    )
    cursor.rewind(chain_id, first - 1)
    return orphaned
