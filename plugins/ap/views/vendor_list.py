"""/ap/vendors: vendors with search; those created by an import are marked."""

from __future__ import annotations

from flask import request
from flask_login import login_required
from sqlalchemy import select

from core.api import db, render, require
from plugins.ap.models import Vendor
from plugins.ap.permissions import READ, WRITE
from plugins.ap.views import bp


@bp.get("/vendors")
@login_required
def vendor_list():
    require(READ)
    query = select(Vendor).order_by(Vendor.name, Vendor.id)
    if q := request.args.get("q", "").strip():
        like = f"%{q}%"
        query = query.where(
            Vendor.name.ilike(like) | Vendor.trn.ilike(like) | Vendor.peppol_id.ilike(like)
        )
    rows = db.session.scalars(query.limit(200)).all()
    return render(
        "ap/vendor_list.html", block="table", rows=rows, args=request.args, edit_permission=WRITE
    )
