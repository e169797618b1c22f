"""The catalogue item form (rules in services/catalog.py)."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectChoice, SelectField, StringField

from plugins.einvoice.public import codes

FIELDS = ("code", "name", "unit_code", "unit_price", "tax_category")


class CatalogForm(FlaskForm):
    code = StringField("Code", description="Unique in your company, e.g. CONS-HR")
    name = StringField("Name", description="What the line will say")
    unit_code = SelectField(
        "Unit",
        choices=[SelectChoice(c, f"{label} ({c})") for c, label in codes.UNIT_CODES.items()],
        default="C62",
    )
    unit_price = StringField("Unit price")
    tax_category = SelectField(
        "VAT category",
        choices=[SelectChoice(c, f"{label} ({c})") for c, label in codes.VAT_CATEGORIES.items()],
        default="S",
    )
    active = BooleanField("Offered in the line editors", default=True)

    def payload(self) -> dict:
        return {**{name: getattr(self, name).data for name in FIELDS}, "active": self.active.data}
