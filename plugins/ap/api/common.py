"""Helpers shared by the AP API views."""

from __future__ import annotations

from flask import request
from sqlalchemy.exc import DBAPIError

from core.api import MAX_ID, ApiError, current_actor, db, get_scoped


def company_id() -> int:
    actor = current_actor()
    if actor is None or actor.company_id is None:
        raise ApiError(403, "forbidden", "This account belongs to no company.")
    return actor.company_id


def user_id() -> int | None:
    actor = current_actor()
    return actor.user_id if actor is not None else None


def found(model, record_id: int, name: str):
    row = (
        get_scoped(model, record_id) if 0 < record_id <= MAX_ID else None
    )  # another company's row looks like a missing one
    if row is None:
        raise ApiError(404, "not_found", f"No {name} with id {record_id}.", {"id": record_id})
    return row


def commit() -> None:
    try:
        db.session.commit()
    except DBAPIError as exc:
        db.session.rollback()
        if "ap_document_readonly" in str(exc.orig):
            raise ApiError(
                409, "document_readonly", "The original e-invoice is read-only."
            ) from exc
        raise


def choice(name: str, allowed) -> str | None:
    value = request.args.get(name)
    if value in (None, ""):
        return None
    if value not in allowed:
        raise ApiError(
            400, "invalid_parameter", f"{name} must be one of {', '.join(allowed)}.", {name: value}
        )
    return value


def whole_arg(name: str) -> int | None:
    value = request.args.get(name, "")
    if value == "":
        return None
    if not (value.isascii() and value.isdigit()) or int(value) > MAX_ID:
        raise ApiError(400, "invalid_parameter", f"{name} must be a whole number.", {name: value})
    return int(value)
