"""/invoicing/invoices: search, filters, sorting on every column and keyset paging, live.

The filters are the API's own (``filtered_query``) and the sortable columns the API's own
(``sorting.INVOICES``), so page and API list the same rows in the same order. One page costs a
count bounded at ``COUNT_CAP`` rows (beyond it, core's cached count), one query for the page's
rows (the columns shown, as plain rows: no ORM objects; customer joined; started where the last
page ended: ``after``/``before`` cursors) and, when the page shows drafts, one for their lines
(a draft's totals are live).
"""

from __future__ import annotations

from flask import request
from flask_login import login_required
from sqlalchemy import select

from core.api import (
    Company,
    DomainError,
    current_actor,
    db,
    exact_count,
    fetch_page,
    is_htmx,
    query_int,
    render,
    require,
)
from plugins.invoicing.api.invoices import filtered_query
from plugins.invoicing.models import PAYMENT_STATUSES, STATUSES, Customer, Invoice
from plugins.invoicing.permissions import INVOICE_READ
from plugins.invoicing.sorting import INVOICES
from plugins.invoicing.views import bp
from plugins.invoicing.views.common import listed_amounts

PAGE_SIZE = 25
MAX_PAGE_SIZE = 200
COUNT_CAP = 1_000  # counted directly up to here; beyond, a cached count
# What a row shows (Customer.name as ``name``: the "customer" sort reads it from the row).
SHOWN = (
    Invoice.id,
    Invoice.number,
    Invoice.type,
    Customer.name,
    Invoice.issue_date,
    Invoice.due_date,
    Invoice.currency,
    Invoice.exchange_rate,
    Invoice.total,
    Invoice.amount_due,
    Invoice.status,
    Invoice.payment_status,
)
COLUMNS = (
    ("number", "Number"),
    ("customer", "Customer"),
    ("date", "Issued"),
    ("due", "Due"),
    ("total", "Total"),
    ("amount_due", "Amount due"),
    ("status", "Status"),
    ("payment", "Payment"),
)


def load_page():
    """The page asked for by the query string: ``(page, count, exact)``."""
    sort = INVOICES.parse(request.args.get("sort"))
    limit = query_int("limit", PAGE_SIZE, 1, MAX_PAGE_SIZE)
    offset = query_int("offset", 0, 0, None)
    query = filtered_query()
    page = fetch_page(
        query.with_only_columns(*SHOWN),
        sort,
        limit,
        position=offset,
        after=request.args.get("after"),
        before=request.args.get("before"),
    )
    return page, exact_count(query, COUNT_CAP), True


def _customers() -> list[tuple[int, str]]:
    """The customer filter's options. The super admin sees every company's customers, where
    two companies may each have an "Atlas Freight": the company's name tells them apart."""
    if not current_actor().is_super_admin:
        query = select(Customer.id, Customer.name).order_by(Customer.name)
        return list(db.session.execute(query))
    rows = db.session.execute(
        select(Customer.id, Customer.name, Company.name)
        .join(Company, Company.id == Customer.company_id)
        .order_by(Customer.name, Company.name)
    )
    return [(cid, f"{name} — {company}") for cid, name, company in rows]


@bp.get("/invoices")
@login_required
def invoice_list():
    require(INVOICE_READ)
    error, page, count, exact = None, None, 0, True
    try:
        page, count, exact = load_page()
    except DomainError as exc:
        error = exc.message
    rows = listed_amounts(page.rows) if page else []
    return render(
        "invoicing/invoice_list.html",
        block="table",
        status=400 if error else 200,
        rows=rows,
        page=page,
        total=count,
        exact=exact,
        sort=page.sort if page else INVOICES.parse(None),
        columns=COLUMNS,
        error=error,
        args=request.args,
        statuses=STATUSES,
        payment_statuses=PAYMENT_STATUSES,
        customers=[] if is_htmx() else _customers(),  # the filter form is not re-sent
    )
