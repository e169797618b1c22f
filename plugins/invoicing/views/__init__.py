"""HTMX pages of the invoicing plugin (blueprint "invoicing" at /invoicing)."""

from pathlib import Path

from flask import Blueprint

bp = Blueprint(
    "invoicing",
    __name__,
    url_prefix="/invoicing",
    static_folder=str(Path(__file__).resolve().parent.parent / "static"),
    static_url_path="/static",
)

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
    invoice_bulk,
    invoice_detail,
    invoice_export,
    invoice_list,
)
