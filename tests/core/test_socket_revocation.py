"""Live sockets do not outlive rights: revoking a token or deactivating a user closes them.

A real server (Werkzeug, in a thread of this process) and a python-socketio client over a
WebSocket, as an integration would connect.
"""

from __future__ import annotations

import threading

import pytest
import socketio as sio_client

from tests.support import forkserver, sockets


@pytest.fixture
def server_url(app):
    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", 0, app, threaded=True)
    # A short poll: shutdown() waits for the loop to look (0.5 s by default).
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
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
        self.client = sockets.client(reconnection=False)
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


# --- sessions, other processes, re-checks -----------------------------------------------------

UA = "ledgerline-socket-test"


def browser_session(app, email="admin@acme.ae"):
    """A test-client browser signed in as ``email``; its cookie opens a browser socket."""
    from tests.support.fixtures import csrf_token

    browser = app.test_client()
    browser.environ_base["HTTP_USER_AGENT"] = UA  # session protection compares it
    token = csrf_token(browser)
    resp = browser.post(
        "/login", data={"email": email, "password": "correct horse", "csrf_token": token}
    )
    assert resp.status_code == 302
    end_transaction()
    return browser


def end_transaction():
    """Requests made through the test client share the test's database session; on SQLite
    its open transaction would hold the write lock the server's threads wait for."""
    from core.db import db

    db.session.rollback()


class CookieConnection(Connection):
    def __init__(self, url: str, cookie: str) -> None:  # noqa: D107
        self.gone = threading.Event()
        self.client = sockets.client(reconnection=False)
        self.client.on("disconnect", lambda *reason: self.gone.set())
        headers = {"Cookie": f"session={cookie}", "User-Agent": UA}
        self.client.connect(url, headers=headers, transports=["websocket"], wait_timeout=10)


def test_sign_out_closes_the_sessions_sockets_and_a_copy_cannot_reconnect(
    app, people, connect, server_url
):
    from tests.support.fixtures import csrf_token

    _, secrets = people
    browser = browser_session(app)
    cookie = browser.get_cookie("session").value
    live = CookieConnection(server_url, cookie)
    by_token = connect(secrets["admin"])
    assert live.still_connected()
    resp = browser.post("/logout", data={"csrf_token": csrf_token(browser, "/")})
    assert resp.status_code == 302
    end_transaction()
    assert live.gone.wait(10), "the signed-out session's socket is still open"
    assert by_token.still_connected()  # API tokens are not sessions
    with pytest.raises(sio_client.exceptions.ConnectionError):
        CookieConnection(server_url, cookie)


@pytest.fixture
def app_config(app_config):
    # No periodic sweep during these tests: only the per-event check can catch a change.
    return {**app_config, "SOCKETIO_RECHECK_SECONDS": 3600}


def test_a_revocation_the_server_was_not_told_of_is_caught_on_the_next_event(app, people, connect):
    """Another process revoked the token straight in the database, with no queue to tell this
    one: the next join is refused and the connection closed."""
    from sqlalchemy import update

    from core.db import db
    from core.models import ApiToken
    from core.timeutil import utcnow

    ids, secrets = people
    live = connect(secrets["admin"])
    assert live.still_connected()
    token_id = token_row(secrets["admin"]).id
    db.session.execute(update(ApiToken).where(ApiToken.id == token_id).values(revoked_at=utcnow()))
    db.session.commit()
    ack = live.client.call("join", {"room": f"company:{ids['admin']}"}, timeout=5)
    assert ack["ok"] is False and ack["error"]["code"] == "unauthorized"
    assert live.gone.wait(10)


def test_a_demoted_user_cannot_join_what_the_old_role_allowed(app, people, connect):
    """Rooms are authorized with the user's role and company as they are at the join."""
    from sqlalchemy import update

    from core.db import db
    from core.models import User

    ids, secrets = people
    live = connect(secrets["ops"])
    company_room = f"company:{db.session.get(User, ids['ops']).company_id}"
    end_transaction()
    assert live.client.call("join", {"room": company_room}, timeout=5)["ok"] is True
    db.session.execute(update(User).where(User.id == ids["ops"]).values(company_id=None))
    db.session.commit()  # moved out of the company
    ack = live.client.call("join", {"room": company_room}, timeout=5)
    assert ack["ok"] is False


@pytest.fixture
def redis():
    from tests.support.servers import RedisServer

    server = RedisServer()
    yield server
    server.stop()


def cli_revoke(db_url: str, instance, token_id: int, queue: str | None) -> None:
    """``flask tokens revoke`` in a process of its own (forked from the test launcher)."""
    import os

    env = {**os.environ, "DATABASE_URL": db_url, "LEDGERLINE_INSTANCE_PATH": str(instance)}
    env.pop("LEDGERLINE_SOCKETIO_MESSAGE_QUEUE", None)
    if queue:
        env["LEDGERLINE_SOCKETIO_MESSAGE_QUEUE"] = queue
    log = instance / "revoke.log"
    proc = forkserver.flask(["--app", "wsgi", "tokens", "revoke", str(token_id)], env, log)
    assert proc.wait(60) == 0, log.read_text()


@pytest.mark.parametrize("with_queue", [True, False], ids=["message-queue", "periodic-recheck"])
def test_cli_revoke_in_another_process_closes_the_tokens_sockets(
    app, db_url, tmp_path, request, make_company, make_user, api_token, with_queue
):
    from tests.browser.server import AppServer, seed

    facts = seed(app, make_company, make_user, api_token)
    queue = request.getfixturevalue("redis").url if with_queue else None
    # Without a queue the server finds out by its periodic re-check (1 s here).
    server = AppServer(
        db_url, tmp_path, message_queue=queue, env={"LEDGERLINE_SOCKETIO_RECHECK_SECONDS": "1"}
    )
    try:
        live = Connection(server.url, facts["token"])
        other = Connection(server.url, facts["admin_token"])
        assert live.still_connected()
        token_id = token_row(facts["token"]).id
        from core.db import db

        db.session.remove()
        cli_revoke(db_url, tmp_path, token_id, queue)
        assert live.gone.wait(15), "the token revoked on the CLI still has its socket"
        assert other.still_connected()
        live.close()
        other.close()
    finally:
        server.stop()
