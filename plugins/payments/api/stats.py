"""GET /api/v1/payments/stats: totals, counts and storage used, for admins."""

from __future__ import annotations

from core.api import ApiError, company_id, describe, query_choice, query_date, require_permission
from core.api import gettext as _
from plugins.payments import stats
from plugins.payments.api import bp
from plugins.payments.api.serialize import amount
from plugins.payments.permissions import ADMINISTER


def _rows(rows: list[dict], name: str) -> list[dict]:
    return [{name: r["key"], "total": amount(r["total"]), "count": r["count"]} for r in rows]


@bp.get("/payments/stats")
@require_permission(ADMINISTER)
@describe(
    tags=("payments",),
    query={"period": {"type": "string", "enum": list(stats.PERIODS)},
           "from": {"type": "string", "format": "date"},
           "to": {"type": "string", "format": "date"}},
)  # fmt: skip
def payments_stats():
    """Payment totals by period (``period=month|day``, ``from``, ``to``), method and status;
    counts of payments, reversals, archived rows and refunds; rows and bytes per table."""
    period = query_choice("period", stats.PERIODS) or "month"
    start, end = query_date("from"), query_date("to")
    if start and end and start > end:
        raise ApiError(
            400, "invalid_parameter", _("from must not be after to."), {"from": str(start)}
        )
    cid = company_id()
    found = stats.totals(cid, period, start, end)
    return {
        "period": period,
        "from": start.isoformat() if start else None,
        "to": end.isoformat() if end else None,
        "by_period": _rows(found["by_period"], "period"),
        "by_method": _rows(found["by_method"], "method"),
        "by_status": _rows(found["by_status"], "status"),
        "counts": stats.counts(cid),
        "storage": stats.storage(cid),
    }
