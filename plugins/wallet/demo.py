"""Demo data: Acme's wallet watches a local anvil chain (``make chain``) in HD mode.

The xpub is ``m/44'/60'/1'`` of anvil's public test mnemonic: a development key whose private
half everybody knows — never for real funds.
"""

from __future__ import annotations

from plugins.wallet import settings

DEMO_XPUB = "xpub6Ce9NcJvTk372KjsGfWqbcex5DumjpNquQLApoeQUavSCjEc823BV1tb4rXUuPuht8h2hSxkg2EXUaKUJmniJvRZAELxypsCzBFdtosmV76"  # noqa: E501
ALPHA_USD = "0x20C0000000000000000000000000000000000001"


def seed(company) -> bool:
    """Configure the demo wallet once; False when the company has settings already."""
    if company.name != "Acme Trading LLC" or settings.row(company.id) is not None:
        return False
    changes = {"xpub": DEMO_XPUB, "chain_id": 31337, "token_address": ALPHA_USD}
    settings.update(company.id, {**changes, "exchange_rates": {"AED": "0.272294"}})
    return True
