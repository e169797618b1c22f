"""/api/v1/customers"""

from __future__ import annotations

from flask import request
from sqlalchemy import func, or_, select

from core.api import (
    check_version,
    company_id,
    db,
    describe,
    get_or_404,
    if_match,
    json_body,
    paginate,
    require_permission,
    with_etag,
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
    customer = customers.create(company_id(), json_body())
    commit()
    return s.customer(customer), 201


@bp.get("/customers/<int:customer_id>")
@require_permission(CUSTOMER_READ)
@describe(tags=TAGS, versioned=True)
def customers_read(customer_id: int):
    """One customer; ``ETag`` is its version."""
    customer = get_or_404(Customer, customer_id)
    return with_etag(s.customer(customer), customer)


@bp.patch("/customers/<int:customer_id>")
@require_permission(CUSTOMER_WRITE)
@describe(tags=TAGS, request=CUSTOMER_PATCH, versioned=True)
def customers_update(customer_id: int):
    """Change some fields of a customer (``If-Match``: 409 ``stale_version`` if it changed)."""
    customer = get_or_404(Customer, customer_id)
    check_version(customer, if_match(), s.customer)
    customers.update(customer, json_body())
    commit()
    db.session.refresh(customer)
    return with_etag(s.customer(customer), customer)
