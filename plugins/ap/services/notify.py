"""What AP tells others: a domain event (audit log, other plugins) and a live socket event."""

from __future__ import annotations

from core.api import DomainEvent, emit, publish


def announce(
    name: str, socket_event: str, record_type: str, record, data: dict | None = None
) -> None:
    facts = {"id": record.id, **(data or {})}
    publish(DomainEvent(name, record_type, record.id, record.company_id, data=facts))
    emit(socket_event, facts, company_id=record.company_id, record=(record_type, record.id))
