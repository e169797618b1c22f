"""``/api/v1`` routes of the invoicing plugin (blueprint "invoicing_api")."""

from core.api import api_blueprint

bp = api_blueprint("invoicing_api", __name__)

from plugins.invoicing.api import (  # noqa: E402,F401  (routes)
    catalog,
    chain,
    customers,
    imports,
    invoices,
)
