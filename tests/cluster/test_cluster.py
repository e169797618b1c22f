"""Ledgerline at scale, as `make cluster` runs it: nginx in front of two gunicorn gevent app
processes, two Huey workers on Redis, PostgreSQL. Everything is reached through nginx.

Runs in its own step (marker ``cluster``): ``pytest -m cluster -p no:cacheprovider -n 0``.
"""

from __future__ import annotations

import re
import shutil
import signal
import tempfile
import threading
import time
from pathlib import Path

import pytest

from scripts.cluster import Cluster
from tests.cluster.support import ROUTES, LiveClient, all_ids, session
from tests.support.fixtures import UAE_LEGAL

pytestmark = pytest.mark.cluster
A, B = ROUTES


@pytest.fixture(scope="module")
def cluster():
    # Not under pytest's tmp dir (mode 700): PostgreSQL and nginx's workers run as other users.
    folder = Path(tempfile.mkdtemp(prefix="ll-cluster-"))
    run = Cluster(folder, demo=False, echo=lambda *_: None)
    try:
        run.start()
        run.tokens, run.company_id = seed(run)
        http = session(run.tokens["admin"])
        customer = http.post(run.url + "/api/v1/customers", json={"name": "Cluster Co"})
        run.customer_id = customer.json()["id"]
        yield run
    finally:
        run.stop()
    logs = {s.name: s.log.read_text() for s in [*run.apps, *run.workers]}
    shutil.rmtree(folder, ignore_errors=True)
    for name, text in logs.items():
        assert "Traceback" not in text, f"{name}:\n{text[-3000:]}"


def seed(run: Cluster) -> tuple[dict, int]:
    """A company with an admin and a finance user, and an API token each (in-process: the
    demo seeding through the CLI would cost this test half a minute)."""
    from core import create_app
    from core.auth.passwords import hash_password
    from core.auth.tokens import create_token
    from core.db import db
    from core.models import Company, User
    from core.models.user import COMPANY_ADMIN, FINANCE_USER

    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": run.postgres.url(),
            "INSTANCE_PATH": str(run.dir / "instance"),  # the cluster's secret keys
            "JOBS_BACKEND": "immediate",
        }
    )
    with app.app_context():
        company = Company(name="Cluster Trading LLC", trn="100123456700003", country="AE")
        for name, value in UAE_LEGAL.items():
            setattr(company, name, value)
        db.session.add(company)
        db.session.flush()
        tokens = {}
        for key, role, full_name in (
            ("admin", COMPANY_ADMIN, "Amal Admin"),
            ("finance", FINANCE_USER, "Farid Finance"),
        ):
            user = User(
                email=f"{key}@cluster.test",
                password_hash=hash_password("x" * 12),
                role=role,
                company_id=company.id,
                full_name=full_name,
            )
            db.session.add(user)
            db.session.flush()
            tokens[key] = create_token(user, "read,write")[1]
        db.session.commit()
        company_id = company.id
        db.session.remove()
        db.engine.dispose()
    return tokens, company_id


def served(log: Path, pattern: str) -> int:
    return len(re.findall(pattern, log.read_text()))


def draft(customer_id: int) -> dict:
    return {
        "customer_id": customer_id,
        "issue_date": "2026-03-01",
        "lines": [{"description": "Consulting", "quantity": "2", "unit_price": "150.00"}],
    }


