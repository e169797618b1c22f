"""The inbox schedule: each company's local time (default 02:00 Asia/Dubai), once a day."""

from datetime import datetime

from plugins.peppol.inbox.schedule import due_since
from plugins.peppol.models import Settings


def test_due_after_the_local_run_time_once_a_day():
    s = Settings(inbox_time="02:00", timezone="Asia/Dubai")  # UTC+4: 02:00 is 22:00 UTC
    assert due_since(s, datetime(2026, 3, 1, 21, 59)) is None
    run = due_since(s, datetime(2026, 3, 1, 22, 5))
    assert run == datetime(2026, 3, 1, 22, 0)
    s.last_scheduled_run = datetime(2026, 3, 1, 22, 5)
    assert due_since(s, datetime(2026, 3, 1, 23, 0)) is None
    assert due_since(s, datetime(2026, 3, 2, 22, 1)) == datetime(2026, 3, 2, 22, 0)


def test_the_tick_starts_each_due_company_once(api, company, mock_account):
    from core.api import db, enqueue_job
    from plugins.invoicing.tests.helpers import raw_sql

    raw_sql(
        "INSERT INTO peppol_settings (company_id, inbox_enabled, inbox_time, timezone) "
        "VALUES (:c, :e, '00:00', 'UTC')",
        c=company.id,
        e=True,
    )
    first = enqueue_job("peppol.inbox_tick", {}, company_id=None, user_id=None)
    db.session.refresh(first)
    assert first.result == {"started": 1}
    second = enqueue_job("peppol.inbox_tick", {}, company_id=None, user_id=None)
    db.session.refresh(second)
    assert second.result == {"started": 0}


def test_settings_api(api, mock_account):
    assert api.get("/api/v1/peppol/settings").get_json() == {
        "inbox_enabled": True,
        "inbox_time": "02:00",
        "timezone": "Asia/Dubai",
        "forward_provider_id": None,
    }
    changed = api.patch(
        "/api/v1/peppol/settings", json={"inbox_time": "06:30", "timezone": "Europe/Brussels"}
    )
    assert changed.get_json()["inbox_time"] == "06:30"
    bad = api.patch(
        "/api/v1/peppol/settings",
        json={"inbox_time": "25:00", "timezone": "Mars/Base", "forward_provider_id": 999},
    )
    assert bad.status_code == 422
    assert set(bad.get_json()["error"]["details"]["fields"]) == {
        "inbox_time",
        "timezone",
        "forward_provider_id",
    }
