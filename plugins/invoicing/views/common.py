"""Helpers shared by the invoicing pages: the actor's company, permission checks, lookups,
saving a form through a service."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from flask import abort
from sqlalchemy.exc import DBAPIError

from core.api import ApiError, current_actor, db
from plugins.invoicing import mapping
from plugins.invoicing.forms import apply_errors
from plugins.invoicing.models import Invoice

T = TypeVar("T")


def company_id() -> int:
    actor = current_actor()
    if actor is None or actor.company_id is None:
        abort(403, "Your account belongs to no company.")
    return actor.company_id


def require(permission: str) -> None:
    actor = current_actor()
    if actor is None or not actor.can(permission):
        abort(403, "Your role cannot do this.")


def get_or_404(model, record_id: int, label: str):
    """Tenant scoping hides other companies' rows; the explicit check also covers a row that
    is already in the session's identity map (``session.get`` then skips the scoped query)."""
    row = db.session.get(model, record_id)
    actor = current_actor()
    mine = row is not None and (actor.is_super_admin or row.company_id == actor.company_id)
    if not mine:
        abort(404, f"No {label} with id {record_id}.")
    return row


def commit() -> None:
    """Commit; a write the database trigger refused reads like the app's own refusal."""
    try:
        db.session.commit()
    except DBAPIError as exc:
        db.session.rollback()
        if "invoice_not_draft" in str(exc.orig):
            raise ApiError(409, "invoice_not_draft", "The invoice is no longer a draft.") from exc
        raise


def show_refusal(form, exc: ApiError) -> None:
    """Roll back and put a service's refusal on the form: on the fields it names, else above."""
    db.session.rollback()
    fields = exc.details.get("fields") or {}
    apply_errors(form, fields)
    if not fields:
        form.form_errors.append(exc.message)


def save(form, write: Callable[[], T]) -> T | None:
    """``write()`` and commit; None when the service refused, its messages then on ``form``."""
    try:
        result = write()
        commit()
    except ApiError as exc:
        show_refusal(form, exc)
        return None
    return result


def amounts(invoice: Invoice) -> dict:
    """Stored figures of a finalized document; live ones of a draft (never stored)."""
    if not invoice.is_draft:
        return {
            "subtotal": invoice.subtotal,
            "tax_total": invoice.tax_total,
            "total": invoice.total,
            "amount_due": invoice.amount_due,
        }
    if not invoice.lines:
        return {"subtotal": None, "tax_total": None, "total": None, "amount_due": None}
    live = mapping.live_totals(invoice)
    return {
        "subtotal": live.subtotal,
        "tax_total": live.tax_total,
        "total": live.total,
        "amount_due": live.payable,
    }
