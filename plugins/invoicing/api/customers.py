"""/api/v1/customers"""

from __future__ import annotations

from flask import request
from sqlalchemy import func, or_, select

from core.api import (
    RecordRoute,
    describe,
    get_or_404,
    paginate,
    plain_columns,
    plain_objects,
    record_routes,
    require_permission,
)
from plugins.invoicing.api import bp
from plugins.invoicing.api import serialize as s
from plugins.invoicing.api.common import commit
from plugins.invoicing.api.schemas import CUSTOMER_CREATE, CUSTOMER_PATCH
from plugins.invoicing.models import Customer
from plugins.invoicing.permissions import CUSTOMER_READ, CUSTOMER_WRITE
from plugins.invoicing.services import customers

TAGS = ("invoicing",)


@bp.get("/customers")
@require_permission(CUSTOMER_READ)
@describe(tags=TAGS, paginated=True, query={"q": {"type": "string"}})
def customers_list():
    """List customers, optionally searching the name (``q``)."""
    query = select(Customer)
    q = request.args.get("q", "").strip()
    if q:
        like = f"%{q.lower()}%"
        query = query.where(or_(func.lower(Customer.name).like(like), Customer.trn.like(like)))
    return paginate(
        query.with_only_columns(*plain_columns(Customer)),
        order_by=(Customer.name,),
        serialize=s.customer,
        prepare=lambda rows: plain_objects(Customer, rows),
    )


record_routes(
    bp, "/customers", "/customers/<int:customer_id>", "customers",
    load=lambda customer_id: get_or_404(Customer, customer_id), serialize=s.customer,
    tags=TAGS, commit=commit,
    create=RecordRoute(CUSTOMER_WRITE, "Create a customer (send an ``Idempotency-Key`` to make "
                       "retries safe).", customers.create, CUSTOMER_CREATE),
    read=RecordRoute(CUSTOMER_READ, "One customer; ``ETag`` is its version."),
    update=RecordRoute(CUSTOMER_WRITE, "Change some fields of a customer (``If-Match``: 409 "
                       "``stale_version`` if it changed).", customers.update, CUSTOMER_PATCH),
)  # fmt: skip
