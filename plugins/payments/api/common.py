"""Helpers shared by the payments API views."""

from __future__ import annotations

from sqlalchemy.exc import DBAPIError

from core.api import ApiError, current_actor, db, get_scoped, query_choice, query_date, query_id


def company_id() -> int:
    actor = current_actor()
    if actor is None or actor.company_id is None:
        raise ApiError(403, "forbidden", "This account belongs to no company.")
    return actor.company_id


def user_id() -> int | None:
    actor = current_actor()
    return actor.user_id if actor is not None else None


def found(model, record_id: int, name: str):
    row = get_scoped(model, record_id)  # another company's row looks exactly like a missing one
    if row is None:
        raise ApiError(404, "not_found", f"No {name} with id {record_id}.", {"id": record_id})
    return row


def commit() -> None:
    """Commit; a write the ledger triggers refused becomes a 409 rather than a 500."""
    try:
        db.session.commit()
    except DBAPIError as exc:
        db.session.rollback()
        if "payment_immutable" in str(exc.orig):
            raise ApiError(
                409, "payment_immutable", "Posted payments cannot be changed; reverse them."
            ) from exc
        raise


def choice(name: str, allowed) -> str | None:
    return query_choice(name, allowed)


def whole_arg(name: str) -> int | None:
    """A record id in the query string: ASCII digits within 64 bits; 400 otherwise."""
    return query_id(name)


def date_arg(name: str):
    return query_date(name)
