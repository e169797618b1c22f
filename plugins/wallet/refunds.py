"""The refund owed on a PaidOver request under the ``reject`` overpayment policy.

The payments ledger gets only what was due; the excess (``refund_units``) goes back to the
customer on chain. The server never signs: it states the transfer for the offline signer of the
receiving address — to the address the (last) paying transfer came from, in the same token,
with the request's memo — and its EIP-681 URI. Under the ``credit`` policy nothing is owed on
chain: the excess is customer credit in the payments plugin.
"""

from __future__ import annotations

from plugins.wallet import state


def instruction(request) -> dict | None:
    units = int(request.refund_units or 0)
    paid = [p for p in state.counted(request, request.payments)]
    if units <= 0 or not paid:
        return None
    to = max(paid, key=lambda p: (p.block_number, p.log_index)).from_address
    return {
        "from": request.address,
        "to": to,
        "token_address": request.token_address,
        "amount_units": str(units),
        "memo": request.memo,
        "uri": f"ethereum:{request.token_address}@{request.chain_id}/transfer"
        f"?address={to}&uint256={units}",
        "signed": False,
    }
