"""Settings of the wallet plugin (environment: ``LEDGERLINE_WALLET_*``)."""

from __future__ import annotations


def defaults() -> dict:
    return {
        # RPC providers in priority order (comma-separated in LEDGERLINE_WALLET_RPC_URLS).
        "WALLET_RPC_URLS": "",
        "WALLET_RPC_TIMEOUT": 5.0,
        # Blocks behind the head whose hashes are re-checked for reorgs on every pass.
        "WALLET_REORG_WINDOW": 64,
        # The first pass on a chain starts here (0 = genesis; on a real network: today's block).
        "WALLET_START_BLOCK": 0,
    }
