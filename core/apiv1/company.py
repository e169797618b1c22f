"""GET/PATCH /api/v1/company: the caller's own company profile."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from core.apiv1 import bp
from core.apiv1.body import json_body
from core.apiv1.docs import describe
from core.apiv1.guard import require_permission
from core.apiv1.schemas import COMPANY, COMPANY_PATCH, COMPANY_READ_ONLY
from core.company_rules import clean_company
from core.db import db
from core.errors import ApiError, validation_failed
from core.events import DomainEvent, publish
from core.models import Company
from core.realtime import emit
from core.requestctx import current_actor
from core.versioning import bump_version, check_version, if_match, with_etag

# Columns that are NOT NULL: clearing them is a field error, not a database error.
_REQUIRED = {"name": _l("Company name is required."), "country": _l("Country is required.")}


@bp.get("/company")
@require_permission("core.company.read")
@describe(response=COMPANY, tags=("core",), versioned=True)
def company_get():
    """The caller's company profile; ``ETag`` is its version."""
    company = _own_company()
    return with_etag(company.to_dict(), company)


@bp.patch("/company")
@require_permission("core.company.update")
@describe(request=COMPANY_PATCH, response=COMPANY, tags=("core",), versioned=True)
def company_patch():
    """Change some fields of the caller's company profile.

    Send only the fields to change. Every field is checked (UAE TRN, ISO country, IBAN check
    digits, e-mail, Peppol ID); errors come back together as 422 ``validation_failed``.
    ``id`` and ``base_currency`` are read-only: they may come back as GET gave them.
    """
    company = _own_company()
    check_version(company, if_match(), Company.to_dict)
    incoming = _without_read_only(json_body(), company)
    if not incoming:
        raise validation_failed(
            {"(body)": _("send at least one field")}, _("Send a field to change.")
        )
    cleaned, errors = clean_company(incoming, current=company.to_dict())
    errors.update({f: str(m) for f, m in _REQUIRED.items() if f in cleaned and cleaned[f] is None})
    if errors:
        raise validation_failed(errors, _("Some fields are not valid."))
    changed = {f: v for f, v in cleaned.items() if getattr(company, f) != v}
    if changed:
        _apply(company, changed)
    return with_etag(company.to_dict(), company)


def _without_read_only(incoming: dict, company: Company) -> dict:
    """The body less the read-only fields, which must be unchanged (422 naming each that is
    not); a body of nothing else is then a body with no field to change."""
    changed = {
        f: _("is read-only")
        for f in COMPANY_READ_ONLY
        if f in incoming and incoming[f] != getattr(company, f)
    }
    if changed:
        raise validation_failed(changed, _("Some fields are not valid."))
    return {f: v for f, v in incoming.items() if f not in COMPANY_READ_ONLY}


def _apply(company: Company, changed: dict) -> None:
    before = {f: getattr(company, f) for f in changed}
    for name, value in changed.items():
        setattr(company, name, value)
    bump_version(company)
    publish(
        DomainEvent(
            name="CompanyUpdated",
            record_type="company",
            record_id=company.id,
            company_id=company.id,
            data={"changes": _changes(before, changed)},
        )
    )
    emit("company_updated", {"id": company.id, "fields": sorted(changed)}, company_id=company.id)
    db.session.commit()


def _changes(before: dict, after: dict) -> dict:
    """Old and new values; the audit log masks e-mail, TRN and phone, IBANs are cut here."""
    return {f: {"from": _cut_iban(f, before[f]), "to": _cut_iban(f, after[f])} for f in after}


def _cut_iban(field: str, value):
    if field != "iban" or not value:
        return value
    return f"{value[:4]}***{value[-4:]}"


def _own_company() -> Company:
    actor = current_actor()
    company = db.session.get(Company, actor.company_id) if actor.company_id else None
    if company is None:
        raise ApiError(404, "not_found", _("This account belongs to no company."))
    return company
