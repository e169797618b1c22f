"""Pages of the wallet plugin (blueprint "wallet"): the customer's payment page."""

from pathlib import Path

from flask import Blueprint

bp = Blueprint(
    "wallet",
    __name__,
    url_prefix="/wallet",
    static_folder=str(Path(__file__).resolve().parent.parent / "static"),
    static_url_path="/static",
)

from plugins.wallet.views import (  # noqa: E402,F401  (routes)
    admin,
    invoice_slot,
    pay,
    request_detail,
    request_list,
)
