"""Helpers shared by the invoicing API views (company, look-ups: core.api)."""

from __future__ import annotations

from core.api import commit as commit_refusing

TRIGGER_REFUSALS = {"invoice_not_draft": "The invoice is no longer a draft."}


def commit() -> None:
    """Core's commit; the trigger refusing a change to a finalized invoice answers 409."""
    commit_refusing(TRIGGER_REFUSALS)
