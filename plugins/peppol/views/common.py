"""Helpers shared by the peppol pages: company, permissions, lookups."""

from __future__ import annotations

from flask import abort

from core.api import current_actor, get_scoped
from plugins.peppol.permissions import READ


def company_id() -> int:
    actor = current_actor()
    if actor is None or actor.company_id is None:
        abort(403, "Your account belongs to no company.")
    return actor.company_id


def may(permission: str) -> bool:
    actor = current_actor()
    if actor is None or not actor.can(permission):
        return False
    return permission == READ or actor.can_write


def require(permission: str) -> None:
    if not may(permission):
        abort(403, "Your role cannot do this.")


def found(model, record_id: int, label: str):
    row = get_scoped(model, record_id)
    if row is None:
        abort(404, f"No {label} with id {record_id}.")
    return row


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
