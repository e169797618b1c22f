"""Which Huey storage the app uses, from ``JOBS_BACKEND``."""

from __future__ import annotations

from pathlib import Path

from huey import MemoryHuey, RedisExpireHuey, SqliteHuey

QUEUE_NAME = "ledgerline"


def make_huey(app):
    backend = app.config.get("JOBS_BACKEND") or "sqlite"
    # Job outcomes live in core_job; Huey's own result store would only grow.
    if backend == "sqlite":
        path = app.config.get("JOBS_SQLITE_PATH") or str(Path(app.instance_path) / "jobs.sqlite")
        return SqliteHuey(name=QUEUE_NAME, filename=path, results=False)
    if backend == "redis":
        url = app.config.get("JOBS_REDIS_URL")
        if not url:
            raise RuntimeError(
                "JOBS_BACKEND is 'redis' but JOBS_REDIS_URL is not set "
                "(e.g. LEDGERLINE_JOBS_REDIS_URL=redis://127.0.0.1:6379/0)"
            )
        # The expiring storage: scheduled jobs claim their due minute with a key that expires
        # (core.jobs.periodic); the queue itself is the same as RedisHuey's.
        return RedisExpireHuey(name=QUEUE_NAME, url=url, results=False)
    if backend == "immediate":
        return MemoryHuey(name=QUEUE_NAME, results=False, immediate=True)
    raise RuntimeError(f"JOBS_BACKEND must be 'sqlite', 'redis' or 'immediate', not {backend!r}")


def describe(app) -> str:
    backend = app.config.get("JOBS_BACKEND") or "sqlite"
    huey = app.extensions["ledgerline.huey"]
    if backend == "sqlite":
        return f"sqlite ({huey.storage.filename})"
    return backend
