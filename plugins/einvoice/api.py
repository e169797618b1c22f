"""``/api/v1/einvoice``: validate a UBL document; the company's required profiles."""

from __future__ import annotations

from flask import current_app, request

from core.api import (
    ApiError,
    ValidationFailed,
    api_blueprint,
    current_actor,
    db,
    describe,
    json_body,
    read_only_ok,
    require_media_type,
    require_permission,
)
from core.api import gettext as _
from plugins.einvoice import requirements, schemas
from plugins.einvoice.errors import NotUBLError
from plugins.einvoice.permissions import SETTINGS_READ, SETTINGS_WRITE, VALIDATE
from plugins.einvoice.profiles import PROFILES
from plugins.einvoice.rulefiles import versions
from plugins.einvoice.validator import validate

bp = api_blueprint("einvoice_api", __name__, "/einvoice")
TAGS = ("einvoice",)
XML_TYPES = {"application/xml", "text/xml"}


@bp.post("/validate")
@read_only_ok
@require_permission(VALIDATE)
@describe(
    tags=TAGS,
    response=schemas.REPORT,
    query={"profile": schemas.PROFILE_QUERY},
    body_media=schemas.XML_BODY,
)
def einvoice_validate():
    """Check a UBL 2.1 Invoice or CreditNote with the official rules.

    Send the XML as the body with ``Content-Type: application/xml``. ``profile`` is ``peppol``
    (UBL 2.1 XSD + CEN EN 16931 + Peppol BIS 3.0), ``pint-ae`` (UBL 2.1 XSD + PINT-AE) or
    ``en16931`` (UBL 2.1 XSD + CEN EN 16931 alone, no Peppol layer); omitted, it is chosen
    from the CustomizationID. A body that is not XML, or not a UBL Invoice/CreditNote, is a
    422 ``not_ubl``.
    """
    require_media_type(
        XML_TYPES, _("Send the document as the body with Content-Type: application/xml.")
    )
    profile = _profile_arg()
    body = _body()
    try:
        return validate(body, profile).as_dict()
    except NotUBLError as exc:
        raise ApiError(
            422, "not_ubl", _("Not a UBL 2.1 invoice or credit note: %(exc)s", exc=exc)
        ) from None


def _profile_arg() -> str | None:
    profile = request.args.get("profile") or None
    if profile is not None and profile not in PROFILES:
        raise ApiError(
            400,
            "unknown_profile",
            _("Unknown profile %(profile)s.", profile=repr(profile)),
            {"profiles": list(PROFILES)},
        )
    return profile


def _body() -> bytes:
    limit = current_app.config["EINVOICE_MAX_DOCUMENT_BYTES"]
    if (request.content_length or 0) > limit:
        raise ApiError(
            413,
            "document_too_large",
            _("Documents up to %(limit)s bytes are checked.", limit=limit),
        )
    body = request.get_data(cache=False)
    if len(body) > limit:
        raise ApiError(
            413,
            "document_too_large",
            _("Documents up to %(limit)s bytes are checked.", limit=limit),
        )
    return body


@bp.get("/settings")
@require_permission(SETTINGS_READ)
@describe(tags=TAGS, response=schemas.SETTINGS)
def einvoice_settings():
    """The profiles every document of the company must pass before it is sealed."""
    return _settings(current_actor().company_id)


@bp.put("/settings")
@require_permission(SETTINGS_WRITE)
@describe(tags=TAGS, request=schemas.SETTINGS_UPDATE, response=schemas.SETTINGS)
def einvoice_settings_update():
    """Choose the required profiles; an empty list returns to the automatic choice.

    ``automatic`` and ``rule_versions`` are read-only: a body may carry them back as GET
    answered them (or ``automatic`` as the new list implies); any other value is a 422.
    """
    body = json_body()  # core checked it against the schema
    wanted = body["required_profiles"]
    company_id = current_actor().company_id
    _refuse_read_only_changes(body, _settings(company_id), wanted)
    try:
        requirements.set_required(company_id, wanted)
    except ValueError as exc:
        raise ValidationFailed({"required_profiles": str(exc)}) from None
    db.session.commit()
    return _settings(company_id)


def _refuse_read_only_changes(body: dict, current: dict, wanted: list) -> None:
    errors = {}
    if "automatic" in body and body["automatic"] not in (current["automatic"], not wanted):
        errors["automatic"] = _("is read-only: an empty required_profiles means automatic")
    if "rule_versions" in body and body["rule_versions"] != current["rule_versions"]:
        errors["rule_versions"] = _("is read-only: the rule files shipped with this version")
    if errors:
        raise ValidationFailed(errors)


def _settings(company_id: int) -> dict:
    configured = requirements.configured(company_id)
    return {
        "required_profiles": configured,
        "automatic": not configured,
        "rule_versions": versions(),
    }
