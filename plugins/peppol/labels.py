"""Human labels for Peppol's codes (registered through ``code_labels``): transmission states,
provider health and circuit states, inbox outcomes, events and record kinds."""

from __future__ import annotations

from core.api import lazy_gettext as _l
from core.api import record_pages

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

# The built-in adapters' types; a third-party adapter is shown by its own ``label``.
PROVIDER_TYPES = {
    "mock": _l("Mock (in-process, for tests and demos)"),
    "http_forward": _l("HTTP forward (POST the UBL with a bearer token)"),
    "tradeshift": _l("Tradeshift (external REST API)"),
    "basware": _l("Basware (OAuth 2 REST APIs)"),
}

EVENTS = {"PeppolStatusChanged": _l("%(record)s changed state")}

RECORD_TYPES = {"peppol_transmission": _l("Peppol transmission")}

record_url = record_pages(
    {"peppol_transmission": ("peppol.transmission_detail", "transmission_id")}
)

JOBS = {
    "peppol.send": _l("Send a document via Peppol"),
    "peppol.retry_due": _l("Retry Peppol transmissions that are due"),
    "peppol.poll_status": _l("Ask providers for the status of sent documents"),
    "peppol.inbox_fetch": _l("Fetch the Peppol inbox"),
    "peppol.inbox_tick": _l("Start the scheduled Peppol inbox fetches"),
    "peppol.webhooks": _l("Deliver Peppol webhooks"),
}

JOB_RESULTS = {
    "transmission_id": _l("Transmission"),
    "state": _l("State"),
    "retried": _l("Retried"),
    "webhook_companies": _l("Companies with webhooks"),
    "polled": _l("Asked"),
    "started": _l("Started"),
    # The inbox fetch's totals (inbox/run.py TOTALS).
    "fetched": _l("Fetched"),
    "imported": _l("Imported"),
    "duplicates": _l("Duplicates"),
    "invalid": _l("Invalid"),
    "failed": _l("Failed"),
}


def code_labels() -> dict:
    return {
        "peppol_state": STATES,
        "peppol_health": HEALTH,
        "peppol_circuit": CIRCUIT,
        "peppol_inbox": INBOX,
        "peppol_provider_type": PROVIDER_TYPES,
        "event": EVENTS,
        "record_type": RECORD_TYPES,
        "job": JOBS,
        "job_result": JOB_RESULTS,
        "job_result.state": STATES,
    }
