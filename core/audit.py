"""Audit trail written for every domain event, with personal data masked."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import select

from core.db import db
from core.models import AuditEntry

SECRET_KEYS = re.compile(r"pass|secret|token|key|otp|mfa|signature|private", re.I)
EMAIL = re.compile(r"\b([A-Za-z0-9._%+-]{1,3})[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+\.[A-Za-z]{2,})\b")
PHONE = re.compile(r"(\+\d{3})[\d \-]{3,}?(\d{3})\b")
TRN = re.compile(r"\b(\d{3})\d{6,10}(\d{3})\b")


def mask_text(text: str) -> str:
    """``admin@acme.ae`` → ``adm***@acme.ae``; TRN → ``123***789``; phone → ``+971***567``."""
    text = EMAIL.sub(lambda m: f"{m.group(1)}***@{m.group(2)}", text)
    text = PHONE.sub(lambda m: f"{m.group(1)}***{m.group(2)}", text)
    return TRN.sub(lambda m: f"{m.group(1)}***{m.group(2)}", text)


def mask(value: Any, key: str = "") -> Any:
    if key and SECRET_KEYS.search(key):
        return "[redacted]"
    if isinstance(value, dict):
        return {k: mask(v, str(k)) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [mask(v, key) for v in value]
    if isinstance(value, str):
        return mask_text(value)
    return value


def record_event(event) -> None:
    actor = event.actor
    entry = AuditEntry(
        company_id=event.company_id,
        user_id=getattr(actor, "user_id", None),
        actor_label=mask_text(getattr(actor, "label", None) or "system"),
        action=event.name,
        record_type=event.record_type,
        record_id=None if event.record_id is None else str(event.record_id),
        details=mask(event.data),
        ip_address=event.ip_address,
        user_agent=(event.user_agent or "")[:255] or None,
        correlation_id=event.correlation_id,
    )
    db.session.add(entry)
    if entry.company_id is not None:
        _announce(entry)


def _announce(entry: AuditEntry) -> None:
    """Tell the company's open pages once the entry commits (live activity re-fetches)."""
    from core.realtime import emit

    db.session.flush()  # the id is part of the event
    data = {"id": entry.id, "action": entry.action, "record_type": entry.record_type}
    emit("audit_added", data, company_id=entry.company_id)


def timeline(record_type: str, record_id, company_id: int | None) -> list[AuditEntry]:
    query = (
        select(AuditEntry)
        .where(AuditEntry.record_type == record_type, AuditEntry.record_id == str(record_id))
        .order_by(AuditEntry.created_at, AuditEntry.id)
    )
    if company_id is not None:
        query = query.where(AuditEntry.company_id == company_id)
    return list(db.session.scalars(query))


def last_editor(record_type: str, record_id, company_id: int | None) -> str | None:
    """The name (else e-mail) of whoever last changed a record, from its audit entries."""
    from core.models import User

    query = (
        select(AuditEntry.user_id, AuditEntry.actor_label)
        .where(AuditEntry.record_type == record_type, AuditEntry.record_id == str(record_id))
        .order_by(AuditEntry.created_at.desc(), AuditEntry.id.desc())
        .limit(1)
    )
    if company_id is not None:
        query = query.where(AuditEntry.company_id == company_id)
    row = db.session.execute(query).first()
    if row is None:
        return None
    user = db.session.get(User, row.user_id) if row.user_id is not None else None
    return (user.full_name or user.email) if user is not None else row.actor_label
