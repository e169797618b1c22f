"""Parsing JSON bodies of the AP API into plain values; every bad field named at once."""

from __future__ import annotations

from decimal import Decimal

from core.api import MAX_ID, FieldErrors, exact_decimal, iso_date, text_field
from core.api import gettext as _
from plugins.ap.models.order import MATCH_TYPES, THREE_WAY
from plugins.invoicing.public import UNIT_CODES, VAT_CATEGORIES, is_currency

MAX_LINES = 2000
LIMIT = Decimal("1e12")


def decimal(
    data: dict, name: str, errors: FieldErrors, *, minimum=None, default=None, places: int = 6
):
    """An exact decimal (string or whole number, never a float) with at most ``places``
    decimals (what its column keeps), or None after an error."""
    value = data.get(name, default)
    if value is None or value == "":
        errors[name] = _("is required")
        return None
    result = exact_decimal(
        value,
        name,
        errors,
        _("must be a decimal written as a string or integer"),
        _("is not a number"),
    )
    if result is None:
        return None
    if not result.is_finite() or abs(result) >= LIMIT:
        errors[name] = _("is out of range")
        return None
    if minimum is not None and result < minimum:
        errors[name] = _("must be at least %(minimum)s", minimum=minimum)
    elif result.normalize().as_tuple().exponent < -places:
        errors[name] = _("must have at most %(places)s decimals", places=places)
    return result


def date(data: dict, name: str, errors: FieldErrors, *, required: bool = True):
    value = data.get(name)
    if value in (None, ""):
        if required:
            errors[name] = _("is required")
        return None
    return iso_date(value, name, errors)


def whole(data: dict, name: str, errors: FieldErrors, *, required: bool = True) -> int | None:
    value = data.get(name)
    if value is None:
        if required:
            errors[name] = _("is required")
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_ID:
        errors[name] = _("must be a positive whole number (an id)")
        return None
    return value


def currency(data: dict, errors: FieldErrors, default: str = "AED") -> str:
    value = (text_field(data, "currency", errors, 3) or default).upper()
    if not is_currency(value):
        errors["currency"] = _("must be an ISO 4217 currency code (AED, USD, EUR, ...)")
    return value


def code(data: dict, name: str, allowed, errors: FieldErrors, default: str) -> str:
    value = (text_field(data, name, errors, 8) or default).upper()
    if value not in allowed:
        errors[name] = _("must be one of %(names)s", names=", ".join(allowed))
    return value


def lines(data: dict, errors: FieldErrors, parse_line) -> list[dict]:
    raw = data.get("lines")
    if not isinstance(raw, list) or not raw:
        errors["lines"] = _("must be a non-empty list")
        return []
    if len(raw) > MAX_LINES:
        errors["lines"] = _("at most %(MAX_LINES)s lines", MAX_LINES=MAX_LINES)
        return []
    parsed = []
    for index, item in enumerate(raw):
        line_errors = FieldErrors()
        if not isinstance(item, dict):
            errors[f"lines[{index}]"] = _("must be an object")
            continue
        parsed.append(parse_line(item, line_errors))
        errors.update({f"lines[{index}].{k}": v for k, v in line_errors.items()})
    return parsed


def priced_line(item: dict, errors: FieldErrors) -> dict:
    """What PO lines and bill lines share: description, quantity, price, VAT."""
    return {
        "description": text_field(item, "description", errors, 500, required=True),
        "item_code": text_field(item, "item_code", errors, 64),
        "quantity": decimal(item, "quantity", errors, minimum=Decimal("0")),
        "unit_code": code(item, "unit_code", UNIT_CODES, errors, "C62"),
        "unit_price": decimal(item, "unit_price", errors, minimum=Decimal("0")),
        "tax_category": code(item, "tax_category", VAT_CATEGORIES, errors, "S"),
        "tax_rate": decimal(item, "tax_rate", errors, minimum=Decimal("0"), default="5", places=2),
    }


def order_line(item: dict, errors: FieldErrors) -> dict:
    line = priced_line(item, errors)
    line["match_type"] = item.get("match_type") or THREE_WAY
    if line["match_type"] not in MATCH_TYPES:
        errors["match_type"] = _("must be one of %(names)s", names=", ".join(MATCH_TYPES))
    return line


def bill_line(item: dict, errors: FieldErrors) -> dict:
    line = priced_line(item, errors)
    line["order_line_id"] = whole(item, "po_line_id", errors, required=False)
    return line


def receipt_line(item: dict, errors: FieldErrors) -> dict:
    received = decimal(item, "received_quantity", errors, minimum=Decimal("0"))
    accepted = decimal(item, "accepted_quantity", errors, minimum=Decimal("0"), default=received)
    reason = text_field(item, "rejection_reason", errors, 500)
    if received is not None and accepted is not None:
        if accepted > received:
            errors["accepted_quantity"] = _("cannot be more than the received quantity")
        elif accepted < received and not reason:
            errors["rejection_reason"] = _("is required when part of the goods is rejected")
    return {
        "order_line_id": whole(item, "po_line_id", errors),
        "received_quantity": received,
        "accepted_quantity": accepted,
        "rejection_reason": reason,
    }
