"""validate(): the official rules, unchanged, on a document from anywhere."""

from __future__ import annotations

from core.api import off_loop
from plugins.einvoice import schematron, xsd
from plugins.einvoice.profiles import check_profile, profile_of
from plugins.einvoice.report import ValidationReport, make_report
from plugins.einvoice.safexml import parse_ubl


def validate(xml: bytes, profile: str | None = None) -> ValidationReport:
    """XSD + the profile's Schematron layers. ``profile=None`` reads it from the CustomizationID.

    Like an access point, the Schematron layers run even when the XSD fails, so the report
    lists every problem at once. NotUBLError when the bytes are not a UBL Invoice/CreditNote.
    Under gevent it runs on a real thread (``core.api.off_loop``): Saxon releases the GIL.
    """
    return off_loop(_validate, xml, profile)


def _validate(xml: bytes, profile: str | None) -> ValidationReport:
    tree = parse_ubl(xml)
    profile = check_profile(profile) if profile is not None else profile_of(tree)
    findings = xsd.check(tree) + schematron.check(tree, profile)
    return make_report(profile, findings)


def warm(profiles=None) -> None:
    """Compile every rule file now (at start-up), not on the first request."""
    from plugins.einvoice.profiles import PROFILES

    xsd.warm()
    for profile in profiles or PROFILES:
        schematron.warm(profile)