def test_event_caused_on_process_a_reaches_clients_on_process_b(cluster):
    nginx_log = cluster.dir / "nginx-access.log"
    offset = len(nginx_log.read_text())
    websocket = LiveClient(cluster.url, cluster.tokens["finance"], B).connect()
    polling = LiveClient(cluster.url, cluster.tokens["finance"], B, ["polling"]).connect()
    try:
        assert websocket.sio.transport() == "websocket" and polling.sio.transport() == "polling"
        resp = session(cluster.tokens["admin"], A).patch(
            cluster.url + "/api/v1/company", json={"city": "Ras Al Khaimah"}, timeout=30
        )
        assert resp.status_code == 200, resp.text
        for client in (websocket, polling):
            assert client.wait_for(lambda c=client: cluster.company_id in c.ids("company_updated"))
    finally:
        websocket.close()
        polling.close()
    a, b = (f"upstream=127.0.0.1:{app.port} " for app in cluster.apps)
    # nginx logs a WebSocket when it closes.
    assert websocket.wait_for(lambda: "transport=websocket" in nginx_log.read_text()[offset:])
    lines = nginx_log.read_text()[offset:].splitlines()
    patch = [line for line in lines if "PATCH /api/v1/company" in line]
    sockets = [line for line in lines if "/socket.io/" in line]
    assert len(patch) == 1 and a in patch[0] and " 200 " in patch[0]
    assert len(sockets) >= 4 and all(b in line for line in sockets), sockets


def executed(cluster) -> int:
    pattern = r"Executing core\.jobs\.tasks\.ledgerline\.run_job"
    return sum(len(re.findall(pattern, w.log.read_text())) for w in cluster.workers)


def test_jobs_queued_by_either_process_run_once(cluster):
    jobs, runs_before = [], executed(cluster)
    for route in (A, B, A, B, A, B):
        resp = session(cluster.tokens["admin"], route).post(
            cluster.url + "/api/v1/jobs", json={"name": "core.demo_count"}, timeout=30
        )
        assert resp.status_code == 202, resp.text
        jobs.append(resp.json()["id"])
    http = session(cluster.tokens["admin"])
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        states = [http.get(f"{cluster.url}/api/v1/jobs/{j}", timeout=30).json() for j in jobs]
        if all(s["status"] == "completed" for s in states):
            break
        time.sleep(0.2)
    assert [s["status"] for s in states] == ["completed"] * len(jobs)
    assert all(s["processed"] > 0 for s in states)
    assert executed(cluster) - runs_before == len(jobs)  # each taken by one worker, once
    assert not any("is not pending" in w.log.read_text() for w in cluster.workers)


def test_presence_is_the_same_from_both_processes(cluster):
    room = f"company:{cluster.company_id}"
    on_a = LiveClient(cluster.url, cluster.tokens["admin"], A).connect()
    on_b = LiveClient(cluster.url, cluster.tokens["finance"], B).connect()
    try:
        first = on_a.join(room, presence=True)
        second = on_b.join(room, presence=True)
        names = {v["name"] for v in second["viewers"]}
        assert first["ok"] and second["ok"] and len(names) == 2, second
        # Process a's client hears process b's join, with the same list b answered.
        assert on_a.wait_for(
            lambda: any(
                e == "presence" and d["viewers"] == second["viewers"] for e, d in on_a.events
            )
        )
        on_b.close()
        assert on_a.wait_for(lambda: last_presence(on_a) == first["viewers"])
        assert on_a.join(room, presence=True)["viewers"] == first["viewers"]
    finally:
        on_a.close()
        on_b.close()


