"""A circuit breaker per provider account, kept on its row so every worker shares it.

closed: calls go through. After ``PEPPOL_CIRCUIT_THRESHOLD`` consecutive failures it opens:
calls skip the provider. After ``PEPPOL_CIRCUIT_COOLDOWN_SECONDS`` it is half-open: one call
(claimed by a conditional UPDATE, so only one worker makes it) decides: success closes it,
failure re-opens it for another cool-down.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import update

from core.api import db, utcnow
from plugins.peppol.models import ProviderAccount

CLOSED, OPEN, HALF_OPEN = "closed", "open", "half_open"


def _cooldown() -> timedelta:
    return timedelta(seconds=float(current_app.config["PEPPOL_CIRCUIT_COOLDOWN_SECONDS"]))


def state_of(opened_at: datetime | None, now: datetime | None = None) -> str:
    if opened_at is None:
        return CLOSED
    return HALF_OPEN if (now or utcnow()) - opened_at >= _cooldown() else OPEN


def try_pass(account_id: int, opened_at: datetime | None) -> bool:
    """May a call go to this provider now? Claims the single half-open trial call."""
    state = state_of(opened_at)
    if state == CLOSED:
        return True
    if state == OPEN:
        return False
    now = utcnow()
    claimed = db.session.execute(  # the first caller moves the mark; the others see it fresh
        update(ProviderAccount)
        .where(
            ProviderAccount.id == account_id,
            ProviderAccount.circuit_opened_at <= now - _cooldown(),
        )
        .values(circuit_opened_at=now)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    return claimed.rowcount == 1


def record_success(account_id: int, latency_ms: int) -> None:
    db.session.execute(
        update(ProviderAccount)
        .where(ProviderAccount.id == account_id)
        .values(
            consecutive_failures=0,
            circuit_opened_at=None,
            last_success_at=utcnow(),
            last_latency_ms=latency_ms,
        )
        .execution_options(synchronize_session=False)
    )


def record_failure(account_id: int, error: str, latency_ms: int | None) -> None:
    now = utcnow()
    threshold = int(current_app.config["PEPPOL_CIRCUIT_THRESHOLD"])
    db.session.execute(
        update(ProviderAccount)
        .where(ProviderAccount.id == account_id)
        .values(
            consecutive_failures=ProviderAccount.consecutive_failures + 1,
            last_error=error[:2000],
            last_error_at=now,
            last_latency_ms=latency_ms,
        )
        .execution_options(synchronize_session=False)
    )
    # Opens once the count reaches the threshold; a failed half-open trial restarts the wait.
    db.session.execute(
        update(ProviderAccount)
        .where(
            ProviderAccount.id == account_id,
            ProviderAccount.consecutive_failures >= threshold,
        )
        .values(circuit_opened_at=now)
        .execution_options(synchronize_session=False)
    )
