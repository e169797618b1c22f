"""What the peppol pages share beyond core.api: the badge class of each state."""

from __future__ import annotations

STATE_CLASS = {
    "QUEUED": "secondary",
    "SENDING": "secondary",
    "SENT": "",
    "DELIVERED": "",
    "ACCEPTED": "",
    "REJECTED": "ll-bad",
    "FAILED": "ll-warn",
    "PERMANENTLY_FAILED": "ll-bad",
}
