"""/invoicing/invoices: search, filters, sorting and pagination, refreshed live.

The filters are the API's own (``filtered_query``), so page and API list the same rows. One
page costs one COUNT, one query for the page's rows (customer joined) and one for the draft
rows' lines (drafts carry no stored totals): never a query per row.
"""

from __future__ import annotations

from flask import request
from flask_login import login_required
from sqlalchemy import func, select
from sqlalchemy.orm import contains_eager, selectinload

from core.api import ApiError, DomainError, db, is_htmx, query_int, render, require
from plugins.invoicing.api.invoices import filtered_query
from plugins.invoicing.models import PAYMENT_STATUSES, STATUSES, Customer, Invoice
from plugins.invoicing.views import bp
from plugins.invoicing.views.common import amounts

PAGE_SIZE = 25
MAX_PAGE_SIZE = 200
SORT_COLUMNS = {
    "number": Invoice.number,
    "date": Invoice.issue_date,
    "total": Invoice.total,
    "due": Invoice.due_date,
}
DEFAULT_SORT = "-date"


def _sort(value: str):
    """ORDER BY for ``value`` (``date``, ``-total``...), ending with id so pages never overlap."""
    descending = value.startswith("-")
    column = SORT_COLUMNS.get(value.lstrip("-"))
    if column is None:
        raise ApiError(400, "invalid_parameter", f"Unknown sort {value!r}.")
    if descending:
        return (column.desc(), Invoice.id.desc())
    return (column.asc(), Invoice.id.asc())


def _whole(name: str, default: int, low: int, high: int | None) -> int:
    return query_int(name, default, low, high)


def _page(query, order, limit: int, offset: int):
    total = db.session.scalar(select(func.count()).select_from(query.order_by(None).subquery()))
    rows = db.session.scalars(
        query.options(contains_eager(Invoice.customer), selectinload(Invoice.lines))
        .order_by(*order)
        .limit(limit)
        .offset(offset)
    ).unique()
    return total, [(row, amounts(row)) for row in rows]


def _customers() -> list[tuple[int, str]]:
    return list(db.session.execute(select(Customer.id, Customer.name).order_by(Customer.name)))


@bp.get("/invoices")
@login_required
def invoice_list():
    require("invoicing.invoice.read")
    sort = request.args.get("sort") or DEFAULT_SORT
    error, total, rows = None, 0, []
    limit = offset = 0
    try:
        limit = _whole("limit", PAGE_SIZE, 1, MAX_PAGE_SIZE)
        offset = _whole("offset", 0, 0, None)
        total, rows = _page(filtered_query(), _sort(sort), limit, offset)
    except DomainError as exc:
        error = exc.message
    return render(
        "invoicing/invoice_list.html",
        block="table",
        status=400 if error else 200,
        rows=rows,
        total=total,
        limit=limit or PAGE_SIZE,
        offset=offset,
        sort=sort,
        error=error,
        args=request.args,
        statuses=STATUSES,
        payment_statuses=PAYMENT_STATUSES,
        customers=[] if is_htmx() else _customers(),  # the filter form is not re-sent
    )
