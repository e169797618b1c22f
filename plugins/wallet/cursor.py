"""The watcher's position per chain: the last block fully scanned."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from core.api import db, utcnow
from plugins.wallet.models import ScanCursor


def locked(chain_id: int) -> ScanCursor:
    """The cursor row, locked until commit; created at -1 (nothing scanned) on first use."""
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
            db.session.add(ScanCursor(chain_id=chain_id, last_block=-1, updated_at=utcnow()))
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
