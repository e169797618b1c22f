"""Background jobs: the watcher pass (scheduled every minute when a chain is configured),
bulk payment requests, reconciliation."""

from __future__ import annotations

import os


def scan(ctx, **params):
    from plugins.wallet import watcher

    report = watcher.run()
    ctx.set_total(1)
    ctx.advance(ok=1)
    return report.as_json()


def bulk_requests(ctx, invoice_ids, token_address=None):
    from plugins.wallet import bulk

    return bulk.run(ctx, invoice_ids, token_address)


def reconcile(ctx, from_block=None, to_block=None):
    from plugins.wallet import reconcile as reserve

    ctx.set_total(1)
    report = reserve.run(ctx.company_id, from_block, to_block)
    ctx.advance(ok=1)
    return report


JOBS = {
    "wallet.scan": scan,
    "wallet.bulk_requests": bulk_requests,
    "wallet.reconcile": reconcile,
}


def schedules() -> dict:
    """Every minute, when the worker's environment names RPC providers. (Schedules are read
    while the job queue is set up, before any app config exists: the environment decides.)"""
    if os.environ.get("LEDGERLINE_WALLET_RPC_URLS"):
        return {"wallet.scan": {"minute": "*"}}
    return {}
