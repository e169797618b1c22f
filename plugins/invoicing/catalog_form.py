"""The catalogue item form (rules in services/catalog.py)."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectChoice, SelectField, StringField

from core.api import lazy_gettext as _l
from core.api import lazy_label
from plugins.einvoice.public import codes

FIELDS = ("code", "name", "unit_code", "unit_price", "tax_category")


class CatalogForm(FlaskForm):
    code = StringField(_l("Code"), description=_l("Unique in your company, e.g. CONS-HR"))
    name = StringField(_l("Name"), description=_l("What the line will say"))
    unit_code = SelectField(
        _l("Unit"),
        choices=[SelectChoice(c, lazy_label("unit", c)) for c in codes.UNIT_CODES],
        default="C62",
    )
    unit_price = StringField(_l("Unit price"))
    tax_category = SelectField(
        _l("VAT category"),
        choices=[SelectChoice(c, lazy_label("vat_category", c)) for c in codes.VAT_CATEGORIES],
        default="S",
    )
    active = BooleanField(_l("Offered in the line editors"), default=True)

    def payload(self) -> dict:
        return {**{name: getattr(self, name).data for name in FIELDS}, "active": self.active.data}
