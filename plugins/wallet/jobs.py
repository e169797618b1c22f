"""Background jobs: the scheduled watcher pass."""

from __future__ import annotations


def scan(ctx, **params):
    from plugins.wallet import watcher

    report = watcher.run()
    ctx.set_total(1)
    ctx.advance(ok=1)
    return report.as_json()


def bulk_requests(ctx, invoice_ids, token_address=None):
    from plugins.wallet import bulk

    return bulk.run(ctx, invoice_ids, token_address)


JOBS = {"wallet.scan": scan, "wallet.bulk_requests": bulk_requests}
SCHEDULES = {"wallet.scan": {"minute": "*"}}
