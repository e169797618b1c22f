"""/invoicing/invoices/export.csv and .xlsx: the rows of the list as filtered and sorted.

The same filters and sort as the page (``filtered_query``, ``sorting.INVOICES``); rows are
read as plain rows (no ORM objects) from one streamed statement, 1,000 at a time, and written
out as they come (core.api.csv_response / xlsx_response), so memory stays flat however many
invoices match. Drafts keep no totals: the
drafts of a batch are loaded with their lines, in one query, for their live totals.
"""

from __future__ import annotations

from flask import request
from flask_login import login_required

from core.api import csv_response, list_batches, require, xlsx_response
from plugins.invoicing.api.invoices import filtered_query
from plugins.invoicing.models import DRAFT, Customer, Invoice
from plugins.invoicing.permissions import INVOICE_READ
from plugins.invoicing.sorting import INVOICES
from plugins.invoicing.views import bp
from plugins.invoicing.views.common import listed_amounts

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
# In the file's order; id and exchange rate last (for a draft's live totals; not written).
COLUMNS = (
    Invoice.number,
    Invoice.type,
    Customer.name,
    Invoice.issue_date,
    Invoice.due_date,
    Invoice.currency,
    Invoice.total,
    Invoice.amount_due,
    Invoice.status,
    Invoice.payment_status,
    Invoice.id,
    Invoice.exchange_rate,
)
WIDTH, TOTAL, DUE, STATUS = len(HEADER), 6, 7, 8


def _rows(batch) -> list:
    """The batch as written: stored totals, a draft's live ones (drafts keep none)."""
    if all(r[STATUS] != DRAFT for r in batch):
        return [r[:WIDTH] for r in batch]
    return [
        r[:WIDTH] if r[STATUS] != DRAFT else _live(r, money) for r, money in listed_amounts(batch)
    ]


def _live(row, money: dict) -> list:
    out = list(row[:WIDTH])
    out[TOTAL], out[DUE] = money["total"], money["amount_due"]
    return out


def export_rows():
    """The rows of the list's filter and order, batch by batch. The filters are read (400)
    when this is called; the rows when the result is iterated (the download streams)."""
    require(INVOICE_READ)
    sort = INVOICES.parse(request.args.get("sort"))
    query = filtered_query().with_only_columns(*COLUMNS)
    return (_rows(batch) for batch in list_batches(query, sort))


def export_selected(ids: list[int]):
    """CSV of the invoices ticked in the list (bulk action "export"), in the list's order."""
    require(INVOICE_READ)
    sort = INVOICES.parse(None)
    query = filtered_query().with_only_columns(*COLUMNS).where(Invoice.id.in_(ids))
    batches = (_rows(batch) for batch in list_batches(query, sort))
    return csv_response("invoices-selected.csv", HEADER, batches)


@bp.get("/invoices/export.csv")
@login_required
def invoice_export_csv():
    return csv_response("invoices.csv", HEADER, export_rows())


@bp.get("/invoices/export.xlsx")
@login_required
def invoice_export_xlsx():
    return xlsx_response("invoices.xlsx", HEADER, export_rows())
