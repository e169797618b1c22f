"""Production serving: ``gunicorn -k gevent -w 1 wsgi:app`` serves pages, /api/v1 and WebSockets.

The command is the one README's deployment section gives; Socket.IO runs in gevent mode
(``LEDGERLINE_SOCKETIO_ASYNC_MODE=gevent``) over simple-websocket.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import urllib.request
from pathlib import Path

import pytest

from tests.browser.server import seed
from tests.support import sockets
from tests.support.servers import free_port, wait_for_http

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def gunicorn(app, db_url, tmp_path, make_company, make_user, api_token):
    facts = seed(app, make_company, make_user, api_token)
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": db_url,
        "LEDGERLINE_INSTANCE_PATH": str(tmp_path),
        "LEDGERLINE_SOCKETIO_ASYNC_MODE": "gevent",
        "LEDGERLINE_JOBS_BACKEND": "immediate",
    }
    env.pop("LEDGERLINE_SOCKETIO_TRANSPORTS", None)
    log = tmp_path / "gunicorn.log"
    cmd = [sys.executable, "-m", "gunicorn", "-k", "gevent", "-w", "1"]
    cmd += ["-b", f"127.0.0.1:{port}", "wsgi:app"]
    with open(log, "wb") as out:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=out)
    try:
        wait_for_http(f"http://127.0.0.1:{port}/login", proc=proc)
        yield f"http://127.0.0.1:{port}", facts, log
    finally:
        proc.terminate()
        proc.wait(20)


def test_pages_api_and_websocket_events_under_gunicorn_gevent(gunicorn):
    url, facts, log = gunicorn
    with urllib.request.urlopen(url + "/login", timeout=10) as resp:
        assert resp.status == 200 and b"Sign in" in resp.read()

    arrived, events = threading.Event(), []
    client = sockets.client(reconnection=False)

    @client.on("company_updated")
    def _on_update(data):
        events.append(data)
        arrived.set()

    client.connect(url, auth={"token": facts["token"]}, transports=["websocket"], wait_timeout=10)
    try:
        assert client.transport() == "websocket"
        request = urllib.request.Request(
            url + "/api/v1/company",
            data=json.dumps({"city": "Sharjah"}).encode(),
            method="PATCH",
            headers={
                "Authorization": f"Bearer {facts['admin_token']}",
                "Content-Type": "application/json",
            },
        )
        with urllib.request.urlopen(request, timeout=10) as resp:
            assert resp.status == 200 and json.loads(resp.read())["city"] == "Sharjah"
        assert arrived.wait(10), log.read_text()[-3000:]
        assert events[0]["id"] == facts["company_id"]
    finally:
        client.disconnect()
    assert "Traceback" not in log.read_text()
