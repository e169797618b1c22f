"""Helpers shared by the payments pages: names and invoices by id (the rest is core.api)."""

from __future__ import annotations

from sqlalchemy import select

from core.api import db
from plugins.invoicing.public import Customer, Invoice


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
