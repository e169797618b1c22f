"""/api/v1/ap/settings: match tolerances, over-receipt tolerance, duplicate policy."""

from __future__ import annotations

from core.api import company_id, describe, if_match, json_body, require_permission, user_id
from plugins.ap.api import bp
from plugins.ap.api.common import commit
from plugins.ap.api.schemas import SETTINGS, SETTINGS_IN
from plugins.ap.permissions import CHANGE_SETTINGS, READ
from plugins.ap.services import settings

TAGS = ("ap",)


@bp.get("/ap/settings")
@require_permission(READ)
@describe(tags=TAGS, response=SETTINGS, versioned=True)
def ap_settings_read():
    """The company's AP settings (defaults until changed); ``ETag`` is their version
    (``"0"`` while they are the defaults)."""
    return _tagged(company_id(), settings.current(company_id()))


def _tagged(company: int, values):
    return settings.as_dict(values), 200, {"ETag": f'"{settings.version(company)}"'}


@bp.patch("/ap/settings")
@require_permission(CHANGE_SETTINGS)
@describe(tags=TAGS, request=SETTINGS_IN, response=SETTINGS, versioned=True)
def ap_settings_update():
    """Change some settings. Tolerances are "the greater of P % or A" (price in money, quantity
    in units); ``duplicate_policy`` is ``flag`` or ``block``; ``peppol_rules`` is ``enforce`` or
    ``warn``. Changing a match tolerance re-matches every open bill (job
    ``ap.rematch_open_bills``)."""
    settings.check_version(company_id(), if_match())
    result = settings.update_and_rematch(company_id(), json_body(), user_id())
    commit()
    return _tagged(company_id(), result)
