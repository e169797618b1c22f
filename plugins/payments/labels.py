"""Human labels for payments' codes and events (registered through ``code_labels``)."""

from __future__ import annotations

from core.api import gettext, record_pages
from core.api import lazy_gettext as _l

METHODS = {
    "bank_transfer": _l("Bank transfer"),
    "card": _l("Card"),
    "cash": _l("Cash"),
    "cheque": _l("Cheque"),
    "wallet": _l("Stablecoin wallet"),
    "other": _l("Other"),
}

PAYMENT_STATES = {
    "posted": _l("Posted"),
    "reversed": _l("Reversed"),
    "reversal": _l("Reversal"),
}

REFUND_STATUSES = {
    "requested": _l("Requested"),
    "approved": _l("Approved"),
    "processed": _l("Processed"),
    "rejected": _l("Rejected"),
}

EVENTS = {
    "PaymentRecorded": _l("%(actor)s recorded payment %(record)s of %(amount)s"),
    "PaymentReversed": _l("%(actor)s reversed payment %(record)s"),
    "RefundRequested": _l("%(actor)s requested a refund of %(amount)s (%(record)s)"),
    "RefundApproved": _l("%(actor)s approved a refund of %(amount)s (%(record)s)"),
    "RefundRejected": _l("%(actor)s rejected a refund of %(amount)s (%(record)s)"),
    "RefundProcessed": _l("%(actor)s paid out a refund of %(amount)s (%(record)s)"),
    "CustomerCreditApplied": _l("%(actor)s applied customer credit of %(amount)s"),
}

RECORD_TYPES = {"payment": _l("payment"), "refund": _l("refund")}

# A reversal record's reference as stored (and as the API gives it): "Reversal of PAY/2026/00001".
REVERSAL_OF = "Reversal of "


def reversal_reference(number: str) -> str:
    return f"{REVERSAL_OF}{number}"


def reference_shown(reference: str | None, reversal_of_id: int | None) -> str | None:
    """A payment's reference as a reader reads it: a reversal's stored English reference
    ("Reversal of PAY/...") in their language; anyone else's reference as it was typed."""
    if reversal_of_id and reference and reference.startswith(REVERSAL_OF):
        return gettext("Reversal of %(number)s", number=reference[len(REVERSAL_OF) :])
    return reference


record_url = record_pages({"payment": ("payments.payment_detail", "payment_id")})

JOBS = {"payments.archive": _l("Archive old payments")}


def code_labels() -> dict:
    return {
        "method": METHODS,
        "payment_state": PAYMENT_STATES,
        "refund_status": REFUND_STATUSES,
        "event": EVENTS,
        "record_type": RECORD_TYPES,
        "job": JOBS,
    }
