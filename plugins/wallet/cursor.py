"""The watcher's position per chain: the last block fully scanned."""

from __future__ import annotations

from flask import current_app
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from core.api import db, utcnow
from plugins.wallet.models import ScanCursor


def locked(chain_id: int) -> ScanCursor:
    """The cursor row, locked until commit; on first use it starts just before
    ``WALLET_START_BLOCK`` (0: from genesis, right for a local chain; set it to the current
    block when a real network is first configured)."""
    query = (
        select(ScanCursor)
        .where(ScanCursor.chain_id == chain_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    row = db.session.scalars(query).first()
    if row is not None:
        return row
    try:
        with db.session.begin_nested():
            start = int(current_app.config.get("WALLET_START_BLOCK", 0)) - 1
            db.session.add(ScanCursor(chain_id=chain_id, last_block=start, updated_at=utcnow()))
    except IntegrityError:  # another watcher created it first
        pass
    return db.session.scalars(query).one()


def position(chain_id: int) -> int:
    row = db.session.get(ScanCursor, chain_id)
    return row.last_block if row is not None else -1


def advance(chain_id: int, block: int) -> None:
    row = locked(chain_id)
    row.last_block, row.updated_at = max(row.last_block, block), utcnow()


def rewind(chain_id: int, block: int) -> None:
    row = locked(chain_id)
    row.last_block, row.updated_at = min(row.last_block, block), utcnow()
