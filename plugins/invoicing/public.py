"""What other plugins may use of invoicing: import it from here, never from its internals.

A small, stable set of plain re-exports (``.importlinter`` refuses another plugin importing any
other invoicing module), so invoicing can reorganise its internals freely: party validation,
code lists, the invoice totals (the very ``compute_totals`` sales invoices use), the invoice and
customer models, settlement locks and document signatures.
"""

from plugins.einvoice.public import Line, Totals, codes, compute_totals, totals
from plugins.invoicing import einvoice_xml, mapping, settlement, signatures
from plugins.invoicing.catalog_model import CatalogItem
from plugins.invoicing.customer_options import customer_options
from plugins.invoicing.models import INVOICE, Customer, Invoice
from plugins.invoicing.services.catalog import search as catalog_search
from plugins.invoicing.services.customers import parse as parse_party
from plugins.invoicing.services.validation import iban as check_iban

UNIT_CODES = codes.UNIT_CODES
VAT_CATEGORIES = codes.VAT_CATEGORIES
amount_places = codes.amount_places
is_currency = codes.is_currency
money = totals.money


def document_xml(invoice: Invoice, profile: str) -> bytes:
    """The UBL of a sealed invoice or credit note in ``profile`` (``peppol`` or ``pint-ae``)."""
    return einvoice_xml.render(mapping.to_document(invoice), profile)


# The line editors' autocomplete (an htmx GET with the typed description): AP's order and bill
# lines point their description field at it, as the invoice editor does.
CATALOG_SUGGEST_ENDPOINT = "invoicing.catalog_suggest"

__all__ = [
    "CATALOG_SUGGEST_ENDPOINT",
    "CatalogItem",
    "INVOICE",
    "UNIT_CODES",
    "VAT_CATEGORIES",
    "Customer",
    "Invoice",
    "Line",
    "Totals",
    "amount_places",
    "catalog_search",
    "check_iban",
    "compute_totals",
    "customer_options",
    "document_xml",
    "is_currency",
    "money",
    "parse_party",
    "settlement",
    "signatures",
]
