"""Helpers shared by the wallet API views."""

from __future__ import annotations

from core.api import ApiError, current_actor, get_scoped


def company_id() -> int:
    actor = current_actor()
    if actor is None or actor.company_id is None:
        raise ApiError(403, "forbidden", "This account belongs to no company.")
    return actor.company_id


def found(model, record_id: int, name: str):
    row = get_scoped(model, record_id)
    if row is None:
        raise ApiError(404, "not_found", f"No {name} with id {record_id}.", {"id": record_id})
    return row
