"""/api/v1/wallet/settings: the company's wallet configuration."""

from __future__ import annotations

from core.api import RecordRoute, settings_routes
from plugins.wallet import settings
from plugins.wallet.api import bp
from plugins.wallet.api.schemas import SETTINGS, SETTINGS_OUT
from plugins.wallet.permissions import ADMINISTER, READ

settings_routes(
    bp, "/wallet/settings", "wallet_settings", tags=("wallet",), response=SETTINGS_OUT,
    row=settings.row, current=settings.current, serialize=settings.as_json,
    read=RecordRoute(READ, "The company's wallet settings (defaults until first changed); "
                     "``ETag`` is their version\n(``\"0\"`` while they are the defaults)."),
    update=RecordRoute(ADMINISTER, "Change wallet settings: ``mode`` ``hd`` needs an account "
                       "``xpub``; ``virtual`` needs\n``master_address`` and its TIP-1022 "
                       "``master_id``. The server never takes a private key.",
                       settings.update, SETTINGS),
)  # fmt: skip
