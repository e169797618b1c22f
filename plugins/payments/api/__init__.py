"""``/api/v1`` routes of the payments plugin (blueprint "payments_api")."""

from core.api import api_blueprint

bp = api_blueprint("payments_api", __name__)

from plugins.payments.api import (  # noqa: E402,F401  (routes)
    admin,
    payments,
    refunds,
    settings,
    stats,
    transactions,
)
from plugins.payments.chain import api as _chain_api  # noqa: E402,F401  (routes)
from plugins.payments.credit import api as _credit_api  # noqa: E402,F401  (routes)
