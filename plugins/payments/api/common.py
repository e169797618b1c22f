"""Helpers shared by the payments API views (company, look-ups, query parameters: core.api)."""

from __future__ import annotations

from core.api import commit as commit_refusing

TRIGGER_REFUSALS = {"payment_immutable": "Posted payments cannot be changed; reverse them."}


def commit() -> None:
    """Core's commit; the ledger trigger refusing a change to a posted payment answers 409."""
    commit_refusing(TRIGGER_REFUSALS)
