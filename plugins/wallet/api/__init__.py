"""``/api/v1`` routes of the wallet plugin (blueprint "wallet_api")."""

from core.api import api_blueprint

bp = api_blueprint("wallet_api", __name__)

from plugins.wallet.api import (  # noqa: E402,F401  (routes)
    health,
    payment_requests,
    reconcile,
    settings,
    signed,
    transfers,
)
