"""What other plugins may use of invoicing: party validation, code lists and the invoice totals.

A small, stable re-export: plugins that depend on invoicing import this module and nothing
else of it, so invoicing can reorganise its internals freely. The totals are the very
``compute_totals`` invoicing computes sales invoices with (EN 16931 rounding).
"""

from plugins.einvoice.public import Line, Totals, codes, compute_totals, totals
from plugins.invoicing.services.customers import parse as parse_party
from plugins.invoicing.services.validation import iban as check_iban

UNIT_CODES = codes.UNIT_CODES
VAT_CATEGORIES = codes.VAT_CATEGORIES
amount_places = codes.amount_places
is_currency = codes.is_currency
money = totals.money

__all__ = [
    "UNIT_CODES",
    "VAT_CATEGORIES",
    "Line",
    "Totals",
    "amount_places",
    "check_iban",
    "compute_totals",
    "is_currency",
    "money",
    "parse_party",
]
