"""Customers: create and update with validated fields."""

from __future__ import annotations

import pycountry

from core.api import ValidationFailed, apply_edit, db, whole_number
from core.api import gettext as _
from plugins.einvoice.public import codes
from plugins.invoicing.models import Customer
from plugins.invoicing.services import validation as v

TEXT_FIELDS = {
    "name": 200,
    "phone": 32,
    "address_line1": 200,
    "address_line2": 200,
    "city": 100,
    "postal_code": 20,
}


def parse(data: dict, partial: bool = False) -> dict:
    if not isinstance(data, dict):
        raise ValidationFailed({"(body)": _("must be an object")})
    errors = v.Errors()
    out = {}
    for name, max_len in TEXT_FIELDS.items():
        if not partial or name in data:
            out[name] = v.text(data, name, errors, max_len, required=name == "name")
    for name, read in READERS:
        if not partial or name in data:
            out[name] = read(data, errors, out)
    if not partial or "subdivision" in data or "emirate" in data:
        out["subdivision"] = _region(data, errors, out.get("country"))
    out.update(v.legal(data, errors, partial))
    if not partial or "payment_terms_days" in data:
        out["payment_terms_days"] = _terms(data.get("payment_terms_days", 30), errors)
    errors.check()
    return out


def _trn(data: dict, errors, out: dict) -> str | None:
    return v.trn(v.text(data, "trn", errors, 15), "trn", errors)


def _email(data: dict, errors, out: dict) -> str | None:
    return v.email(v.text(data, "email", errors, 254), errors)


def _peppol_id(data: dict, errors, out: dict) -> str | None:
    return v.peppol_id(v.text(data, "peppol_id", errors, 80), errors)


def _vat_ids(data: dict, errors, out: dict) -> list:
    return v.vat_ids(data.get("vat_ids"), errors)


def _country(data: dict, errors, out: dict) -> str:
    country = (v.text(data, "country", errors, 2) or "AE").upper()
    if not codes.is_country(country):
        errors["country"] = _("must be an ISO 3166 two-letter code")
    return country


# Fields read by a function of their own, in order; the subdivision is checked against the
# country read before it.
READERS = (
    ("trn", _trn),
    ("email", _email),
    ("peppol_id", _peppol_id),
    ("vat_ids", _vat_ids),
    ("country", _country),
)

# ``emirate`` is the deprecated name of ``subdivision`` for a UAE address (README, API).
DEPRECATED_ALIASES = {"emirate": "subdivision"}


def _region(data: dict, errors, country: str | None) -> str | None:
    """``subdivision``: the ISO 3166-2 code of the region, in the UAE the emirate (AE-DU).

    The deprecated ``emirate`` is still read. For a UAE address it is taken before
    ``subdivision`` (the customer form sends both and shows the emirate), elsewhere after it;
    an ``emirate`` given for a foreign address is refused under its own name, as before.
    """
    emirate = v.text(data, "emirate", errors, 5)
    subdivision = v.text(data, "subdivision", errors, 6)
    uae = country == "AE" or (country is None and (emirate or subdivision or "")[:3] == "AE-")
    if emirate is not None and (uae or subdivision is None):
        return v.emirate(emirate, country, errors)
    if uae:
        return _uae_subdivision(subdivision, errors)
    return _subdivision(subdivision, country, errors)


def _uae_subdivision(value: str | None, errors) -> str | None:
    found = v.Errors()
    value = v.emirate(value, "AE", found)
    if found:
        errors["subdivision"] = "a UAE address gives its emirate: " + found["emirate"]
    return value


def _subdivision(value: str | None, country: str | None, errors) -> str | None:
    """An ISO 3166-2 code of the customer's own (foreign) country, from pycountry's list."""
    if value is None:
        return None
    value = value.upper()
    found = pycountry.subdivisions.get(code=value)
    if found is None or (country and found.country_code != country):
        where = f" of {country}" if country else ""
        errors["subdivision"] = _(
            "must be an ISO 3166-2 subdivision code%(where)s (e.g. BE-BRU, US-NY)", where=where
        )
    return value


def _terms(value, errors) -> int:
    found = v.Errors()
    days = whole_number(value.strip() if isinstance(value, str) else value, "days", found, 0, 365)
    if days is None:
        errors["payment_terms_days"] = _("must be a whole number of days between 0 and 365")
        return 30
    return days


def create(company_id: int, data: dict) -> Customer:
    customer = Customer(company_id=company_id, **parse(data))
    db.session.add(customer)
    db.session.flush()
    return customer


def update(customer: Customer, data: dict) -> Customer:
    return apply_edit(customer, parse(data, partial=True))
