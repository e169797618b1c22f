"""Core's own job types."""

from __future__ import annotations

from datetime import timedelta

from flask import current_app
from sqlalchemy import delete, func, select

from core.db import db
from core.models import AuditEntry, IdempotencyRecord
from core.timeutil import utcnow


def demo_count(ctx, chunk_size=100):
    """Count the company's audit log entries, in chunks (a harmless example job)."""
    if not isinstance(chunk_size, int) or isinstance(chunk_size, bool) or chunk_size < 1:
        raise ValueError(f"chunk_size must be a whole number of at least 1, not {chunk_size!r}")
    of_company = AuditEntry.company_id == ctx.company_id
    ctx.set_total(db.session.scalar(select(func.count(AuditEntry.id)).where(of_company)) or 0)
    last_id, counted = 0, 0
    while True:
        # Keyset paging: each chunk starts after the last id seen, so the order is stable.
        ids = db.session.scalars(
            select(AuditEntry.id)
            .where(of_company, AuditEntry.id > last_id)
            .order_by(AuditEntry.id)
            .limit(chunk_size)
        ).all()
        if not ids:
            return {"audit_entries": counted}
        counted += len(ids)
        last_id = ids[-1]
        ctx.advance(ok=len(ids))


def purge_idempotency(ctx):
    """Delete stored Idempotency-Key responses older than IDEMPOTENCY_TTL_HOURS."""
    hours = int(current_app.config["IDEMPOTENCY_TTL_HOURS"])
    expired = IdempotencyRecord.created_at < utcnow() - timedelta(hours=hours)
    ctx.set_total(db.session.scalar(select(func.count(IdempotencyRecord.id)).where(expired)) or 0)
    purged = db.session.execute(delete(IdempotencyRecord).where(expired)).rowcount
    ctx.advance(ok=purged)
    return {"purged": purged, "ttl_hours": hours}
