"""UBL rendering through the einvoice plugin's XML profiles, so any plugin can add one."""

from __future__ import annotations

import hashlib

from core.api import ApiError, hook
from core.api import gettext as _
from plugins.einvoice.public import ProfileError, xml_profiles

DEFAULT_PROFILE = "peppol"


def profiles() -> dict:
    """``{name: profile}`` from ``einvoice_xml_profiles`` plus the older invoicing hook."""
    return xml_profiles(also=hook.invoicing_xml_profiles())


def render(document, profile: str = DEFAULT_PROFILE) -> bytes:
    known = profiles()
    if profile not in known:
        raise ApiError(
            400,
            "unknown_profile",
            _("Unknown XML profile %(profile)s.", profile=repr(profile)),
            {"profiles": sorted(known)},
        )
    try:
        xml = known[profile].build(document)
    except ProfileError as exc:
        raise ApiError(
            422,
            "xml_profile_rules",
            _("The document does not meet %(profile)s: %(exc)s", profile=profile, exc=exc),
        ) from exc
    return xml.encode() if isinstance(xml, str) else xml


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
