"""How a customer pays: the EIP-681 URI (QR code content) and the public payment page URL."""

from __future__ import annotations

from flask import has_request_context, url_for


def eip681(request) -> str:
    """``ethereum:<token>@<chainId>/transfer?address=<to>&uint256=<units>`` (EIP-681)."""
    units = int(request.amount_units)
    return (
        f"ethereum:{request.token_address}@{request.chain_id}/transfer"
        f"?address={request.address}&uint256={units}"
    )


def pay_url(request) -> str | None:
    if not has_request_context():
        return None
    return url_for("wallet.pay_page", token=request.public_token, _external=True)
