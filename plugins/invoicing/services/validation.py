"""Parse and check user input for customers and draft invoices; errors name the field.

Raises ``ApiError(422, "validation_error", ..., details={"fields": {name: message}})`` so the
API and the pages show every problem at once.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from core.api import ApiError
from plugins.invoicing import codes

TRN = re.compile(r"^\d{15}$")
PEPPOL_ID = re.compile(r"^(\d{4}):([A-Za-z0-9][A-Za-z0-9.\-_:]{0,49})$")
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


def trn(value: str | None, name: str, errors: Errors):
    if value is not None and not TRN.match(value):
        errors[name] = "must be the 15-digit UAE TRN"
    return value


def peppol_id(value: str | None, errors: Errors):
    if value is None:
        return None
    match = PEPPOL_ID.match(value)
    if not match or match.group(1) not in codes.EAS_SCHEMES:
        errors["peppol_id"] = "must be 'scheme:value' with a known scheme, e.g. 0235:1000000000"
    elif match.group(1) == "0235" and not re.fullmatch(r"1\d{9}", match.group(2)):
        errors["peppol_id"] = "a 0235 (UAE) participant id is 10 digits starting with 1"
    return value


def vat_ids(value, errors: Errors) -> list[str]:
    if value in (None, ""):
        return []
    items = value.split(",") if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(v, str) for v in items):
        errors["vat_ids"] = "must be a list of VAT ids"
        return []
    cleaned = [v.strip().upper().replace(" ", "") for v in items if v.strip()]
    bad = [v for v in cleaned if not re.fullmatch(r"[A-Z]{2}[A-Z0-9]{2,14}", v)]
    if bad:
        errors["vat_ids"] = f"need an ISO country prefix, e.g. DE123456789 (got {bad[0]})"
    return cleaned


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
