"""/api/v1/wallet/reconcile: on-chain balances and a block re-scan vs the ledger."""

from __future__ import annotations

from core.api import FieldErrors, company_id, describe, json_body, require_permission
from core.api import gettext as _
from plugins.wallet import reconcile
from plugins.wallet.api import bp
from plugins.wallet.api.schemas import RECONCILE, REPORT
from plugins.wallet.permissions import ADMINISTER


def _block(body: dict, name: str, errors: FieldErrors) -> int | None:
    value = body.get(name)
    if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
        errors[name] = _("must be a block number")
        return None
    return value


@bp.post("/wallet/reconcile")
@require_permission(ADMINISTER)
@describe(tags=("wallet",), request=RECONCILE, response=REPORT, body_required=False)
def wallet_reconcile():
    """Compare ``balanceOf`` of each HD address with the ledger, and re-scan blocks
    ``from_block``..``to_block`` (default: 0 to the watcher's cursor) against the recorded
    payments. Differences are listed, never corrected."""
    body = json_body(required=False)
    errors = FieldErrors()
    start, end = _block(body, "from_block", errors), _block(body, "to_block", errors)
    errors.check()
    return reconcile.run(company_id(), start, end)
