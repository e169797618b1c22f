"""One received message through the pipeline; returns (outcome, error text or None)."""

from __future__ import annotations

import hashlib

from flask import current_app
from sqlalchemy import select

from core.api import db
from plugins.peppol import validation
from plugins.peppol.errors import ProviderError
from plugins.peppol.inbox import destinations
from plugins.peppol.models import InboundDocument
from plugins.peppol.providers.base import InboxMessage, Mls

DONE = ("imported", "forwarded")


def process(company_id: int, account_id: int, adapter, message: InboxMessage, job_id: int):
    digest = hashlib.sha256(message.xml).hexdigest()
    seen = db.session.scalar(select(InboundDocument).where(InboundDocument.sha256 == digest))
    if seen is not None:  # committed by an earlier run that may not have acknowledged it
        return _ack(adapter, message, _mls_for(seen)) or ("duplicates", None)
    row = InboundDocument(
        company_id=company_id,
        provider_id=account_id,
        message_id=message.message_id[:200],
        sha256=digest,
        job_id=job_id,
        sender_id=message.sender_id,
    )
    outcome, error = _judge(company_id, row, message)
    if outcome == "failed":
        db.session.rollback()  # not acknowledged: the provider offers it again next run
        return outcome, error
    db.session.add(row)
    db.session.commit()
    return _ack(adapter, message, _mls_for(row)) or (outcome, error)


def _judge(company_id: int, row: InboundDocument, message: InboxMessage):
    try:
        verdict = validation.check(message.xml)
    except ValueError as exc:  # not UBL at all (NotUBLError is a ValueError)
        row.status, row.error = "invalid", str(exc)[:2000]
        return "invalid", f"{message.message_id}: not a UBL document: {exc}"
    row.profile = verdict.profile
    if not verdict.valid:
        row.status, row.rule_ids = "invalid", verdict.rule_ids
        return "invalid", f"{message.message_id}: fails {', '.join(verdict.rule_ids)}"
    doc = validation.read(message.xml)
    row.number, row.sender_id = doc.number, _endpoint(doc.seller) or row.sender_id
    if _already_have(row.sender_id, row.number):
        row.status, row.error = "duplicate", "same sender and invoice number as an earlier one"
        return "duplicates", None
    return destinations.deliver(company_id, row, message)


def _endpoint(party) -> str | None:
    scheme, value = getattr(party, "endpoint_scheme", None), getattr(party, "endpoint_id", None)
    return f"{scheme}:{value}" if scheme and value else None


def _already_have(sender: str | None, number: str | None) -> bool:
    if not sender or not number:
        return False
    return (
        db.session.scalar(
            select(InboundDocument.id).where(
                InboundDocument.sender_id == sender,
                InboundDocument.number == number,
                InboundDocument.status.in_(DONE),
            )
        )
        is not None
    )


def _mls_for(row: InboundDocument) -> Mls:
    if row.status in DONE:
        return Mls("AP")
    if row.status == "invalid":
        reasons = tuple({"code": "BV", "text": rule} for rule in (row.rule_ids or [])[:20])
        return Mls("RE", reasons or ({"code": "SV", "text": (row.error or "")[:200]},))
    return Mls("RE", ({"code": "BV", "text": "duplicate invoice number"},))


def _ack(adapter, message: InboxMessage, mls: Mls):
    """Acknowledge after the commit; a failed acknowledgement is retried on the next run."""
    try:
        adapter.acknowledge(message.message_id, mls)
    except ProviderError as exc:
        current_app.logger.warning("acknowledge %s failed: %s", message.message_id, exc)
        return "failed", f"{message.message_id}: saved but not acknowledged: {exc.message}"
    return None
