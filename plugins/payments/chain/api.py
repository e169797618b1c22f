"""/api/v1/payments/chain/verify: recompute the company's payments hash chain."""

from __future__ import annotations

from core.api import company_id, describe, require_permission
from plugins.payments.api import bp
from plugins.payments.chain import verify as chain_verify
from plugins.payments.permissions import ADMINISTER

TAGS = ("payments",)
REPORT = {
    "type": "object",
    "properties": {
        "ok": {"type": "boolean"},
        "checked": {"type": "integer"},
        "head_hash": {"type": ["string", "null"]},
        "broken_at": {"type": ["object", "null"]},
    },
}


@bp.get("/payments/chain/verify")
@require_permission(ADMINISTER)
@describe(tags=TAGS, response=REPORT)
def payments_chain_verify():
    """Recompute the company's payments hash chain; ``broken_at`` names the first entry (and
    its record) that does not match, ``ok`` is true when every entry holds."""
    return chain_verify.verify(company_id()).as_dict()
