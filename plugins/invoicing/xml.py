"""UBL rendering through the ``invoicing_xml_profiles`` hook, so any plugin can add one."""

from __future__ import annotations

import hashlib

from core.api import ApiError, hook

DEFAULT_PROFILE = "peppol"


def _entries(answer):
    if isinstance(answer, dict):
        return answer.items()
    if isinstance(answer, list | tuple):
        return [(getattr(p, "name", None), p) for p in answer]
    return [(getattr(answer, "name", None), answer)]


def profiles() -> dict:
    """``{name: profile}`` from every plugin's answer (a dict, a list, or one profile)."""
    found = {}
    for answer in hook.invoicing_xml_profiles():
        for name, profile in _entries(answer or {}):
            if name:
                found[name] = profile
    return found


def render(document, profile: str = DEFAULT_PROFILE) -> bytes:
    known = profiles()
    if profile not in known:
        raise ApiError(
            400,
            "unknown_profile",
            f"Unknown XML profile {profile!r}.",
            {"profiles": sorted(known)},
        )
    from plugins.invoicing.ubl import ProfileError

    try:
        xml = known[profile].build(document)
    except ProfileError as exc:
        raise ApiError(
            422, "xml_profile_rules", f"The document does not meet {profile}: {exc}"
        ) from exc
    return xml.encode() if isinstance(xml, str) else xml


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
