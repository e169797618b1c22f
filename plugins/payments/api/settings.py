"""/api/v1/payments/settings: the company's payments settings (overpayment policy)."""

from __future__ import annotations

from core.api import company_id, describe, json_body, require_permission
from plugins.payments import settings
from plugins.payments.api import bp
from plugins.payments.api.common import commit
from plugins.payments.permissions import ADMINISTER

TAGS = ("payments",)
SETTINGS = {
    "type": "object",
    "properties": {"overpayment_policy": {"type": "string", "enum": list(settings.POLICIES)}},
}
SETTINGS_PATCH = {**SETTINGS, "additionalProperties": False}


@bp.get("/payments/settings")
@require_permission(ADMINISTER)
@describe(tags=TAGS, response=SETTINGS)
def payments_settings_read():
    """The company's payments settings.

    ``overpayment_policy``: ``reject`` (default) refuses a payment above what its invoices
    owe; ``credit`` keeps the unallocated part as customer credit.
    """
    return settings.current(company_id())


@bp.patch("/payments/settings")
@require_permission(ADMINISTER)
@describe(tags=TAGS, request=SETTINGS_PATCH, response=SETTINGS)
def payments_settings_update():
    """Change payments settings; unknown names or values are a 422 naming each field."""
    result = settings.update(company_id(), json_body())
    commit()
    return result
