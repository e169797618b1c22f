"""The import file's columns: one row per invoice line, rows grouped by ``invoice_ref``."""

from __future__ import annotations

# Header columns repeat on every row of an invoice and must agree across its rows.
HEADER = (
    "invoice_ref",
    "customer_trn",
    "customer_name",
    "issue_date",
    "due_date",
    "currency",
    "exchange_rate",
    "buyer_reference",
)
LINE = (
    "description",
    "quantity",
    "unit_code",
    "unit_price",
    "tax_category",
    "tax_rate",
    "exemption_reason",
)
KNOWN = (*HEADER, *LINE)
REQUIRED = ("invoice_ref", "issue_date", "description", "quantity", "unit_price")
# Values that must be the same on every row of one invoice: the header but for the key itself.
SAME_PER_INVOICE = tuple(name for name in HEADER if name != "invoice_ref")


def normalize(name) -> str:
    return str(name or "").strip().lower().replace(" ", "_")
