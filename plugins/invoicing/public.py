"""What other plugins may use of invoicing: party validation, code lists and EN 16931 totals.

A small, stable re-export: plugins that depend on invoicing import this module and nothing
else of it, so invoicing can reorganise its internals freely.
"""

from plugins.invoicing.codes import UNIT_CODES, VAT_CATEGORIES, amount_places, is_currency
from plugins.invoicing.documents import Line
from plugins.invoicing.services.customers import parse as parse_party
from plugins.invoicing.services.validation import iban as check_iban
from plugins.invoicing.totals import Totals, compute_totals, money

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
