"""/peppol/health: the same data as GET /api/v1/peppol/health."""

from __future__ import annotations

from flask import request
from flask_login import login_required

from core.api import company_id, render, require
from plugins.peppol import health
from plugins.peppol.permissions import READ
from plugins.peppol.views import bp


@bp.get("/health", endpoint="health")
@login_required
def health_view():
    require(READ)
    probe = request.args.get("probe") == "1"
    return render(
        "peppol/health.html", providers=health.report(company_id(), probe=probe), probe=probe
    )
