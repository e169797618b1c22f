"""JSON shapes of the peppol API. Credentials and secrets never appear here."""

from __future__ import annotations

from core.api import plain_columns
from plugins.peppol import circuit
from plugins.peppol.models import Attempt, ProviderAccount, Transmission
from plugins.peppol.timefmt import iso
from plugins.peppol.tracking import mls_dict


def provider(a: ProviderAccount) -> dict:
    return {
        "id": a.id,
        "name": a.name,
        "type": a.type,
        "priority": a.priority,
        "base_url": a.base_url,
        "enabled": a.enabled,
        "settings": dict(a.settings or {}),
        "has_credentials": bool(a.credentials_encrypted),
        "circuit": circuit.state_of(a.circuit_opened_at),
        "created_at": iso(a.created_at),
    }


def attempt(a: Attempt) -> dict:
    return {
        "number": a.number,
        "provider": a.provider_name,
        "provider_id": a.provider_id,
        "started_at": iso(a.started_at),
        "latency_ms": a.latency_ms,
        "instance_id": a.instance_id,
        "outcome": a.outcome,
        "error_class": a.error_class,
        "status_code": a.status_code,
        "request_id": a.request_id,
        "answer": a.answer,
    }


# A page of transmissions as plain rows of what ``transmission(..., with_attempts=False)``
# reads: not the UBL each one carries (tens of kB), nor its provider account (the name is a
# column).
LIST_COLUMNS = plain_columns(Transmission, without=("xml",))


def transmission(t: Transmission, with_attempts: bool = True) -> dict:
    out = {
        "id": t.id,
        "state": t.state,
        "provider": t.provider_name,
        "provider_id": t.provider_id,
        "document_id": t.invoice_id,
        "document_number": t.document_number,
        "document_type": t.document_type,
        "profile": t.profile,
        "sender_id": t.sender_id,
        "receiver_id": t.receiver_id,
        "instance_id": t.instance_id,
        "provider_message_id": t.provider_message_id,
        "attempt_count": t.attempt_count,
        "next_attempt_at": iso(t.next_attempt_at),
        "error_class": t.error_class,
        "last_error": t.last_error,
        "mls": mls_dict(t),
        "created_at": iso(t.created_at),
        "updated_at": iso(t.updated_at),
        "sent_at": iso(t.sent_at),
        "delivered_at": iso(t.delivered_at),
        "finished_at": iso(t.finished_at),
    }
    if with_attempts:
        out["attempts"] = [attempt(a) for a in t.attempts]
    return out
