"""/api/v1/peppol/health: per provider up / degraded / down, circuit, last success and error."""

from __future__ import annotations

from flask import request

from core.api import company_id, describe, require_permission
from plugins.peppol import health
from plugins.peppol.api import bp
from plugins.peppol.permissions import READ


@bp.get("/peppol/health")
@require_permission(READ)
@describe(tags=("peppol",), query={"probe": {"type": "boolean"}})
def peppol_health():
    """Health of each provider account; ``probe=1`` also calls each provider's health check."""
    providers = health.report(company_id(), probe=request.args.get("probe") in ("1", "true"))
    statuses = {p["status"] for p in providers}
    overall = "down" if not providers or statuses == {"down"} else "up"
    if overall == "up" and statuses != {"up"}:
        overall = "degraded"
    return {"status": overall, "providers": providers}
