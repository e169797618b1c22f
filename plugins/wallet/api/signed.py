"""The signed payment payload of a request, and the public endpoint that verifies one."""

from __future__ import annotations

from core.api import Scope, db, describe, get_or_404, json_body, public, require_permission, scoped
from plugins.wallet import payload
from plugins.wallet.api import bp
from plugins.wallet.api.schemas import REPORT, VERIFY
from plugins.wallet.models import PaymentRequest
from plugins.wallet.permissions import READ


@bp.get("/wallet/payment-requests/<int:request_id>/signed")
@require_permission(READ)
@describe(tags=("wallet",), response=REPORT)
def payment_requests_signed(request_id: int):
    """The payload (invoice number and hash, amount, token, address, expiry) signed with the
    company's invoice signing key (RSA-PSS, SHA-256, over canonical JSON)."""
    request = get_or_404(PaymentRequest, request_id, "payment request")
    answer = payload.signed(request)
    db.session.commit()  # the company's signing key may have been created just now
    return answer


@bp.post("/wallet/verify")
@public
@describe(tags=("wallet",), request=VERIFY, response=REPORT)
def wallet_verify():
    """Check a signed payment payload; anyone may ask (no login). Answers ``{"valid": ...}``."""
    body = json_body()
    with scoped(Scope(all_companies=True)):
        return {"valid": payload.verify(body)}
