"""Helpers shared by the payments pages: company, permission checks, lookups, commit."""

from __future__ import annotations

from flask import abort
from sqlalchemy import select

from core.api import current_actor, db
from plugins.invoicing.public import Customer, Invoice

READ, WRITE, APPROVE = "payments.payment.read", "payments.payment.write", "payments.refund.approve"


def company_id() -> int:
    actor = current_actor()
    if actor is None or actor.company_id is None:
        abort(403, "Your account belongs to no company.")
    return actor.company_id


def may(permission: str) -> bool:
    """The actor holds ``permission``; writes also need a writable account (not super admin)."""
    actor = current_actor()
    if actor is None or not actor.can(permission):
        return False
    return permission == READ or actor.can_write


def require(permission: str) -> None:
    if not may(permission):
        abort(403, "Your role cannot do this.")


def found(model, record_id: int, label: str):
    """The row of the actor's company or 404; the explicit company check also covers rows
    already in the session's identity map, which ``session.get`` returns unscoped."""
    row = db.session.get(model, record_id)
    actor = current_actor()
    if row is None or (not actor.is_super_admin and row.company_id != actor.company_id):
        abort(404, f"No {label} with id {record_id}.")
    return row


def customer_names(ids) -> dict[int, str]:
    ids = set(ids)
    if not ids:
        return {}
    rows = db.session.execute(select(Customer.id, Customer.name).where(Customer.id.in_(ids)))
    return dict(rows.all())


def invoices_by_id(ids) -> dict[int, Invoice]:
    ids = set(ids)
    if not ids:
        return {}
    rows = db.session.scalars(select(Invoice).where(Invoice.id.in_(ids))).unique()
    return {inv.id: inv for inv in rows}