def test_rolling_restart_loses_no_event_and_no_request(cluster):
    list_url = cluster.url + "/api/v1/invoices?status=DRAFT"

    def resync(client: LiveClient) -> set[int]:  # what a page re-fetches on ll:reconnected
        return all_ids(session(cluster.tokens["finance"]), list_url)

    clients = [
        LiveClient(cluster.url, cluster.tokens["finance"], B, resync=resync).connect(),
        LiveClient(cluster.url, cluster.tokens["finance"], B, ["polling"], resync).connect(),
        LiveClient(cluster.url, cluster.tokens["finance"], A, resync=resync).connect(),
    ]
    room = f"company:{cluster.company_id}"
    assert clients[0].join(room, presence=True)["ok"]  # Farid, viewing through process b
    before = all_ids(session(cluster.tokens["finance"]), list_url)
    created, failures, stop = [], [], threading.Event()

    def write() -> None:  # a user creating drafts all along, each request anywhere
        while not stop.is_set():
            resp = session(cluster.tokens["admin"]).post(
                cluster.url + "/api/v1/invoices", json=draft(cluster.customer_id), timeout=30
            )
            if resp.status_code == 201:
                created.append(resp.json()["id"])
            else:
                failures.append((resp.status_code, resp.text[:300]))

    writer = threading.Thread(target=write)
    writer.start()
    try:
        time.sleep(2)
        cluster.restart_app(1)  # process b: graceful stop, start again, wait until it answers
        time.sleep(3)
        after_restart = len(created)
        time.sleep(2)
    finally:
        stop.set()
        writer.join(60)
    try:
        assert failures == [] and len(created) > after_restart > 0
        for client in clients:
            assert client.wait_for(lambda c=client: set(created) <= seen(c), timeout=30), len(
                set(created) - seen(client)
            )
        # The clients that were on b reconnected and resynced; the one on a stayed connected.
        # (a polling client may move twice: to a while b is down, back to b when it returns.)
        assert all(c.connects >= 2 for c in clients[:2]) and clients[2].connects == 1
        assert set(created[after_restart:]) <= clients[0].ids("invoicing_invoice_created")
        assert not (set(created) & before)
        # Process b closed its sockets as it stopped: no viewer is left behind in presence
        # (Farid's client reconnected but has not asked for presence again).
        watcher = LiveClient(cluster.url, cluster.tokens["admin"], A).connect()
        clients.append(watcher)
        assert [v["name"] for v in watcher.join(room, presence=True)["viewers"]] == ["Amal Admin"]
    finally:
        for client in clients:
            client.close()


def seen(client: LiveClient) -> set[int]:
    return client.ids("invoicing_invoice_created") | client.resynced


def last_presence(client: LiveClient):
    found = [d["viewers"] for e, d in list(client.events) if e == "presence"]
    return found[-1] if found else None


EVERY_MINUTE = "peppol.retry_due"  # a built-in scheduled job due every minute


def enqueued(worker) -> list[str]:
    """When (log time, to the second) this worker's scheduler enqueued the every-minute job."""
    pattern = (
        r"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d),\d+ huey\.consumer\.Scheduler INFO "
        rf"Enqueueing periodic task \S*ledgerline\.scheduled\.{re.escape(EVERY_MINUTE)}:"
    )
    return re.findall(pattern, worker.log.read_text(), flags=re.MULTILINE)


def scheduled_runs(cluster) -> dict[str, int]:
    """How many recorded runs of the every-minute job are in each status."""
    import psycopg

    with psycopg.connect(cluster.postgres.url().replace("+psycopg", "")) as conn:
        rows = conn.execute(
            "SELECT status, count(*) FROM core_job WHERE type = 'scheduled' AND name = %s "
            "GROUP BY status",
            (EVERY_MINUTE,),
        ).fetchall()
    return dict(rows)


def test_scheduled_jobs_run_once_per_due_minute_on_whichever_worker_is_alive(cluster):
    """Both workers schedule; each due minute is claimed by one of them. Worker 1 is killed
    (no clean shutdown): the job still runs the next minute, once, on worker 2."""
    first, second = cluster.workers
    first.stop(signal.SIGKILL)
    killed = time.strftime("%Y-%m-%d %H:%M:%S")
    completed = scheduled_runs(cluster).get("completed", 0)
    deadline = time.monotonic() + 150  # the next due minute, plus a loaded machine's delay
    while time.monotonic() < deadline:
        later = [t for t in enqueued(second) if t > killed]
        if later and scheduled_runs(cluster).get("completed", 0) > completed:
            break
        time.sleep(1)
    assert later, "no worker scheduled the every-minute job after worker 1 died"
    assert scheduled_runs(cluster).get("completed", 0) > completed
    # Once per due minute for the whole run, while both workers lived and after (each
    # scheduler looks every 15 s, so without the claim a minute would be enqueued up to 8 times).
    minutes = [t[:16] for t in enqueued(first) + enqueued(second)]
    assert len(minutes) == len(set(minutes)), sorted(minutes)
