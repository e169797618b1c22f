"""The inbox schedule: each company's run at its own local time (default 02:00, Asia/Dubai).

The worker runs ``peppol.inbox_tick`` every 15 minutes; the tick starts a company's inbox job
once its local run time has passed today and no scheduled run started since then.
"""

from __future__ import annotations

from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

from sqlalchemy import select

from core.api import Company, db, enqueue_job, utcnow
from plugins.peppol.models import ProviderAccount, Settings

TICK_JOB = "peppol.inbox_tick"


def settings_for(company_id: int) -> Settings:
    found = db.session.scalar(select(Settings).where(Settings.company_id == company_id))
    if found is None:
        company = db.session.get(Company, company_id)
        zone = "Asia/Dubai" if (company.country or "AE") == "AE" else "UTC"
        found = Settings(company_id=company_id, timezone=zone)
        db.session.add(found)
        db.session.flush()
    return found


def due_since(settings: Settings, now_utc: datetime) -> datetime | None:
    """Today's run time in UTC (naive) if it has passed and has not run yet, else None."""
    zone = ZoneInfo(settings.timezone or "UTC")
    local_now = now_utc.replace(tzinfo=UTC).astimezone(zone)
    hour, minute = (int(x) for x in (settings.inbox_time or "02:00").split(":"))
    run_at = datetime.combine(local_now.date(), time(hour, minute), zone)
    run_utc = run_at.astimezone(UTC).replace(tzinfo=None)
    if now_utc < run_utc:
        return None
    if settings.last_scheduled_run and settings.last_scheduled_run >= run_utc:
        return None
    return run_utc


def inbox_tick(ctx) -> dict:
    from plugins.peppol.inbox.run import FETCH_JOB

    started = 0
    companies = db.session.scalars(select(ProviderAccount.company_id).distinct()).all()
    now = utcnow()
    for company_id in companies:
        settings = settings_for(company_id)
        if not settings.inbox_enabled or due_since(settings, now) is None:
            continue
        settings.last_scheduled_run = now
        db.session.commit()
        enqueue_job(FETCH_JOB, {}, company_id=company_id, user_id=None, type="scheduled")
        started += 1
    db.session.commit()
    return {"started": started}
