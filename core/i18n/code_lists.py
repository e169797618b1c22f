"""The code lists core owns: countries and currencies (names from Babel's CLDR data, in
every locale), UAE emirates (ISO 3166-2, as ``Company.subdivision`` stores them), roles."""

from __future__ import annotations

from babel.numbers import get_currency_name
from flask_babel import lazy_gettext as _l


def country_name(code: str, locale) -> str | None:
    return locale.territories.get(code.upper())


def currency_name(code: str, locale) -> str | None:
    name = get_currency_name(code.upper(), locale=locale)
    return None if name == code.upper() else name


EMIRATES = {
    "AE-AZ": _l("Abu Dhabi"),
    "AE-DU": _l("Dubai"),
    "AE-SH": _l("Sharjah"),
    "AE-AJ": _l("Ajman"),
    "AE-UQ": _l("Umm Al Quwain"),
    "AE-RK": _l("Ras Al Khaimah"),
    "AE-FU": _l("Fujairah"),
}

ROLES = {
    "SUPER_ADMIN": _l("Super admin"),
    "COMPANY_ADMIN": _l("Company admin"),
    "FINANCE_USER": _l("Finance user"),
    "SYSTEM": _l("System"),
}


def core_labels() -> dict:
    return {
        "country": country_name,
        "currency": currency_name,
        "emirate": EMIRATES,
        "role": ROLES,
    }
