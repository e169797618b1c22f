"""/api/v1/wallet/settings: the company's wallet configuration."""

from __future__ import annotations

from core.api import (
    check_row_version,
    company_id,
    db,
    describe,
    if_match,
    json_body,
    require_permission,
    row_version,
)
from plugins.wallet import settings
from plugins.wallet.api import bp
from plugins.wallet.api.schemas import SETTINGS, SETTINGS_OUT
from plugins.wallet.permissions import ADMINISTER, READ

TAGS = ("wallet",)


@bp.get("/wallet/settings")
@require_permission(READ)
@describe(tags=TAGS, response=SETTINGS_OUT, versioned=True)
def wallet_settings_read():
    """The company's wallet settings (defaults until first changed); ``ETag`` is their version
    (``"0"`` while they are the defaults)."""
    return _tagged(settings.current(company_id()))


def _tagged(values: dict):
    return settings.as_json(values), 200, {"ETag": f'"{row_version(settings.row(company_id()))}"'}


@bp.patch("/wallet/settings")
@require_permission(ADMINISTER)
@describe(tags=TAGS, request=SETTINGS, response=SETTINGS_OUT, versioned=True)
def wallet_settings_update():
    """Change wallet settings: ``mode`` ``hd`` needs an account ``xpub``; ``virtual`` needs
    ``master_address`` and its TIP-1022 ``master_id``. The server never takes a private key."""
    current = settings.as_json(settings.current(company_id()))
    check_row_version(settings.row(company_id()), if_match(), current)
    values = settings.update(company_id(), json_body())
    db.session.commit()
    return _tagged(values)
