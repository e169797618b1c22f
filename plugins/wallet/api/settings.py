"""/api/v1/wallet/settings: the company's wallet configuration."""

from __future__ import annotations

from core.api import company_id, db, describe, json_body, require_permission
from plugins.wallet import settings
from plugins.wallet.api import bp
from plugins.wallet.api.schemas import SETTINGS, SETTINGS_OUT
from plugins.wallet.permissions import ADMINISTER, READ

TAGS = ("wallet",)


@bp.get("/wallet/settings")
@require_permission(READ)
@describe(tags=TAGS, response=SETTINGS_OUT)
def wallet_settings_read():
    """The company's wallet settings (defaults until first changed)."""
    return settings.as_json(settings.current(company_id()))


@bp.patch("/wallet/settings")
@require_permission(ADMINISTER)
@describe(tags=TAGS, request=SETTINGS, response=SETTINGS_OUT)
def wallet_settings_update():
    """Change wallet settings: ``mode`` ``hd`` needs an account ``xpub``; ``virtual`` needs
    ``master_address`` and its TIP-1022 ``master_id``. The server never takes a private key."""
    values = settings.update(company_id(), json_body())
    db.session.commit()
    return settings.as_json(values)
