"""Per-company Peppol settings: the inbox schedule and the forward destination."""

from __future__ import annotations

import re
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from core.api import ValidationFailed, bump_version, db, get_scoped
from core.api import gettext as _
from plugins.peppol.inbox.schedule import settings_for
from plugins.peppol.models import ProviderAccount, Settings

TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


def to_dict(s: Settings) -> dict:
    return {
        "inbox_enabled": s.inbox_enabled,
        "inbox_time": s.inbox_time,
        "timezone": s.timezone,
        "forward_provider_id": s.forward_provider_id,
    }


def change(company_id: int, data: dict) -> Settings:
    s = settings_for(company_id)
    errors = {}
    if "inbox_enabled" in data:
        if not isinstance(data["inbox_enabled"], bool):
            errors["inbox_enabled"] = _("inbox_enabled is true or false.")
        s.inbox_enabled = bool(data["inbox_enabled"])
    if "inbox_time" in data:
        if not TIME.match(str(data["inbox_time"])):
            errors["inbox_time"] = _("inbox_time is HH:MM (24 h).")
        s.inbox_time = str(data["inbox_time"])
    if "timezone" in data:
        try:
            ZoneInfo(str(data["timezone"]))
        except (ZoneInfoNotFoundError, ValueError):
            errors["timezone"] = _("timezone is an IANA name such as Asia/Dubai.")
        s.timezone = str(data["timezone"])
    if "forward_provider_id" in data:
        s.forward_provider_id = _forward(data["forward_provider_id"], errors)
    if errors:
        raise ValidationFailed(errors)
    if db.session.is_modified(s):  # a user's change: open forms of the settings are behind
        bump_version(s)
    return s


def _forward(value, errors) -> int | None:
    if value is None:
        return None
    account = get_scoped(ProviderAccount, value) if isinstance(value, int) else None
    if account is None or account.type != "http_forward":
        errors["forward_provider_id"] = _(
            "forward_provider_id is an http_forward account of yours."
        )
        return None
    return account.id
