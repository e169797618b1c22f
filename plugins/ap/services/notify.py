"""What AP tells others: a domain event (audit log, other plugins) and a live socket event."""

from __future__ import annotations

from core.api import DomainEvent, db, emit, publish, utcnow


def announce(
    name: str, socket_event: str, record_type: str, record, data: dict | None = None
) -> None:
    facts = {"id": record.id, **(data or {})}
    publish(DomainEvent(name, record_type, record.id, record.company_id, data=facts))
    emit(socket_event, facts, company_id=record.company_id, record=(record_type, record.id))


def moved(record, status: str, stamp: str, names: tuple[str, str, str], data: dict | None = None):
    """A lifecycle move its service has locked and checked (``lock_in``): ``status``, the time
    in the ``stamp`` column, flushed, then announced as ``names`` (``announce``'s event, socket
    event and record type)."""
    record.status = status
    setattr(record, stamp, utcnow())
    db.session.flush()
    announce(*names, record, data)
    return record
