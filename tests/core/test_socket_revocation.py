"""Live sockets do not outlive rights: revoking a token or deactivating a user closes them.

A real server (Werkzeug, in a thread of this process) and a python-socketio client over a
WebSocket, as an integration would connect.
"""

from __future__ import annotations

import threading

import pytest
import socketio as sio_client


@pytest.fixture
def server_url(app):
    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture
def people(app, make_company, make_user, api_token):
    from core.db import db

    company = make_company()
    admin, colleague = make_user(company=company), make_user("ops@acme.ae", company)
    secrets = {"admin": api_token(admin), "admin2": api_token(admin), "ops": api_token(colleague)}
    ids = {"admin": admin.id, "ops": colleague.id}
    db.session.commit()
    return ids, secrets


class Connection:
    def __init__(self, url: str, token: str) -> None:
        self.gone = threading.Event()
        self.client = sio_client.Client(reconnection=False)
        self.client.on("disconnect", lambda *reason: self.gone.set())
        self.client.connect(url, auth={"token": token}, transports=["websocket"], wait_timeout=10)

    def still_connected(self) -> bool:
        """Round-trip an event: only a live, accepted connection answers."""
        ack = self.client.call("join", {"room": "company:0"}, timeout=5)
        return self.client.connected and ack is not None

    def close(self) -> None:
        if self.client.connected:
            self.client.disconnect()


@pytest.fixture
def connect(server_url):
    opened = []

    def open_(token: str) -> Connection:
        opened.append(Connection(server_url, token))
        return opened[-1]

    yield open_
    for connection in opened:
        connection.close()


def token_row(secret: str):
    from core.auth.tokens import find_active

    return find_active(secret)


def test_revoking_a_token_disconnects_its_sockets_only(app, people, connect):
    from core.auth import tokens
    from core.db import db

    _, secrets = people
    revoked, other_token = connect(secrets["admin"]), connect(secrets["admin2"])
    assert revoked.still_connected() and other_token.still_connected()
    tokens.revoke(token_row(secrets["admin"]))
    db.session.commit()
    assert revoked.gone.wait(10), "the revoked token's socket is still open"
    assert not revoked.client.connected
    assert other_token.still_connected()  # same user, another token: untouched
    with pytest.raises(sio_client.exceptions.ConnectionError):
        connect(secrets["admin"])


def test_nothing_is_cut_when_the_revocation_rolls_back(app, people, connect):
    from core.auth import tokens
    from core.db import db

    _, secrets = people
    live = connect(secrets["admin"])
    tokens.revoke(token_row(secrets["admin"]))
    db.session.rollback()
    assert not live.gone.wait(1)
    assert live.still_connected()


def test_deactivating_a_user_disconnects_all_their_sockets(app, people, connect):
    from core.auth.deactivation import deactivate
    from core.db import db
    from core.models import User

    ids, secrets = people
    first, second = connect(secrets["admin"]), connect(secrets["admin2"])
    colleague = connect(secrets["ops"])
    deactivate(db.session.get(User, ids["admin"]))
    db.session.commit()
    assert first.gone.wait(10) and second.gone.wait(10)
    assert colleague.still_connected()
    with pytest.raises(sio_client.exceptions.ConnectionError):
        connect(secrets["admin2"])
