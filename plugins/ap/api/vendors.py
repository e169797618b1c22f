"""/api/v1/vendors: create, list (search by name), read, change."""

from __future__ import annotations

from flask import request
from sqlalchemy import select

from core.api import (
    create_record,
    describe,
    get_or_404,
    idempotent,
    paginate,
    read_record,
    require_permission,
    update_record,
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
    return create_record(vendors.create, s.vendor, commit)


@bp.get("/vendors/<int:vendor_id>")
@require_permission(READ)
@describe(tags=TAGS, response=VENDOR, versioned=True)
def vendors_read(vendor_id: int):
    """One vendor; ``ETag`` is its version."""
    return read_record(get_or_404(Vendor, vendor_id, "vendor"), s.vendor)


@bp.patch("/vendors/<int:vendor_id>")
@require_permission(WRITE)
@describe(tags=TAGS, request=VENDOR_PATCH, response=VENDOR, versioned=True)
def vendors_update(vendor_id: int):
    """Change some fields of a vendor (``If-Match``: 409 ``stale_version`` if it changed)."""
    vendor = get_or_404(Vendor, vendor_id, "vendor")
    return update_record(vendor, s.vendor, vendors.update, commit)
