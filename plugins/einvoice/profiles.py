"""Which rule stack a document is judged by, chosen from its CustomizationID.

``peppol``: UBL 2.1 XSD + CEN EN 16931 + Peppol BIS 3.0; ``pint-ae``: UBL 2.1 XSD + PINT-AE;
``en16931``: UBL 2.1 XSD + the CEN EN 16931 rules alone, for documents that claim the European
norm without a Peppol process (most of CEN's own examples). Only Peppol BIS 3.0 and PINT-AE are
written by this server (``SEALING_PROFILES``); ``en16931`` is for judging what arrives.
"""

from __future__ import annotations

from plugins.einvoice.errors import NotUBLError
from plugins.einvoice.namespaces import NS_CBC
from plugins.einvoice.safexml import parse_ubl

PEPPOL = "peppol"
PINT_AE = "pint-ae"
EN16931 = "en16931"
PROFILES = (PEPPOL, PINT_AE, EN16931)
SEALING_PROFILES = (PEPPOL, PINT_AE)

PEPPOL_CUSTOMIZATION = "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0"
PINT_AE_CUSTOMIZATION = "urn:peppol:pint:billing-1@ae-1"
EN16931_CUSTOMIZATION = "urn:cen.eu:en16931:2017"


def profile_for(customization_id: str) -> str | None:
    """The profile a CustomizationID names, or None when it names none we validate."""
    cid = (customization_id or "").strip()
    if cid.startswith(PINT_AE_CUSTOMIZATION):
        return PINT_AE
    if "urn:fdc:peppol.eu:2017:poacc:billing:3.0" in cid:
        return PEPPOL
    if cid.startswith(EN16931_CUSTOMIZATION):
        return EN16931
    return None


def customization_id(tree) -> str:
    return (tree.getroot().findtext(f"{{{NS_CBC}}}CustomizationID") or "").strip()


def detect_profile(xml: bytes) -> str:
    """``"peppol"``, ``"pint-ae"`` or ``"en16931"`` from the CustomizationID; else NotUBLError."""
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


def check_profile(profile: str, known: tuple[str, ...] = PROFILES) -> str:
    if profile not in known:
        raise ValueError(f"unknown profile {profile!r}: one of {', '.join(known)}")
    return profile
