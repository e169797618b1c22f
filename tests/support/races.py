"""Money races: one transition fired many times at once, over HTTP, at a real server.

``live_server`` starts Ledgerline as users do (``flask --app wsgi run``: the threaded Werkzeug
server, in its own process) on the test's database, PostgreSQL under
``LEDGERLINE_TEST_DB=postgresql``. ``fire`` then sends the requests from as many threads,
released together by a barrier, with a real API token, and returns every answer.

Import the fixture into a test module: ``from tests.support.races import fire, live_server``.
"""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass

import pytest

TIMES = 20


@dataclass
class Answer:
    status: int
    body: dict | None

    @property
    def code(self) -> str | None:
        return ((self.body or {}).get("error") or {}).get("code")


@dataclass
class Server:
    url: str
    log: object

    def tail(self) -> str:
        if self.log is None:  # ``served``: the app logs into the test's own output
            return "(in this process: see the captured log)"
        return self.log.read_text()[-4000:]


@pytest.fixture
def live_server(app, db_url, tmp_path, monkeypatch):
    """A threaded Ledgerline server in a subprocess on this test's database, with the test
    app's secret key (signing keys made by the test are encrypted with a key derived from it)."""
    from tests.browser.server import AppServer

    monkeypatch.setenv("LEDGERLINE_SECRET_KEY", app.config["SECRET_KEY"])
    _end_transaction()
    server = AppServer(db_url, tmp_path)
    try:
        yield Server(server.url, server.log)
    finally:
        server.stop()


@contextmanager
def served(app):
    """The test's own app behind a threaded Werkzeug server in this process (cheaper than
    ``live_server``: no start-up, and the test's config such as a plan limit applies)."""
    from werkzeug.serving import make_server

    _end_transaction()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    try:
        yield Server(f"http://127.0.0.1:{server.server_port}", None)
    finally:
        server.shutdown()
        server.server_close()


def _end_transaction() -> None:
    """Commit the test's own transaction: on SQLite an open one holds the write lock."""
    from flask import has_app_context

    if has_app_context():
        from core.api import db

        db.session.commit()


def call(server: Server, token: str, method: str, path: str, body=None, headers=None) -> Answer:
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(
        server.url + path,
        data=data,
        method=method,
        headers={
            "Authorization": f"Bearer {token}",
            "Content-Type": "application/json",
            **(headers or {}),
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=120) as resp:
            return Answer(resp.status, json.loads(resp.read() or b"null"))
    except urllib.error.HTTPError as exc:
        raw = exc.read()
        try:
            payload = json.loads(raw)
        except ValueError:
            payload = {"raw": raw[:500].decode(errors="replace")}
        return Answer(exc.code, payload)


def fire(server: Server, token: str, requests: list[tuple[str, str, dict | None]]):
    """Send every ``(method, path, body[, headers])`` at once, one thread each; the answers
    in order."""
    _end_transaction()
    start = threading.Barrier(len(requests))
    answers: list[Answer | None] = [None] * len(requests)

    def send(i: int, method: str, path: str, body, headers=None) -> None:
        start.wait()
        try:
            answers[i] = call(server, token, method, path, body, headers)
        except Exception as exc:  # shown by the assertions, never lost in a thread
            answers[i] = Answer(0, {"exception": repr(exc)})

    threads = [
        threading.Thread(target=send, args=(i, *request)) for i, request in enumerate(requests)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(180)
    return answers


def same(method: str, path: str, body=None, times: int = TIMES, headers=None):
    """``times`` copies of one request, for ``fire``."""
    return [(method, path, body, headers)] * times


def tally(answers) -> Counter:
    """``Counter({(201, None): 1, (409, "payment_already_reversed"): 19})``."""
    return Counter((a.status, a.code if a.status >= 400 else None) for a in answers)


def report(answers, server: Server) -> str:
    """What went wrong, for assertion messages: the tally, one odd answer, the server log."""
    odd = next((a for a in answers if a.status >= 500 or a.status == 0), None)
    return f"{dict(tally(answers))}\nfirst 5xx: {odd}\nserver log:\n{server.tail()}"
