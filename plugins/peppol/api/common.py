"""Helpers shared by the peppol API views."""

from __future__ import annotations

from core.api import ApiError, NotFound, current_actor, get_scoped
from plugins.peppol.timefmt import iso  # noqa: F401  (re-exported for the views)


def company_id() -> int:
    actor = current_actor()
    if actor is None or actor.company_id is None:
        raise ApiError(403, "forbidden", "This account belongs to no company.")
    return actor.company_id


def user_id() -> int | None:
    actor = current_actor()
    return actor.user_id if actor else None


def found(model, record_id: int, label: str):
    row = get_scoped(model, record_id)
    if row is None:
        raise NotFound("not_found", f"No {label} with id {record_id}.")
    return row
