"""Provider health: up / degraded / down from the circuit breaker and recent calls, and an
optional live probe of each provider."""

from __future__ import annotations

from core.api import db
from plugins.peppol import accounts, circuit
from plugins.peppol.providers.registry import adapter_for
from plugins.peppol.timefmt import iso


def status_of(account) -> str:
    state = circuit.state_of(account.circuit_opened_at)
    if state == circuit.OPEN:
        return "down"
    if state == circuit.HALF_OPEN or account.consecutive_failures:
        return "degraded"
    return "up"


def report(company_id: int, probe: bool = False) -> list[dict]:
    rows = accounts.enabled(company_id)
    out = [_entry(a) for a in rows]
    if probe:
        adapters = [adapter_for(a) for a in rows]
        db.session.commit()
        for entry, adapter in zip(out, adapters, strict=True):
            entry["probe"] = _probe(adapter)
    return out


def _entry(a) -> dict:
    return {
        "id": a.id,
        "name": a.name,
        "type": a.type,
        "priority": a.priority,
        "status": status_of(a),
        "circuit": circuit.state_of(a.circuit_opened_at),
        "consecutive_failures": a.consecutive_failures,
        "last_success_at": iso(a.last_success_at),
        "last_error_at": iso(a.last_error_at),
        "last_error": a.last_error,
        "latency_ms": a.last_latency_ms,
    }


def _probe(adapter) -> dict:
    try:
        result = adapter.health()
    except Exception as exc:  # a probe reports, it never fails the health page
        return {"up": False, "detail": f"{type(exc).__name__}: {exc}"}
    return {"up": result.up, "detail": result.detail}
