"""/invoicing/invoices/export.csv and .xlsx: the rows of the list as filtered and sorted.

The same filters and sort as the page (``filtered_query``, ``sorting.INVOICES``); rows are read
1,000 at a time by keyset as plain rows (no ORM objects) and streamed (core.api.csv_response /
xlsx_response), so memory stays flat however many invoices match. Drafts keep no totals: the
drafts of a batch are loaded with their lines, in one query, for their live totals.
"""

from __future__ import annotations

from flask import request
from flask_login import login_required
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from core.api import csv_response, db, list_batches, require, xlsx_response
from plugins.invoicing.api.invoices import filtered_query
from plugins.invoicing.models import DRAFT, Customer, Invoice
from plugins.invoicing.permissions import INVOICE_READ
from plugins.invoicing.sorting import INVOICES
from plugins.invoicing.views import bp
from plugins.invoicing.views.common import amounts

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
COLUMNS = (
    Invoice.id,
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
)


def _live_totals(batch) -> dict[int, dict]:
    drafts = [r.id for r in batch if r.status == DRAFT]
    if not drafts:
        return {}
    found = db.session.scalars(
        select(Invoice).where(Invoice.id.in_(drafts)).options(selectinload(Invoice.lines))
    )
    return {inv.id: amounts(inv) for inv in found}


def _rows(batch) -> list[list]:
    live = _live_totals(batch)
    out = []
    for r in batch:
        total, due = (
            (live[r.id]["total"], live[r.id]["amount_due"])
            if r.id in live
            else (
                r.total,
                r.amount_due,
            )
        )
        out.append(
            [r.number, r.type, r.name, r.issue_date, r.due_date, r.currency, total, due]
            + [r.status, r.payment_status]
        )
    return out


def export_rows():
    require(INVOICE_READ)
    sort = INVOICES.parse(request.args.get("sort"))
    query = filtered_query().with_only_columns(*COLUMNS)
    for batch in list_batches(query, sort):
        yield _rows(batch)


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
