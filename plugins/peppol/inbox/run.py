"""``peppol.inbox_fetch``: one run over every inbox-capable provider account of a company.

Totals (fetched, imported, duplicates, invalid, failed) become the job's result; per-document
problems its error list. An unexpected exception fails the run: whatever was committed stays,
unacknowledged messages come back next time and the hash check keeps them from doubling.
"""

from __future__ import annotations

from core.api import db
from plugins.peppol import accounts, notify
from plugins.peppol.errors import ProviderError
from plugins.peppol.inbox.process import process
from plugins.peppol.providers.registry import adapter_for

FETCH_JOB = "peppol.inbox_fetch"
TOTALS = ("fetched", "imported", "duplicates", "invalid", "failed")


def fetch_inbox(ctx) -> dict:
    totals = dict.fromkeys(TOTALS, 0)
    try:
        for account in accounts.ordered(ctx.company_id, "inbox"):
            _drain(ctx, account, totals)
    except Exception:
        db.session.rollback()
        notify.job_finished(ctx.company_id, ctx.job_id, FETCH_JOB, False, totals)
        raise
    ctx.flush()
    notify.job_finished(ctx.company_id, ctx.job_id, FETCH_JOB, True, totals)
    return totals


def _drain(ctx, account, totals: dict) -> None:
    adapter, name, account_id = adapter_for(account), account.name, account.id
    db.session.commit()  # no transaction open during the call
    try:
        messages = adapter.fetch_inbox()
    except ProviderError as exc:
        totals["failed"] += 1
        ctx.add_error(f"{name}: inbox not fetched: {exc.message}")
        return
    ctx.set_total(ctx.job.total + len(messages))
    for message in messages:
        totals["fetched"] += 1
        outcome, error = process(ctx.company_id, account_id, adapter, message, ctx.job_id)
        totals[outcome] += 1
        ok = outcome in ("imported", "duplicates")
        ctx.advance(ok=int(ok), failed=int(not ok), error=error and f"{name}: {error}")
