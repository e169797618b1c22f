"""Catalogue items: validated like invoice lines (same unit codes, VAT categories and price
bounds), one code per company, and the search behind the line editors' autocomplete."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import func, or_, select

from core.api import ValidationFailed, apply_edit, db
from core.api import gettext as _
from plugins.einvoice.public import codes
from plugins.invoicing.catalog_model import CatalogItem
from plugins.invoicing.services import validation as v

SUGGESTIONS = 8


def _code(data, errors):
    return v.text(data, "code", errors, 40, required=True)


def _name(data, errors):
    return v.text(data, "name", errors, 200, required=True)


def _one_of(name: str, size: int, default: str, known, refusal):
    """A reader for a code field: upper-cased, ``default`` when empty, one of ``known`` (else
    ``refusal()`` under its name)."""

    def read(data, errors):
        value = (v.text(data, name, errors, size) or default).upper()
        if value not in known:
            errors[name] = refusal()
        return value

    return read


_unit = _one_of(
    "unit_code", 8, "C62", codes.UNIT_CODES,
    lambda: _("is not a UN/ECE Rec 20 unit code we know (e.g. C62, H87, HUR)"),
)  # fmt: skip
_category = _one_of(
    "tax_category", 4, "S", codes.VAT_CATEGORIES,
    lambda: _("is not a VAT category (S, Z, E, O, AE)"),
)  # fmt: skip


def _price(data, errors):
    return v.decimal(data, "unit_price", errors, minimum=Decimal("0"))


def _active(data, errors):
    if not isinstance(data["active"], bool):
        errors["active"] = _("must be true or false")
    return data["active"]


# field -> (reader, read even when absent from a full body)
READERS = {
    "code": (_code, True),
    "name": (_name, True),
    "unit_code": (_unit, True),
    "unit_price": (_price, True),
    "tax_category": (_category, True),
    "active": (_active, False),
}


def parse(data: dict, partial: bool = False, company_id=None, item_id=None) -> dict:
    """The item's fields, checked; ``company_id`` also checks the code is free there."""
    if not isinstance(data, dict):
        raise ValidationFailed({"(body)": _("must be an object")})
    errors = v.Errors()
    out = {
        name: read(data, errors)
        for name, (read, always) in READERS.items()
        if name in data or (always and not partial)
    }
    if company_id is not None and out.get("code") and _code_taken(company_id, out["code"], item_id):
        errors["code"] = _("is already used by another catalogue item")
    errors.check()
    return out


def _code_taken(company_id: int, code: str, item_id: int | None) -> bool:
    query = select(CatalogItem.id).where(
        CatalogItem.company_id == company_id, func.lower(CatalogItem.code) == code.lower()
    )
    return any(found != item_id for found in db.session.scalars(query))


def create(company_id: int, data: dict) -> CatalogItem:
    values = parse(data, company_id=company_id)
    item = CatalogItem(company_id=company_id, **values)
    db.session.add(item)
    db.session.flush()
    return item


def update(item: CatalogItem, data: dict) -> CatalogItem:
    values = parse(data, partial=True, company_id=item.company_id, item_id=item.id)
    return apply_edit(item, values)


def search(text: str, limit: int = SUGGESTIONS, active_only: bool = True) -> list[CatalogItem]:
    """Items whose name or code contains ``text`` (case-insensitive); codes starting with it
    first, then by name. Tenant scoping keeps it to the caller's company."""
    query = select(CatalogItem)
    text = (text or "").strip().lower()
    if active_only:
        query = query.where(CatalogItem.active.is_(True))
    if text:
        like = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        query = query.where(
            or_(
                func.lower(CatalogItem.name).like(like, escape="\\"),
                func.lower(CatalogItem.code).like(like, escape="\\"),
            )
        )
    prefix = func.lower(CatalogItem.code).like(text + "%") if text else None
    order = [prefix.desc()] if prefix is not None else []
    query = query.order_by(*order, CatalogItem.name, CatalogItem.id).limit(limit)
    return list(db.session.scalars(query))
