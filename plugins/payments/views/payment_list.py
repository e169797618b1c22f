"""/payments/: payments and reversals with filters, newest first, paged in a stable order.

The filters are the API's own (``filtered_query``), so the page and the API list the same rows;
"Include archived" reads the live+archive view, as ``include_archived=1`` does in the API.
One page costs a COUNT, the page's rows (allocations in one more query) and one query for the
customer names: never a query per row.
"""

from __future__ import annotations

from flask import request
from flask_login import login_required
from sqlalchemy import func, select

from core.api import DomainError, db, is_htmx, render, require
from plugins.invoicing.public import Customer
from plugins.payments.api.payments import filtered_query
from plugins.payments.archive.models import PaymentAny
from plugins.payments.forms import method_label
from plugins.payments.models import POSTED, REVERSED, Payment
from plugins.payments.permissions import READ
from plugins.payments.services import methods
from plugins.payments.views import bp
from plugins.payments.views.common import customer_names
from plugins.payments.views.paging import PAGE_SIZE, window


def include_archived() -> bool:
    return request.args.get("include_archived") in ("1", "true")


def _page(limit: int, offset: int):
    model = PaymentAny if include_archived() else Payment
    query = filtered_query(model)
    total = db.session.scalar(select(func.count()).select_from(query.order_by(None).subquery()))
    order = (model.date.desc(), model.id.desc())
    rows = db.session.scalars(query.order_by(*order).limit(limit).offset(offset)).all()
    return total, rows


@bp.get("/")
@login_required
def payment_list():
    require(READ)
    error, total, rows, limit, offset = None, 0, [], PAGE_SIZE, 0
    try:
        limit, offset = window()
        total, rows = _page(limit, offset)
    except DomainError as exc:
        error = exc.message
    customers = (
        []
        if is_htmx()
        else db.session.execute(select(Customer.id, Customer.name).order_by(Customer.name)).all()
    )
    return render(
        "payments/payment_list.html",
        block="table",
        status=400 if error else 200,
        rows=rows,
        names=customer_names(p.customer_id for p in rows),
        total=total,
        limit=limit,
        offset=offset,
        error=error,
        args=request.args,
        include_archived=include_archived(),
        customers=customers,
        methods=methods.allowed(),
        statuses=(POSTED, REVERSED),
        method_label=method_label,
    )
