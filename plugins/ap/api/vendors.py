"""/api/v1/vendors: create, list (search by name), read, change."""

from __future__ import annotations

from flask import request
from sqlalchemy import select

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
    return paginate(
        query.with_only_columns(*plain_columns(Vendor)),
        order_by=(Vendor.name,),
        serialize=s.vendor,
        prepare=lambda rows: plain_objects(Vendor, rows),
    )


record_routes(
    bp, "/vendors", "/vendors/<int:vendor_id>", "vendors",
    load=lambda vendor_id: get_or_404(Vendor, vendor_id, "vendor"), serialize=s.vendor,
    tags=TAGS, response=VENDOR, commit=commit,
    create=RecordRoute(WRITE, "Create a vendor; the same checks as customers (TRN, VAT ids, "
                       "Peppol id, address).", vendors.create, VENDOR_REQUEST),
    read=RecordRoute(READ, "One vendor; ``ETag`` is its version."),
    update=RecordRoute(WRITE, "Change some fields of a vendor (``If-Match``: 409 "
                       "``stale_version`` if it changed).", vendors.update, VENDOR_PATCH),
)  # fmt: skip
