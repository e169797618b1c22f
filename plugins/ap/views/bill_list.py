"""/ap/bills: vendor bills with search, filters (status, match, vendor, dates) and sorting."""

from __future__ import annotations

from flask import redirect, request, url_for
from flask_login import login_required
from sqlalchemy import func, select

from core.api import DomainError, db, may, query_id, query_int, render, require
from plugins.ap.models import Bill, Vendor
from plugins.ap.models.bill import BILL_STATUSES, MATCH_STATUSES
from plugins.ap.permissions import READ, WRITE
from plugins.ap.views import bp
from plugins.ap.views.common import sorted_by

PAGE = 50
SORTS = {
    "issue_date": Bill.issue_date,
    "total": Bill.total,
    "number": Bill.vendor_invoice_number,
    "status": Bill.match_status,
    "id": Bill.id,
}


@bp.get("/")
@login_required
def index():
    return redirect(url_for("ap.bill_list"))


def _filtered():
    from plugins.ap.api.bills import _dates, search

    query = select(Bill)
    args = request.args
    if args.get("status") in BILL_STATUSES:
        query = query.where(Bill.status == args["status"])
    if args.get("match_status") in MATCH_STATUSES:
        query = query.where(Bill.match_status == args["match_status"])
    if (vendor := query_id("vendor_id", args)) is not None:
        query = query.where(Bill.vendor_id == vendor)
    return _dates(search(query, args.get("q", "")))


@bp.get("/bills")
@login_required
def bill_list():
    require(READ)
    error, rows, total, sort = None, [], 0, "-id"
    offset = query_int("offset", 0)
    try:
        query = _filtered()
        total = db.session.scalar(select(func.count()).select_from(query.subquery()))
        query, sort = sorted_by(query, SORTS, "-id")
        rows = db.session.scalars(query.limit(PAGE).offset(offset)).all()
    except DomainError as exc:
        error = exc.message
    vendors = db.session.execute(select(Vendor.id, Vendor.name).order_by(Vendor.name)).all()
    return render(
        "ap/bill_list.html", block="table", status=400 if error else 200, rows=rows,
        total=total, offset=offset, limit=PAGE, sort=sort, error=error, args=request.args,
        vendors=vendors, statuses=BILL_STATUSES, match_statuses=MATCH_STATUSES,
        can_write=may(WRITE),
    )  # fmt: skip
