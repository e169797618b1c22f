"""Payroll batches (unsigned, for an external signer) and person-to-person request links."""

from __future__ import annotations

from core.api import company_id, describe, json_body, require_permission
from plugins.wallet import payroll, request_links
from plugins.wallet.api import bp
from plugins.wallet.api.schemas import PAYROLL, REPORT, REQUEST_LINK
from plugins.wallet.permissions import ADMINISTER, WRITE


@bp.post("/wallet/payroll-batches")
@require_permission(ADMINISTER)
@describe(tags=("wallet",), request=PAYROLL, response=REPORT)
def wallet_payroll_batch():
    """Build one Tempo batch transaction (type 0x76) paying ``payees``
    (``[{address, amount, memo?}]``) with ``transferWithMemo`` calls, from ``from`` (default:
    the company's master address). Returned unsigned for an external signer — ``transaction``
    holds the nonce, fees, gas limit, the unsigned encoding and the hash to sign: the server
    holds no key."""
    body = json_body()
    return payroll.build(
        company_id(), body.get("payees"), body.get("token_address"), body.get("from")
    )


@bp.post("/wallet/request-links")
@require_permission(WRITE)
@describe(tags=("wallet",), request=REQUEST_LINK, response=REPORT)
def wallet_request_link():
    """A request-to-pay link (EIP-681 URI and QR code) for ``amount`` to ``to_address``."""
    return request_links.build(company_id(), json_body())
