"""HTMX pages of the payments plugin (blueprint "payments" at /payments).

Every page calls the same services as the API (``plugins.payments.services``): the views only
turn form fields into service input and service refusals into messages on the page.
"""

from flask import Blueprint

bp = Blueprint("payments", __name__, url_prefix="/payments")

from plugins.payments.credit import page as _credit_page  # noqa: E402,F401  (routes)
from plugins.payments.views import (  # noqa: E402,F401  (routes)
    invoice_payments,
    payment_detail,
    payment_list,
    refund_queue,
)
