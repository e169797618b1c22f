"""Pages of the wallet plugin (blueprint "wallet"): the customer's payment page."""

from core.api import page_blueprint

bp = page_blueprint("wallet", __name__, "/wallet")

from plugins.wallet.views import (  # noqa: E402,F401  (routes)
    admin,
    invoice_slot,
    pay,
    request_detail,
    request_list,
)
