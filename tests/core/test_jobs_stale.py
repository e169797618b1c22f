"""A job left "running" by a dead worker does not stay running forever.

Progress writes a heartbeat; a running job silent for JOBS_STALE_MINUTES is marked failed
with "worker stopped while running", by a starting worker and by the hourly scheduled job.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from datetime import timedelta

import pytest

from tests.support import forkserver


@pytest.fixture
def jobs(app, make_company, make_user):
    """A silent running job, a busy one, an old pending one and a finished one."""
    from core.db import db
    from core.models import Job
    from core.timeutil import utcnow

    company = make_company()
    user = make_user(company=company)
    now = utcnow()

    def job(status, started=None, heartbeat=None):
        row = Job(name="core.demo_count", company_id=company.id, user_id=user.id, status=status)
        row.started_at = now - timedelta(minutes=started) if started is not None else None
        row.heartbeat_at = now - timedelta(minutes=heartbeat) if heartbeat is not None else None
        db.session.add(row)
        return row

    rows = {
        "silent": job("running", started=60, heartbeat=20),
        "never_beat": job("running", started=30),
        "busy": job("running", started=60, heartbeat=1),
        "pending": job("pending"),
        "done": job("completed", started=60, heartbeat=50),
    }
    db.session.commit()
    ids = {key: row.id for key, row in rows.items()}
    user_id = user.id
    db.session.remove()
    return ids, user_id


def states(ids: dict) -> dict:
    from core.db import db
    from core.models import Job

    db.session.expire_all()
    return {
        key: (db.session.get(Job, i).status, db.session.get(Job, i).errors)
        for key, i in ids.items()
    }


STOPPED = ["worker stopped while running"]
EXPECTED = {
    "silent": ("failed", STOPPED),
    "never_beat": ("failed", STOPPED),
    "busy": ("running", []),
    "pending": ("pending", []),
    "done": ("completed", []),
}


def test_progress_writes_a_heartbeat(app, make_company, make_user):
    from core.api import enqueue_job
    from core.timeutil import utcnow

    company = make_company()
    user = make_user(company=company)
    before = utcnow()
    job = enqueue_job("core.demo_count", {}, company_id=company.id, user_id=user.id)
    assert job.status == "completed"
    assert job.heartbeat_at is not None and job.heartbeat_at >= before


def test_hourly_scheduled_job_fails_the_silent_ones(app, jobs):
    from core.db import db
    from core.jobs.registry import schedules
    from core.jobs.scheduled import run_scheduled
    from core.models import Job

    ids, _ = jobs
    assert "core.fail_stale_jobs" in schedules(app)
    sweep = run_scheduled("core.fail_stale_jobs")
    assert states(ids) == EXPECTED
    assert db.session.get(Job, sweep).result == {"failed": 2}


def test_api_shows_the_failure(app, client, jobs, api_token):
    from core.db import db
    from core.jobs.stale import fail_stale_jobs
    from core.models import User

    ids, user_id = jobs
    user = db.session.get(User, user_id)
    assert fail_stale_jobs() == 2
    assert fail_stale_jobs() == 0  # already failed: nothing more to do
    body = client.get(
        f"/api/v1/jobs/{ids['silent']}", headers={"Authorization": f"Bearer {api_token(user)}"}
    ).get_json()
    assert body["status"] == "failed" and body["errors"] == STOPPED
    assert body["finished_at"] is not None


@pytest.fixture
def app_config(app_config, request):
    if "worker" in request.node.name:
        return {**app_config, "JOBS_BACKEND": "sqlite", "JOBS_STALE_MINUTES": 10}
    return app_config


def test_a_starting_worker_fails_the_silent_ones(app, jobs, db_url, tmp_path):
    ids, _ = jobs
    env = {
        **os.environ,
        "DATABASE_URL": db_url,
        "LEDGERLINE_INSTANCE_PATH": str(tmp_path),
        "LEDGERLINE_JOBS_BACKEND": "sqlite",
        "LEDGERLINE_JOBS_STALE_MINUTES": "10",
        "PYTHONUNBUFFERED": "1",
    }
    log = tmp_path / "worker.log"
    proc = forkserver.flask(["--app", "wsgi", "jobs", "worker", "--no-periodic"], env, log)
    try:
        deadline = time.monotonic() + 30
        while "Marked 2 job(s) failed" not in log.read_text() and time.monotonic() < deadline:
            assert proc.poll() is None, log.read_text()
            time.sleep(0.2)
        assert "Marked 2 job(s) failed" in log.read_text(), log.read_text()
        assert states(ids) == EXPECTED
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)


def test_the_failure_is_written_in_the_starters_language(app, jobs):
    from core.db import db
    from core.jobs.stale import fail_stale_jobs
    from core.models import User

    ids, user_id = jobs
    db.session.get(User, user_id).locale = "ar"
    db.session.commit()
    assert fail_stale_jobs() == 2
    assert states(ids)["silent"] == ("failed", ["توقف العامل أثناء تنفيذ المهمة"])
