"""HTMX pages of the invoicing plugin (blueprint "invoicing" at /invoicing)."""

from core.api import page_blueprint

bp = page_blueprint("invoicing", __name__, "/invoicing")

from plugins.invoicing.views import (  # noqa: E402,F401  (routes)
    catalog,
    catalog_list,
    chain_page,
    credit_note,
    customer_list,
    customers,
    editor,
    imports,
    invoice_actions,
    invoice_detail,
    invoice_list,
)
