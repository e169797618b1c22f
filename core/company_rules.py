"""Company profile rules, shared by the HTML form (/company/edit) and PATCH /api/v1/company.

One place decides what a valid profile is, so a page and the API can never disagree:

    cleaned, errors = clean_company(incoming, current=company.to_dict())
    if errors: ...  # {"trn": "...", "iban": "..."}
    for name, value in cleaned.items(): setattr(company, name, value)

``validate_company(fields)`` answers only the errors; ``normalize_company(fields)`` only the
cleaned values. Optional fields sent empty become ``None``.
"""

from __future__ import annotations

import re

import pycountry
from email_validator import EmailNotValidError, validate_email
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from stdnum import iban as stdnum_iban
from stdnum.exceptions import InvalidChecksum, ValidationError

from core.i18n.selection import LOCALES
from core.i18n.zones import ZONES
from core.models.company import Company

# Fields a company admin may change: the model's profile, except base_currency, left out on
# purpose: documents already issued in one currency must not silently change meaning.
EDITABLE_FIELDS = tuple(f for f in Company.PROFILE_FIELDS if f != "base_currency")

# Column sizes of core_company, so a long value is a field error rather than a database error.
MAX_LENGTH = {name: Company.__table__.c[name].type.length for name in EDITABLE_FIELDS}

# Legal registration types PINT-AE accepts for a UAE party (ibr-173-ae, ibr-183-ae).
LEGAL_ID_TYPES = {
    "TL": _l("Commercial / trade licence"),
    "EID": _l("Emirates ID"),
    "PAS": _l("Passport"),
    "CD": _l("Cabinet decision"),
}
_LEGAL_FIELDS = ("legal_id", "legal_id_type", "legal_id_authority")

_UAE_TRN = re.compile(r"^1\d{14}$")
_PEPPOL = re.compile(r"^\d{4}:\S+$")
_IBAN = re.compile(r"^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$")
_PHONE = re.compile(r"^\+?\d{6,15}$")


def _squeeze(value: str) -> str:
    """Drop the spaces, dashes and dots people type into identifiers."""
    return re.sub(r"[\s.\-]", "", value)


def normalize_trn(value: str) -> str:
    return _squeeze(value)


def normalize_iban(value: str) -> str:
    return _squeeze(value).upper()


def normalize_country(value: str) -> str:
    return value.strip().upper()


def normalize_code(value: str) -> str:
    return value.strip().upper()


def normalize_peppol_id(value: str) -> str:
    return value.strip()


def normalize_phone(value: str) -> str:
    return re.sub(r"[\s().\-]", "", value)


def normalize_email(value: str) -> str:
    """Lower-case the domain the way email-validator does; leave a bad address as typed."""
    try:
        return validate_email(value.strip(), check_deliverability=False).normalized
    except EmailNotValidError:
        return value.strip()


_NORMALIZERS = {
    "trn": normalize_trn,
    "iban": normalize_iban,
    "country": normalize_country,
    "subdivision": normalize_code,
    "legal_id_type": normalize_code,
    "peppol_id": normalize_peppol_id,
    "phone": normalize_phone,
    "email": normalize_email,
}


def normalize_company(fields: dict) -> dict:
    """Trimmed, canonical values of the editable fields present in ``fields``."""
    out = {}
    for name in EDITABLE_FIELDS:
        if name not in fields:
            continue
        value = fields[name]
        if value is None or (isinstance(value, str) and not value.strip()):
            out[name] = None
            continue
        if not isinstance(value, str):
            out[name] = value  # validate_company reports the wrong type
            continue
        out[name] = _NORMALIZERS.get(name, str.strip)(value)
    return out


def iban_checksum_ok(iban: str) -> bool:
    """ISO 13616 mod-97 check digits (and the country's IBAN length), via python-stdnum."""
    return stdnum_iban.is_valid(iban)


def _trn_error(trn: str, country: str | None) -> str | None:
    if country == "AE" and not _UAE_TRN.match(trn):
        return _("A UAE TRN has 15 digits and starts with 1.")
    if not re.match(r"^[A-Za-z0-9]{5,32}$", trn):
        return _("A tax number has 5 to 32 letters or digits.")
    return None


def _iban_error(iban: str) -> str | None:
    if not _IBAN.match(iban):
        return _("An IBAN starts with a country code and two check digits (e.g. AE07 0331 ...).")
    try:
        stdnum_iban.validate(iban)
    except InvalidChecksum:
        return _("This IBAN's check digits do not match; please check for a typo.")
    except ValidationError:
        return _("This IBAN has the wrong length or format for its country.")
    return None


def _email_error(email: str) -> str | None:
    try:
        validate_email(email, check_deliverability=False)
    except EmailNotValidError as exc:
        return _("Not a valid e-mail address: %(exc)s", exc=exc)
    return None


def _pattern_error(pattern: re.Pattern, message: str):
    return lambda value: None if pattern.match(value) else str(message)


def _country_error(code: str) -> str | None:
    if len(code) == 2 and pycountry.countries.get(alpha_2=code):
        return None
    return _("Use the two-letter ISO country code (e.g. AE).")


def _locale_error(code: str) -> str | None:
    if code in LOCALES:
        return None
    return _("Use one of the languages Ledgerline speaks: %(names)s.", names=", ".join(LOCALES))


