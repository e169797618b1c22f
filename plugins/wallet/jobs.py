"""Background jobs: the scheduled watcher pass."""

from __future__ import annotations


def scan(ctx, **params):
    from plugins.wallet import watcher

    report = watcher.run()
    ctx.set_total(1)
    ctx.advance(ok=1)
    return report.as_json()


JOBS = {"wallet.scan": scan}
SCHEDULES = {"wallet.scan": {"minute": "*"}}
