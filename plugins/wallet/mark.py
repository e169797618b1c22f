"""Marking a request by hand (BTCPay's "Marked"): Settled or Invalid, never recomputed after.

Marking Settled posts what the chain delivered so far (refused when nothing arrived: the
payments ledger only holds money that moved); marking Invalid reverses a posted payment.
"""

from __future__ import annotations

from core.api import ApiError, ValidationFailed, status_word
from core.api import gettext as _
from plugins.wallet import settle, state, transitions
from plugins.wallet.models import INVALID, MARKED, SETTLED

CHOICES = (SETTLED, INVALID)


def mark(request_id: int, status) -> tuple:
    if status not in CHOICES:
        raise ValidationFailed({"status": _("must be one of %(names)s", names=", ".join(CHOICES))})
    request = transitions.lock(request_id)
    if request.destroyed_at is not None:
        raise ApiError(409, "already_destroyed", _("This payment request is no longer watched."))
    if (request.status, request.exception) == (status, MARKED):
        raise ApiError(
            409,
            "already_marked",
            _(
                "This payment request is marked %(status)s already.",
                status=status_word("wallet_status", status),
            ),
        )
    if status == SETTLED and not state.counted(request, request.payments):
        raise ApiError(409, "nothing_received", _("No payment arrived for this request yet."))
    previous = (request.status, request.exception)
    request.status, request.exception = status, MARKED
    outcome = settle.follow(request, status)
    transitions.announce(request, previous)
    return request, outcome
