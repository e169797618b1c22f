"""Follow a sent transmission: ask its provider for delivery and Message Level Status.

MLS AP -> ACCEPTED, RE -> REJECTED (reasons kept), AB -> DELIVERED (acknowledged). A
transient answer ("not ready", timeouts) changes nothing: the next poll asks again.
"""

from __future__ import annotations

from core.api import db
from plugins.peppol import notify, states
from plugins.peppol.errors import ProviderError
from plugins.peppol.models import (
    ACCEPTED,
    DELIVERED,
    FAILED,
    REJECTED,
    SENT,
    Transmission,
)
from plugins.peppol.providers.base import Status
from plugins.peppol.providers.registry import adapter_for

MLS_STATES = {"AP": ACCEPTED, "RE": REJECTED, "AB": DELIVERED}


def refresh(t: Transmission) -> str:
    """Ask the provider once; return the transmission's state afterwards."""
    if t.state not in (SENT, DELIVERED) or t.provider is None or not t.provider_message_id:
        return t.state
    adapter, message_id = adapter_for(t.provider), t.provider_message_id
    db.session.commit()  # no transaction open during the call
    try:
        status = adapter.status(message_id)
    except ProviderError as exc:
        t.last_error = f"status: {exc.message}"[:2000]
        db.session.commit()
        return t.state
    return apply(t, status)


def apply(t: Transmission, status: Status) -> str:
    if status.mls is not None:
        target = MLS_STATES.get(status.mls.code)
        reasons = [dict(r) for r in status.mls.reasons]
        if target and target != t.state:
            states.move(t, target, mls_code=status.mls.code, mls_reasons=reasons)
        elif target:
            t.mls_code, t.mls_reasons = status.mls.code, reasons
        if target == REJECTED:
            notify.transmission_failed(t, "mls_rejected", _reasons_text(reasons))
    elif status.state == "delivered" and t.state == SENT:
        states.move(t, DELIVERED)
    elif status.state == "failed" and t.state == SENT:
        states.move(t, FAILED, error_class="delivery_failed", last_error=status.detail)
        notify.transmission_failed(t, "delivery_failed", status.detail or "")
    db.session.commit()
    return t.state


def _reasons_text(reasons: list[dict]) -> str:
    return "; ".join(f"{r.get('code')}: {r.get('text', '')}" for r in reasons) or "rejected"


def mls_dict(t: Transmission) -> dict | None:
    if not t.mls_code:
        return None
    return {"code": t.mls_code, "reasons": list(t.mls_reasons or [])}
