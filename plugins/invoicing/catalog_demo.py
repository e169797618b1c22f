"""Demo catalogue items, so the line editors' autocomplete has something to offer."""

from __future__ import annotations

from sqlalchemy import select

from core.api import Scope, db, scoped
from plugins.invoicing.catalog_model import CatalogItem
from plugins.invoicing.services import catalog

ITEMS = (
    ("CONS-01", "Consulting hour", "HUR", "450.00", "S"),
    ("IMPL-01", "Implementation day", "DAY", "3200.00", "S"),
    ("LIC-01", "Software licence, one year", "C62", "1200.00", "S"),
    ("SUPP-01", "Support, one month", "MON", "750.00", "S"),
    ("FRT-01", "Export freight", "KGM", "3.50", "Z"),
    ("TRAIN-01", "Training hour", "HUR", "300.00", "S"),
)


def seed_catalog(company_id: int) -> int:
    """Add the items the company does not have yet (by code); return how many were added."""
    added = 0
    with scoped(Scope(company_id=company_id)):
        have = set(_codes(company_id))
        for code, name, unit, price, vat in ITEMS:
            if code in have:
                continue
            fields = {"code": code, "name": name, "unit_code": unit, "unit_price": price}
            catalog.create(company_id, {**fields, "tax_category": vat})
            added += 1
    return added


def _codes(company_id: int):
    return db.session.scalars(select(CatalogItem.code).where(CatalogItem.company_id == company_id))
