"""Vendors: created and changed with exactly the checks invoicing applies to customers."""

from __future__ import annotations

from core.api import FieldErrors, ValidationFailed, apply_edit, db, text_field
from core.api import gettext as _
from plugins.ap.models.vendor import Vendor
from plugins.invoicing.public import check_iban, parse_party


def parse(data: dict, partial: bool = False) -> dict:
    errors = FieldErrors()
    try:
        out = parse_party(data, partial=partial)
    except ValidationFailed as exc:
        errors.update(exc.details.get("fields", {}))
        out = {}
    if not partial or "iban" in data:
        iban_errors = FieldErrors()
        out["iban"] = check_iban(text_field(data, "iban", errors, 40), iban_errors)
        if iban_errors:
            errors["iban"] = _("is not a valid IBAN")
    errors.check()
    return out


def create(company_id: int, data: dict, *, by_import: bool = False) -> Vendor:
    vendor = Vendor(company_id=company_id, created_by_import=by_import, **parse(data))
    db.session.add(vendor)
    db.session.flush()
    return vendor


def update(vendor: Vendor, data: dict) -> Vendor:
    return apply_edit(vendor, parse(data, partial=True))
