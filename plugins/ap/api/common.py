"""Helpers shared by the AP API views (company, look-ups and query parameters: core.api)."""

from __future__ import annotations

from core.api import commit as commit_refusing

TRIGGER_REFUSALS = {
    "ap_document_readonly": "The original e-invoice is read-only.",
    "ap_payment_immutable": "A bill payment is never changed or deleted: reverse it instead.",
}


def commit() -> None:
    """Core's commit; the read-only trigger on the original e-invoice answers 409."""
    commit_refusing(TRIGGER_REFUSALS)
