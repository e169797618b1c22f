"""Helpers shared by the invoicing API views."""

from __future__ import annotations

from sqlalchemy.exc import DBAPIError

from core.api import ApiError, current_actor, db, get_scoped
from plugins.invoicing.models import Customer, Invoice


def company_id() -> int:
    actor = current_actor()
    if actor is None or actor.company_id is None:
        raise ApiError(403, "forbidden", "This account belongs to no company.")
    return actor.company_id


def get_or_404(model, record_id: int):
    # Tenant scoping hides other companies' rows, so they are simply not found.
    row = get_scoped(model, record_id)
    if row is None:
        name = "invoice" if model is Invoice else "customer" if model is Customer else "record"
        raise ApiError(404, "not_found", f"No {name} with id {record_id}.")
    return row


def commit() -> None:
    """Commit; a write the database trigger refused becomes the same 409 the app gives."""
    try:
        db.session.commit()
    except DBAPIError as exc:
        db.session.rollback()
        if "invoice_not_draft" in str(exc.orig):
            raise ApiError(409, "invoice_not_draft", "The invoice is no longer a draft.") from exc
        raise
