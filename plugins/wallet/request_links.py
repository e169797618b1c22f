"""Person-to-person request-to-pay links: an EIP-681 URI and its QR code, no invoice."""

from __future__ import annotations

import segno

from core.api import FieldErrors, exact_decimal
from core.api import gettext as _
from plugins.wallet import keys, settings, units


def build(company_id: int, data: dict) -> dict:
    config = settings.current(company_id)
    errors = FieldErrors()
    to = data.get("to_address")
    if not keys.is_address(to):
        errors["to_address"] = _("must be a 0x-prefixed 20-byte hex address")
    amount = exact_decimal(
        data.get("amount"), "amount", errors, _("must be a string"), _("must be a number")
    )
    if amount is not None and amount <= 0:
        errors["amount"] = _("must be positive")
    errors.check()
    count = units.to_units(amount, settings.TOKEN_DECIMALS)  # 422 too_precise
    token = config["token_address"]
    uri = (
        f"ethereum:{token}@{config['chain_id']}/transfer"
        f"?address={keys.checksum(to)}&uint256={count}"
    )
    return {
        "uri": uri,
        "amount_units": str(count),
        "token_address": token,
        "chain_id": config["chain_id"],
        "qr_svg": segno.make(uri, error="m").svg_data_uri(scale=4),
    }
