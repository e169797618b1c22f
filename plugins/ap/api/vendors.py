"""/api/v1/vendors: create, list (search by name), read, change."""

from __future__ import annotations

from flask import request
from sqlalchemy import select

from core.api import (
    check_version,
    company_id,
    describe,
    get_or_404,
    idempotent,
    if_match,
    json_body,
    paginate,
    require_permission,
    with_etag,
)
from plugins.ap.api import bp
from plugins.ap.api import serialize as s
from plugins.ap.api.common import commit
from plugins.ap.api.schemas import VENDOR, VENDOR_PATCH, VENDOR_REQUEST
from plugins.ap.models import Vendor
from plugins.ap.permissions import READ, WRITE
from plugins.ap.services import vendors

TAGS = ("ap",)


@bp.get("/vendors")
@require_permission(READ)
@describe(tags=TAGS, paginated=True, response=VENDOR, query={"q": {"type": "string"}})
def vendors_list():
    """List vendors by name; ``q`` searches the name, TRN and Peppol id."""
    query = select(Vendor)
    if q := request.args.get("q", "").strip():
        like = f"%{q}%"
        query = query.where(
            Vendor.name.ilike(like) | Vendor.trn.ilike(like) | Vendor.peppol_id.ilike(like)
        )
    return paginate(query, order_by=(Vendor.name,), serialize=s.vendor)


@bp.post("/vendors")
@require_permission(WRITE)
@idempotent
@describe(tags=TAGS, status=201, request=VENDOR_REQUEST, response=VENDOR)
def vendors_create():
    """Create a vendor; the same checks as customers (TRN, VAT ids, Peppol id, address)."""
    vendor = vendors.create(company_id(), json_body())
    commit()
    return s.vendor(vendor), 201


@bp.get("/vendors/<int:vendor_id>")
@require_permission(READ)
@describe(tags=TAGS, response=VENDOR, versioned=True)
def vendors_read(vendor_id: int):
    """One vendor; ``ETag`` is its version."""
    vendor = get_or_404(Vendor, vendor_id, "vendor")
    return with_etag(s.vendor(vendor), vendor)


@bp.patch("/vendors/<int:vendor_id>")
@require_permission(WRITE)
@describe(tags=TAGS, request=VENDOR_PATCH, response=VENDOR, versioned=True)
def vendors_update(vendor_id: int):
    """Change some fields of a vendor (``If-Match``: 409 ``stale_version`` if it changed)."""
    vendor = get_or_404(Vendor, vendor_id, "vendor")
    check_version(vendor, if_match(), s.vendor)
    vendors.update(vendor, json_body())
    commit()
    return with_etag(s.vendor(vendor), vendor)
