"""A real Huey consumer: ``flask jobs worker`` in a process of its own (forked from the test
launcher, tests/support/forkserver.py), SQLite queue in a temp file."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from core.api import enqueue_job
from core.db import db
from core.models import Job
from tests.support import forkserver
from tests.support.servers import RedisServer


@pytest.fixture(params=["sqlite", "redis"])
def backend(request):
    if request.param == "sqlite":
        yield {"JOBS_BACKEND": "sqlite"}
        return
    server = RedisServer()
    yield {"JOBS_BACKEND": "redis", "JOBS_REDIS_URL": server.url}
    server.stop()


@pytest.fixture
def app_config(app_config, backend):
    return {**app_config, **backend}


@pytest.fixture
def worker(app, db_url, tmp_path, backend):
    env = {
        **os.environ,
        "DATABASE_URL": db_url,
        "LEDGERLINE_INSTANCE_PATH": str(tmp_path),  # the same jobs.sqlite queue as the app
        "PYTHONUNBUFFERED": "1",
        **{f"LEDGERLINE_{k}": v for k, v in backend.items()},
    }
    if backend["JOBS_BACKEND"] == "redis":
        # The worker announces progress through Redis, where web processes would hear it.
        env["LEDGERLINE_SOCKETIO_MESSAGE_QUEUE"] = backend["JOBS_REDIS_URL"]
    log = tmp_path / "worker.log"
    proc = forkserver.flask(["--app", "wsgi", "jobs", "worker", "--workers", "2"], env, log)
    yield proc, log
    if proc.poll() is None:
        proc.send_signal(signal.SIGINT)  # graceful: finish the running job, then exit
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)


def _wait_finished(job_ids: list[int], proc, log: Path, timeout: float = 60.0) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        rows = db.session.execute(select(Job.id, Job.status).where(Job.id.in_(job_ids))).all()
        db.session.rollback()  # end the read: on SQLite an open transaction blocks the worker
        status = dict(rows)
        if all(s in ("completed", "failed") for s in status.values()):
            return status
        assert proc.poll() is None, f"worker exited:\n{log.read_text()}"
        time.sleep(0.2)
    pytest.fail(f"jobs not finished after {timeout}s: {status}\n{log.read_text()}")


def test_jobs_queued_by_the_app_are_run_by_the_worker(app, make_company, make_user, worker):
    proc, log = worker
    company = make_company()
    user = make_user(company=company)

    bad = enqueue_job("core.demo_count", {"chunk_size": 0}, company_id=company.id, user_id=user.id)
    good = enqueue_job("core.demo_count", {"chunk_size": 1}, company_id=company.id, user_id=user.id)
    ids = [bad.id, good.id]
    db.session.rollback()

    assert _wait_finished(ids, proc, log) == {ids[0]: "failed", ids[1]: "completed"}
    good = db.session.get(Job, ids[1])
    assert good.total >= 1 and good.processed == good.total == good.succeeded
    assert good.started_at is not None and good.finished_at >= good.started_at
    assert db.session.get(Job, ids[0]).errors == [
        "chunk_size must be a whole number of at least 1, not 0"
    ]
    db.session.rollback()
    assert "Ledgerline jobs worker: 2 thread(s)" in log.read_text()


@pytest.mark.parametrize("backend", ["redis"], indirect=True)
def test_worker_announces_progress_on_the_socketio_message_queue(
    app, backend, make_company, make_user, worker
):
    import json

    import redis

    proc, log = worker
    company = make_company()
    user = make_user(company=company)
    pubsub = redis.Redis.from_url(backend["JOBS_REDIS_URL"]).pubsub()
    pubsub.subscribe("flask-socketio")  # Flask-SocketIO's default channel
    job_id = enqueue_job("core.demo_count", {}, company_id=company.id, user_id=user.id).id
    db.session.rollback()

    assert _wait_finished([job_id], proc, log) == {job_id: "completed"}
    heard = []
    while (message := pubsub.get_message(timeout=1.0)) is not None:
        if message["type"] == "message":
            heard.append(json.loads(message["data"]))
    progress = [m["data"][0] for m in heard if m.get("event") == "job_progress"]
    assert progress and progress[-1]["id"] == job_id
    assert progress[-1]["status"] == "completed"
    assert all(m["room"] == [f"company:{company.id}"] for m in heard if m.get("event"))
