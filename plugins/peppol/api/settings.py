"""/api/v1/peppol/settings: the inbox schedule (local time and zone) and forward destination."""

from __future__ import annotations

from core.api import (
    check_version,
    company_id,
    db,
    describe,
    if_match,
    json_body,
    require_permission,
    with_etag,
)
from plugins.peppol import settings
from plugins.peppol.api import bp
from plugins.peppol.inbox.schedule import settings_for
from plugins.peppol.permissions import MANAGE, READ

SETTINGS_PATCH = {
    "type": "object",
    "properties": {
        "inbox_enabled": {"type": "boolean"},
        "inbox_time": {"type": "string", "description": "HH:MM (24 h), company time zone"},
        "timezone": {"type": "string", "description": "IANA name, e.g. Asia/Dubai"},
        "forward_provider_id": {"type": ["integer", "null"]},
    },
    "additionalProperties": False,
}


@bp.get("/peppol/settings")
@require_permission(READ)
@describe(tags=("peppol",), versioned=True)
def settings_read():
    """The company's Peppol settings (inbox schedule, forward destination); ``ETag`` is their
    version."""
    found = settings_for(company_id())
    db.session.commit()
    return with_etag(settings.to_dict(found), found)


@bp.patch("/peppol/settings")
@require_permission(MANAGE)
@describe(tags=("peppol",), request=SETTINGS_PATCH, versioned=True)
def settings_update():
    """Change ``inbox_enabled``, ``inbox_time`` (HH:MM), ``timezone`` (IANA), or
    ``forward_provider_id`` (an http_forward account; null = the first one); ``If-Match``:
    409 ``stale_version`` (the settings now) if they changed meanwhile."""
    check_version(settings_for(company_id()), if_match(), settings.to_dict)
    changed = settings.change(company_id(), json_body())
    db.session.commit()
    return with_etag(settings.to_dict(changed), changed)
