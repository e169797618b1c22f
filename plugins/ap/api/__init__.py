"""``/api/v1`` routes of the AP plugin (blueprint "ap_api")."""

from core.api import api_blueprint

bp = api_blueprint("ap_api", __name__)

from plugins.ap.api import bills, orders, payments, receipts, settings, vendors  # noqa: E402,F401
