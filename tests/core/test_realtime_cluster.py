"""Two app processes, one Redis: an event caused on process A reaches a client of process B.

Runs on both databases (the servers read the same DATABASE_URL as the test), though the
database only matters here for logging the clients in.
"""

from __future__ import annotations

import json
import threading
import time
import urllib.request

import pytest
import redis as redis_client
import socketio as sio_client

from tests.browser.server import AppServer, seed
from tests.support import sockets
from tests.support.servers import RedisServer

CHANNEL = "flask-socketio"  # Flask-SocketIO's default message-queue channel


@pytest.fixture
def redis():
    server = RedisServer()
    yield server
    server.stop()


@pytest.fixture
def cluster(app, db_url, tmp_path, redis, make_company, make_user, api_token):
    facts = seed(app, make_company, make_user, api_token)
    servers = []
    try:
        for _ in range(2):
            servers.append(AppServer(db_url, tmp_path, message_queue=redis.url))
        wait_until_listening(servers, redis.url, facts["token"])
        yield servers, facts
    finally:
        for server in servers:
            server.stop()


def wait_until_listening(servers, redis_url: str, token: str, timeout: float = 60.0) -> None:
    """A server subscribes to the shared Redis channel only after its first connection, in a
    background thread: until then, events sent by the other server never reach it. On a busy
    machine that takes a while, so connect once to each and wait for every subscription."""
    for server in servers:
        Listener(server.url, token).close()
    queue = redis_client.Redis.from_url(redis_url)
    deadline = time.monotonic() + timeout
    try:
        while dict(queue.pubsub_numsub(CHANNEL)).get(CHANNEL.encode(), 0) < len(servers):
            assert time.monotonic() < deadline, "the servers never subscribed to Redis"
            time.sleep(0.05)
    finally:
        queue.close()


class Listener:
    """A python-socketio client that records events and lets a test wait for one."""

    def __init__(self, url: str, token: str, **kwargs) -> None:
        self.events: list[tuple[str, dict]] = []
        self.arrived = threading.Condition()
        self.client = sockets.client(reconnection=False)
        self.client.on("*", self._record)
        self.client.connect(url, auth={"token": token}, transports=["websocket"], **kwargs)

    def _record(self, event, data=None):
        with self.arrived:
            self.events.append((event, data))
            self.arrived.notify_all()

    def wait_for(self, predicate, timeout: float = 30.0):
        with self.arrived:
            ok = self.arrived.wait_for(
                lambda: next((d for e, d in self.events if predicate(e, d)), None), timeout
            )
        assert ok, f"nothing matched within {timeout}s; got {self.events}"
        return next(d for e, d in self.events if predicate(e, d))

    def close(self) -> None:
        self.client.disconnect()


def test_presence_join_on_a_reaches_a_viewer_on_b(cluster):
    (a, b), facts = cluster
    room = f"company:{facts['company_id']}"
    on_b = Listener(b.url, facts["token"])
    on_a = Listener(a.url, facts["admin_token"])
    try:
        ack = on_b.client.call("join", {"room": room, "presence": True}, timeout=30)
        assert [v["name"] for v in ack["viewers"]] == ["finance@acme.ae"]
        on_a.client.call("join", {"room": room, "presence": True}, timeout=30)
        seen = on_b.wait_for(
            lambda e, d: e == "presence" and len(d["viewers"]) == 2 and d["room"] == room
        )
        # the list was computed on A from the shared Redis store, B's viewer included
        assert [v["name"] for v in seen["viewers"]] == ["admin@acme.ae", "finance@acme.ae"]
    finally:
        on_a.close()
        on_b.close()


def test_company_update_on_a_reaches_a_client_on_b(cluster):
    (a, b), facts = cluster
    on_b = Listener(b.url, facts["token"])
    try:
        request = urllib.request.Request(
            a.url + "/api/v1/company",
            data=json.dumps({"city": "Abu Dhabi"}).encode(),
            method="PATCH",
            headers={
                "Authorization": f"Bearer {facts['admin_token']}",
                "Content-Type": "application/json",
            },
        )
        with urllib.request.urlopen(request, timeout=30) as resp:
            assert resp.status == 200
        updated = on_b.wait_for(lambda e, d: e == "company_updated")
        assert updated["id"] == facts["company_id"]
        added = on_b.wait_for(lambda e, d: e == "audit_added")
        assert added["action"] == "CompanyUpdated" and added["record_type"] == "company"
    finally:
        on_b.close()


def test_connection_from_a_foreign_site_is_refused(cluster):
    (a, _), facts = cluster
    with pytest.raises(sio_client.exceptions.ConnectionError):
        Listener(a.url, facts["token"], headers={"Origin": "http://evil.example"})


def test_unauthenticated_connection_is_refused_with_a_clear_message(cluster):
    (a, _), _ = cluster
    client = sockets.client(reconnection=False)
    reasons = []
    client.on("connect_error", reasons.append)
    with pytest.raises(sio_client.exceptions.ConnectionError):
        client.connect(a.url, transports=["websocket"])
    assert reasons and reasons[0]["message"].startswith("authentication required")
