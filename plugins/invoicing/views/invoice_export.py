"""/invoicing/invoices/export.csv and .xlsx: the rows of the list as filtered and sorted.

The same filters and sort as the page (``filtered_query``, ``sorting.INVOICES``); rows are read
1,000 at a time by keyset and streamed (core.api.csv_response / xlsx_response), so memory
stays flat however many invoices match.
"""

from __future__ import annotations

from flask import request
from flask_login import login_required

from core.api import csv_response, list_batches, require, xlsx_response
from plugins.invoicing.api.invoices import filtered_query
from plugins.invoicing.permissions import INVOICE_READ
from plugins.invoicing.sorting import INVOICES
from plugins.invoicing.views import bp
from plugins.invoicing.views.common import amounts
from plugins.invoicing.views.invoice_list import EAGER

HEADER = [
    "Number",
    "Type",
    "Customer",
    "Issued",
    "Due",
    "Currency",
    "Total",
    "Amount due",
    "Status",
    "Payment",
]


def _row(inv) -> list:
    money = amounts(inv)
    return [
        inv.number,
        inv.type,
        inv.customer.name,
        inv.issue_date,
        inv.due_date,
        inv.currency,
        money["total"],
        money["amount_due"],
        inv.status,
        inv.payment_status,
    ]


def export_rows():
    require(INVOICE_READ)
    sort = INVOICES.parse(request.args.get("sort"))
    for batch in list_batches(filtered_query(), sort, options=EAGER):
        yield [_row(inv) for inv in batch]


@bp.get("/invoices/export.csv")
@login_required
def invoice_export_csv():
    rows = export_rows()
    first = next(rows)  # filters are checked (400) before the download starts
    return csv_response("invoices.csv", HEADER, _chain(first, rows))


@bp.get("/invoices/export.xlsx")
@login_required
def invoice_export_xlsx():
    return xlsx_response("invoices.xlsx", HEADER, export_rows())


def _chain(first, rest):
    yield first
    yield from rest
