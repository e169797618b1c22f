"""Human labels for Peppol's codes (registered through ``code_labels``): transmission states,
provider health and circuit states, inbox outcomes, events and record kinds."""

from __future__ import annotations

from core.api import lazy_gettext as _l

STATES = {
    "QUEUED": _l("Queued"),
    "SENDING": _l("Sending"),
    "SENT": _l("Sent"),
    "DELIVERED": _l("Delivered"),
    "ACCEPTED": _l("Accepted"),
    "REJECTED": _l("Rejected"),
    "FAILED": _l("Failed (will retry)"),
    "PERMANENTLY_FAILED": _l("Failed permanently"),
}

HEALTH = {"up": _l("Up"), "degraded": _l("Degraded"), "down": _l("Down")}

CIRCUIT = {
    "closed": _l("Closed (sending)"),
    "open": _l("Open (skipped)"),
    "half_open": _l("Half-open (trying again)"),
}

INBOX = {
    "imported": _l("Imported"),
    "forwarded": _l("Forwarded"),
    "invalid": _l("Invalid"),
    "duplicate": _l("Duplicate"),
}

DOCUMENT_TYPES = {"invoice": _l("Invoice"), "credit_note": _l("Credit note")}

EVENTS = {"PeppolStatusChanged": _l("Peppol transmission %(record)s changed state")}

RECORD_TYPES = {"peppol_transmission": _l("Peppol transmission")}


def record_url(record_type, record_id):
    from flask import url_for

    if record_type != "peppol_transmission":
        return None
    return url_for("peppol.transmission_detail", transmission_id=int(record_id))


def code_labels() -> dict:
    return {
        "peppol_state": STATES,
        "peppol_health": HEALTH,
        "peppol_circuit": CIRCUIT,
        "peppol_inbox": INBOX,
        "peppol_document": DOCUMENT_TYPES,
        "event": EVENTS,
        "record_type": RECORD_TYPES,
    }
