"""HTMX pages of the peppol plugin (blueprint "peppol" at /peppol).

Pages call the same services as the API; Socket.IO ``peppol_status_changed`` events make the
transmission lists and the invoice panel re-fetch themselves.
"""

from flask import Blueprint

bp = Blueprint("peppol", __name__, url_prefix="/peppol")

from plugins.peppol.views import (  # noqa: E402,F401  (routes)
    health_page,
    inbox_page,
    invoice_panel,
    lists,
    pages,
    providers_page,
)
