"""The JSON shape of a catalogue item (API and autocomplete alike)."""

from __future__ import annotations

from decimal import Decimal

from plugins.invoicing.catalog_model import CatalogItem


def plain(value: Decimal) -> str:
    """At least two decimals, more only where the price has them: 450.00, 0.335."""
    text = format(value.normalize(), "f")
    whole, _, decimals = text.partition(".")
    return f"{whole}.{decimals.ljust(2, '0')}"


def catalog_item(item: CatalogItem) -> dict:
    return {
        "id": item.id,
        "version": item.version,
        "code": item.code,
        "name": item.name,
        "unit_code": item.unit_code,
        "unit_price": plain(item.unit_price),
        "tax_category": item.tax_category,
        "active": item.active,
    }
