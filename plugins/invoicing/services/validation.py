"""Parse and check user input for customers and draft invoices; errors name the field.

Raises core's ``ValidationFailed`` (422 ``validation_failed``, ``{"fields": {name: message}}``)
so the API and the pages show every problem at once.
"""

from __future__ import annotations

import re
from decimal import Decimal

from stdnum import ean
from stdnum.exceptions import ValidationError

from core.api import FieldErrors, exact_decimal, iso_date, text_field
from core.api import gettext as _
from plugins.einvoice.public import codes, identifiers
from plugins.invoicing.mapping import EMIRATES

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
IBAN = re.compile(r"^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$")


# The generic field parsers come from core; the names stay so callers keep writing v.text(...).
Errors = FieldErrors
text = text_field


LIMIT = Decimal("1e12")  # every amount, quantity and price: 12 integer digits at most


def decimal(data: dict, name: str, errors: Errors, default=None, minimum=None, places=6):
    """A decimal below 10^12 in size with at most ``places`` decimals: what the columns
    (``NUMERIC(18, 6)`` and ``NUMERIC(18, 2)``) store exactly, so nothing is rounded away."""
    value = data.get(name, default)
    if value is None or value == "":
        if default is None:
            errors[name] = _("is required")
        return default
    result = exact_decimal(
        value,
        name,
        errors,
        _("must be a decimal number written as a string or integer"),
        _("is not a number"),
    )
    if result is None:
        return None
    if not result.is_finite() or abs(result) >= LIMIT:
        errors[name] = _("is out of range (at most 999999999999.999999)")
        return None
    if result != result.quantize(Decimal(1).scaleb(-places)):
        errors[name] = _("must have at most %(places)s decimals", places=places)
        return None
    if minimum is not None and result < minimum:
        errors[name] = _("must be at least %(minimum)s", minimum=minimum)
    return result


def date(data: dict, name: str, errors: Errors, required: bool = False):
    value = data.get(name)
    if value in (None, ""):
        if required:
            errors[name] = _("is required")
        return None
    # str() first: invoicing reads a value that is not text (a date object) by its text form.
    return iso_date(str(value), name, errors)


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
        errors["vat_ids"] = _("must be a list of VAT ids")
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
        errors["emirate"] = _(
            "must be one of %(names)s (the emirate's ISO code)", names=", ".join(EMIRATES)
        )
    elif country not in (None, "AE"):
        errors["emirate"] = _("only a UAE (country AE) address has an emirate")
    return value


def code(value: str | None, name: str, allowed: dict, errors: Errors):
    """An upper-case code from one of codes.py's lists."""
    if value is None:
        return None
    value = value.strip().upper()
    if value not in allowed:
        errors[name] = _("must be one of %(names)s", names=", ".join(allowed))
    return value


def gtin(value: str | None, errors: Errors):
    """A GS1 GTIN (8, 12, 13 or 14 digits) with a correct check digit."""
    if value is None:
        return None
    try:
        return ean.validate(value)
    except ValidationError:
        errors["gtin"] = _("is not a GTIN (8, 12, 13 or 14 digits with a valid check digit)")
        return value


def exemption_code(value: str | None, errors: Errors):
    if value is not None and not re.fullmatch(r"VATEX-[A-Z0-9-]{2,24}", value.upper()):
        errors["exemption_code"] = _("must be a VATEX code, e.g. VATEX-EU-132")
    return value.upper() if value else None


def legal(data: dict, errors: Errors, partial: bool) -> dict:
    """Legal registration of a party, checked as PINT-AE does (ibr-101/183/010-ae)."""
    names = ("legal_id", "legal_id_type", "legal_id_authority")
    if partial and not any(n in data for n in names):
        return {}
    out = {
        "legal_id": text(data, "legal_id", errors, 64),
        "legal_id_type": code(
            text(data, "legal_id_type", errors, 3), "legal_id_type", codes.LEGAL_ID_TYPES, errors
        ),
        "legal_id_authority": text(data, "legal_id_authority", errors, 200),
    }
    if out["legal_id"] and not out["legal_id_type"]:
        errors.setdefault("legal_id_type", "is required with a legal id (TL, EID, PAS or CD)")
    elif out["legal_id_type"] and not out["legal_id"]:
        errors.setdefault("legal_id", "is required with a legal id type")
    elif out["legal_id_type"] == "TL" and not out["legal_id_authority"]:
        errors.setdefault("legal_id_authority", "a trade licence needs its issuing authority")
    elif out["legal_id_type"] == "PAS" and not codes.is_country(out["legal_id_authority"] or ""):
        errors.setdefault("legal_id_authority", "for a passport, the issuing country (e.g. IN)")
    return out


def email(value: str | None, errors: Errors):
    if value is not None and not EMAIL.match(value):
        errors["email"] = _("is not an e-mail address")
    return value


def iban(value: str | None, errors: Errors):
    if value is None:
        return None
    value = value.replace(" ", "").upper()
    if not IBAN.match(value) or _iban_checksum(value) != 1:
        errors["payment_iban"] = _("is not a valid IBAN")
    return value


def _iban_checksum(value: str) -> int:
    rearranged = value[4:] + value[:4]
    return int("".join(str(int(c, 36)) for c in rearranged)) % 97
