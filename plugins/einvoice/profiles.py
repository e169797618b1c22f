"""Which rule stack a document is judged by, chosen from its CustomizationID."""

from __future__ import annotations

from plugins.einvoice.errors import NotUBLError
from plugins.einvoice.namespaces import NS_CBC
from plugins.einvoice.safexml import parse_ubl

PEPPOL = "peppol"
PINT_AE = "pint-ae"
PROFILES = (PEPPOL, PINT_AE)

PEPPOL_CUSTOMIZATION = "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0"
PINT_AE_CUSTOMIZATION = "urn:peppol:pint:billing-1@ae-1"


def profile_for(customization_id: str) -> str | None:
    """The profile a CustomizationID names, or None when it names none we validate."""
    cid = (customization_id or "").strip()
    if cid.startswith(PINT_AE_CUSTOMIZATION):
        return PINT_AE
    if "urn:fdc:peppol.eu:2017:poacc:billing:3.0" in cid:
        return PEPPOL
    return None


def customization_id(tree) -> str:
    return (tree.getroot().findtext(f"{{{NS_CBC}}}CustomizationID") or "").strip()


def detect_profile(xml: bytes) -> str:
    """``"peppol"`` or ``"pint-ae"`` from the document's CustomizationID; NotUBLError otherwise."""
    return profile_of(parse_ubl(xml))


def profile_of(tree) -> str:
    cid = customization_id(tree)
    profile = profile_for(cid)
    if profile is None:
        raise NotUBLError(
            f"the CustomizationID {cid or '(none)'!r} names no profile this server validates "
            f"({', '.join(PROFILES)}); pass the profile explicitly"
        )
    return profile


def check_profile(profile: str) -> str:
    if profile not in PROFILES:
        raise ValueError(f"unknown profile {profile!r}: one of {', '.join(PROFILES)}")
    return profile
