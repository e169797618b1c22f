"""Failed sign-in budgets per account and per MFA challenge, kept in the database.

Flask-Limiter's per-address limit lives in each process's memory (or Redis when configured);
these budgets are rows of ``core_auth_throttle`` so that every web process, however many,
counts against the same one. A fixed window: the first failure opens it, ``amount`` failures
inside it block the key until it ends. A success clears the account's count.
"""

from __future__ import annotations

from datetime import timedelta

from flask import current_app
from limits import parse
from sqlalchemy import case, delete
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from core.db import db
from core.models import AuthThrottle
from core.timeutil import utcnow


def _limit(setting: str) -> tuple[int, timedelta]:
    item = parse(current_app.config[setting])
    return item.amount, timedelta(seconds=item.get_expiry())


def account_key(email: str) -> str:
    return "account:" + (email or "").strip().lower()[:254]


def challenge_key(challenge_id: str) -> str:
    return f"mfa:{challenge_id}"


def blocked(key: str, setting: str) -> bool:
    amount, window = _limit(setting)
    row = db.session.get(AuthThrottle, key, populate_existing=True)
    return row is not None and row.window_start > utcnow() - window and row.failures >= amount


def retry_after(setting: str) -> int:
    """Seconds to tell a blocked client (the whole window: the row may be refreshed)."""
    return int(_limit(setting)[1].total_seconds())


def fail(key: str, setting: str) -> None:
    """Count one failure, atomically (concurrent failures all count); commits."""
    _, window = _limit(setting)
    now = utcnow()
    expired = AuthThrottle.window_start <= now - window
    dialect = db.session.get_bind().dialect.name
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    statement = insert(AuthThrottle).values(key=key, window_start=now, failures=1)
    db.session.execute(
        statement.on_conflict_do_update(
            index_elements=["key"],
            set_={
                "failures": case((expired, 1), else_=AuthThrottle.failures + 1),
                "window_start": case((expired, now), else_=AuthThrottle.window_start),
            },
        )
    )
    purge()  # counters of windows long over: the table holds about a day of failures
    db.session.commit()


def clear(key: str) -> None:
    db.session.execute(delete(AuthThrottle).where(AuthThrottle.key == key))


def purge() -> int:
    """Drop rows whose window began more than a day ago; returns how many."""
    oldest = utcnow() - timedelta(days=1)
    expired = delete(AuthThrottle).where(AuthThrottle.window_start < oldest)
    return db.session.execute(expired).rowcount
