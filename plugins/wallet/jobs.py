"""Background jobs: the watcher pass (scheduled every minute when a chain is configured),
bulk payment requests, reconciliation."""

from __future__ import annotations

import os

from core.api import MAX_ID, JobParamsInvalid, validates_params


def scan(ctx, **params):
    from plugins.wallet import watcher

    report = watcher.run()
    ctx.set_total(1)
    ctx.advance(ok=1)
    return report.as_json()


def check_bulk(params: dict) -> dict:
    """The bulk API's rules for every caller of the job: 1 to 5000 invoice ids, an address."""
    from plugins.wallet import bulk, keys

    ids = params.get("invoice_ids")
    if not isinstance(ids, list) or not 0 < len(ids) <= bulk.MAX_INVOICES:
        raise JobParamsInvalid({"invoice_ids": f"must be a list of 1 to {bulk.MAX_INVOICES} ids"})
    if not all(isinstance(i, int) and not isinstance(i, bool) and 0 < i <= MAX_ID for i in ids):
        raise JobParamsInvalid({"invoice_ids": "must be positive whole numbers"})
    token = params.get("token_address")
    if token is not None and not keys.is_address(token):
        raise JobParamsInvalid({"token_address": "must be a 0x-prefixed 20-byte hex address"})
    return {**params, "invoice_ids": list(dict.fromkeys(ids))}


def check_blocks(params: dict) -> dict:
    for name in ("from_block", "to_block"):
        value = params.get(name)
        if value is not None and (
            isinstance(value, bool) or not isinstance(value, int) or value < 0
        ):
            raise JobParamsInvalid({name: "must be a block number"})
    return params


@validates_params(check_bulk)
def bulk_requests(ctx, invoice_ids, token_address=None):
    from plugins.wallet import bulk

    return bulk.run(ctx, invoice_ids, token_address)


@validates_params(check_blocks)
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
