"""Destroying a request's wallet: its address stops being watched, with an audit entry.

Nothing is ever signed here. For an HD address the sweep instruction (derivation index,
token, on-chain balance) is handed to an offline signer; a virtual address holds nothing.
"""

from __future__ import annotations

from core.api import ApiError, DomainEvent, publish, utcnow
from core.api import gettext as _
from plugins.wallet import chain, transitions
from plugins.wallet.models import HD
from plugins.wallet.rpc import NoProvider, NotConfigured, RpcError


def destroy(request) -> dict | None:
    request = transitions.lock(request.id)
    if request.destroyed_at is not None:
        raise ApiError(409, "already_destroyed", _("This payment request is no longer watched."))
    request.destroyed_at = utcnow()
    sweep = sweep_instruction(request)
    data = {"address": request.address, "invoice_id": request.invoice_id, "sweep": sweep}
    publish(
        DomainEvent(
            "wallet_destroyed", "wallet_payment_request", request.id, request.company_id, data
        )
    )
    return sweep


def sweep_instruction(request) -> dict | None:
    if request.mode != HD:
        return None  # TIP-1022: the master received the funds, there is nothing to sweep
    try:
        balance = chain.balances(chain.client(), request.token_address, [request.address])
        units = str(balance[request.address])
    except (NoProvider, NotConfigured, RpcError):
        units = None  # the chain is unreachable: the signer checks the balance itself
    return {
        "derivation_path": f"0/{request.derivation_index}",
        "index": request.derivation_index,
        "address": request.address,
        "token_address": request.token_address,
        "chain_id": request.chain_id,
        "balance_units": units,
    }
