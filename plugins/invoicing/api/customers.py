"""/api/v1/customers"""

from __future__ import annotations

from flask import request
from sqlalchemy import func, or_, select

from core.api import (
    create_record,
    describe,
    get_or_404,
    paginate,
    read_record,
    require_permission,
    update_record,
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
    return paginate(query, order_by=(Customer.name,), serialize=s.customer)


@bp.post("/customers")
@require_permission(CUSTOMER_WRITE)
@describe(tags=TAGS, status=201, request=CUSTOMER_CREATE)
def customers_create():
    """Create a customer (send an ``Idempotency-Key`` to make retries safe)."""
    return create_record(customers.create, s.customer, commit)


@bp.get("/customers/<int:customer_id>")
@require_permission(CUSTOMER_READ)
@describe(tags=TAGS, versioned=True)
def customers_read(customer_id: int):
    """One customer; ``ETag`` is its version."""
    return read_record(get_or_404(Customer, customer_id), s.customer)


@bp.patch("/customers/<int:customer_id>")
@require_permission(CUSTOMER_WRITE)
@describe(tags=TAGS, request=CUSTOMER_PATCH, versioned=True)
def customers_update(customer_id: int):
    """Change some fields of a customer (``If-Match``: 409 ``stale_version`` if it changed)."""
    customer = get_or_404(Customer, customer_id)
    return update_record(customer, s.customer, customers.update, commit)
