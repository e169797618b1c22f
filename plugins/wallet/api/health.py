"""/api/v1/wallet/health: each RPC provider's state, head block and lag."""

from __future__ import annotations

from core.api import company_id, describe, require_permission
from plugins.wallet import health, settings
from plugins.wallet.api import bp
from plugins.wallet.api.schemas import REPORT
from plugins.wallet.permissions import READ
from plugins.wallet.rpc import NotConfigured


@bp.get("/wallet/health")
@require_permission(READ)
@describe(tags=("wallet",), response=REPORT)
def wallet_health():
    """Each provider in priority order: chain id (must match the settings), head block,
    latency, lag behind the best head, and its circuit breaker (closed / open / half-open)."""
    expected = settings.current(company_id())["chain_id"]
    try:
        return health.report(expected)
    except NotConfigured as exc:
        return {"status": "unconfigured", "best_head": None, "providers": [], "error": exc.message}
