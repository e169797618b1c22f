"""Parse and check user input for customers and draft invoices; errors name the field.

Raises ``ApiError(422, "validation_error", ..., details={"fields": {name: message}})`` so the
API and the pages show every problem at once.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from core.api import ApiError
from plugins.invoicing import identifiers
from plugins.invoicing.mapping import EMIRATES

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
IBAN = re.compile(r"^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$")


class Errors(dict):
    def check(self) -> None:
        if self:
            raise ApiError(422, "validation_error", "Some fields are invalid.", {"fields": self})


def text(data: dict, name: str, errors: Errors, max_len: int, required: bool = False):
    value = data.get(name)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            errors[name] = "is required"
        return None
    if not isinstance(value, str):
        errors[name] = "must be text"
        return None
    value = value.strip()
    if len(value) > max_len:
        errors[name] = f"must be at most {max_len} characters"
    return value


def decimal(data: dict, name: str, errors: Errors, default=None, minimum=None):
    value = data.get(name, default)
    if value is None or value == "":
        if default is None:
            errors[name] = "is required"
        return default
    if isinstance(value, bool | float):
        errors[name] = "must be a decimal number written as a string or integer"
        return None
    try:
        result = Decimal(str(value).strip())
    except InvalidOperation:
        errors[name] = "is not a number"
        return None
    if not result.is_finite() or abs(result) >= Decimal("1e12"):
        errors[name] = "is out of range"
        return None
    if minimum is not None and result < minimum:
        errors[name] = f"must be at least {minimum}"
    return result


def date(data: dict, name: str, errors: Errors, required: bool = False):
    value = data.get(name)
    if value in (None, ""):
        if required:
            errors[name] = "is required"
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        errors[name] = "must be a date YYYY-MM-DD"
        return None


def _identifier(check, value: str | None, name: str, errors: Errors):
    """Run one of identifiers.py's checks; its message (what is wrong, what is expected) is
    the field error, and the canonical form is what gets stored."""
    if value is None:
        return None
    try:
        return check(value)
    except identifiers.IdentifierError as exc:
        errors[name] = str(exc)
        return value


def trn(value: str | None, name: str, errors: Errors):
    return _identifier(identifiers.validate_trn, value, name, errors)


def peppol_id(value: str | None, errors: Errors):
    return _identifier(identifiers.validate_peppol_id, value, "peppol_id", errors)


def vat_ids(value, errors: Errors) -> list[str]:
    if value in (None, ""):
        return []
    items = value.split(",") if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(v, str) for v in items):
        errors["vat_ids"] = "must be a list of VAT ids"
        return []
    found = Errors()
    cleaned = [
        _identifier(identifiers.validate_vat_id, v, "vat_ids", found) for v in items if v.strip()
    ]
    errors.update(found)
    return cleaned


def emirate(value: str | None, country: str | None, errors: Errors):
    """An ISO 3166-2 emirate code (AE-DU ...); only UAE addresses have one."""
    if value is None:
        return None
    value = value.strip().upper()
    if value not in EMIRATES:
        errors["emirate"] = f"must be one of {', '.join(EMIRATES)} (the emirate's ISO code)"
    elif country not in (None, "AE"):
        errors["emirate"] = "only a UAE (country AE) address has an emirate"
    return value


def email(value: str | None, errors: Errors):
    if value is not None and not EMAIL.match(value):
        errors["email"] = "is not an e-mail address"
    return value


def iban(value: str | None, errors: Errors):
    if value is None:
        return None
    value = value.replace(" ", "").upper()
    if not IBAN.match(value) or _iban_checksum(value) != 1:
        errors["payment_iban"] = "is not a valid IBAN"
    return value


def _iban_checksum(value: str) -> int:
    rearranged = value[4:] + value[:4]
    return int("".join(str(int(c, 36)) for c in rearranged)) % 97