def _timezone_error(zone: str) -> str | None:
    if zone in ZONES:
        return None
    return _("Use a time zone name such as Asia/Dubai (IANA tz database).")


def _legal_id_type_error(code: str) -> str | None:
    if code in LEGAL_ID_TYPES:
        return None
    names = ", ".join(f"{k} ({v})" for k, v in LEGAL_ID_TYPES.items())
    return _("Use one of %(names)s.", names=names)


_CHECKS = {
    "legal_id_type": _legal_id_type_error,
    "iban": _iban_error,
    "email": _email_error,
    "country": _country_error,
    "locale": _locale_error,
    "timezone": _timezone_error,
    "peppol_id": _pattern_error(
        _PEPPOL,
        _l("A Peppol participant ID looks like 0235:1001234567 (4-digit scheme, colon, id)."),
    ),
    "phone": _pattern_error(
        _PHONE, _l("A phone number has 6 to 15 digits, optionally starting with +.")
    ),
}


def _subdivision_error(merged: dict) -> str | None:
    """An ISO 3166-2 code of the company's own country (a UAE company names its emirate)."""
    code, country = merged.get("subdivision"), merged.get("country") or "AE"
    if code is None:
        return None
    found = pycountry.subdivisions.get(code=code)
    if found is None or found.country_code != country:
        if country == "AE":
            emirates = sorted(s.code for s in pycountry.subdivisions.get(country_code="AE"))
            return _(
                "Use the emirate's ISO 3166-2 code: one of %(names)s.", names=", ".join(emirates)
            )
        return _(
            "Use an ISO 3166-2 subdivision code of %(country)s (e.g. %(country)s-...).",
            country=country,
        )
    return None


def _legal_errors(merged: dict) -> dict[str, str]:
    """The legal registration as PINT-AE checks it: a type with every number (ibr-181-ae), the
    issuing authority of a trade licence (ibr-172-ae), the issuing country of a passport
    (ibr-012-ae)."""
    legal_id, kind = merged.get("legal_id"), merged.get("legal_id_type")
    authority = merged.get("legal_id_authority")
    if legal_id and not kind:
        return {"legal_id_type": "Choose the type of this registration (e.g. TL)."}
    if kind and not legal_id:
        return {"legal_id": "Enter the registration number for this type."}
    if kind == "TL" and not authority:
        return {"legal_id_authority": "A trade licence needs its issuing authority."}
    if kind == "PAS" and not (authority and _country_error(authority) is None):
        return {"legal_id_authority": "For a passport, give the issuing country (e.g. IN)."}
    return {}


def _cross_errors(cleaned: dict, merged: dict, errors: dict) -> dict[str, str]:
    """Rules that join several fields, checked when any of them is sent (and still clean)."""
    found = {}
    if "subdivision" in cleaned and "subdivision" not in errors:
        message = _subdivision_error(merged)
        if message:
            found["subdivision"] = message
    if set(_LEGAL_FIELDS) & cleaned.keys():
        found.update({k: m for k, m in _legal_errors(merged).items() if k not in errors})
    return found


def _field_error(name: str, value, country: str | None) -> str | None:
    if value is None:
        return _("Company name is required.") if name == "name" else None
    if not isinstance(value, str):
        return _("Must be text.")
    if len(value) > MAX_LENGTH[name]:
        return _("At most %(value)s characters.", value=MAX_LENGTH[name])
    if name == "trn":
        return _trn_error(value, country)
    check = _CHECKS.get(name)
    return check(value) if check else None


def validate_company(fields: dict, current: dict | None = None) -> dict[str, str]:
    """Field errors of ``fields`` (one message per field); ``{}`` when all is well.

    ``current`` holds the saved profile so that a partial update (PATCH with only ``trn``) is
    checked against the country the company will have afterwards. Unknown field names are
    reported too, so a typo in an API call is not silently ignored.
    """
    unknown = _("Unknown or read-only field.")
    errors = {name: unknown for name in fields if name not in EDITABLE_FIELDS}
    cleaned = normalize_company(fields)
    merged = {**normalize_company(current or {}), **cleaned}
    country = merged.get("country") or "AE"
    # A new country can make the saved TRN wrong, so check it again even when not sent.
    checked = dict(cleaned)
    if "country" in cleaned and "trn" not in cleaned and merged.get("trn"):
        checked["trn"] = merged["trn"]
    for name, value in checked.items():
        message = _field_error(name, value, country)
        if message:
            errors[name] = message
    errors.update(_cross_errors(cleaned, merged, errors))
    return errors


def clean_company(fields: dict, current: dict | None = None) -> tuple[dict, dict[str, str]]:
    """Normalized values and field errors in one call; apply the values only if no errors.

    A new country without a subdivision drops the saved one of the old country (AE-DU means
    nothing for a company now in Germany) instead of refusing the change.
    """
    cleaned = normalize_company(fields)
    saved = (current or {}).get("subdivision")
    country = cleaned.get("country")
    if country and "subdivision" not in cleaned and saved and not saved.startswith(f"{country}-"):
        cleaned["subdivision"] = None
    return cleaned, validate_company(fields, current)
