"""The Locust user of benchmarks/load.py: a finance clerk with the app open in a browser.

Each simulated user signs in (session cookie, as a browser), keeps a live Socket.IO
connection on that session, and then, with one to three seconds between actions, browses the
invoice list, opens invoices, creates and finalizes drafts and records payments (API, with an
API token of the same account).
"""

from __future__ import annotations

import itertools
import random
import re
import threading

import socketio
from locust import HttpUser, between, task

from benchmarks import common

PASSWORD = "bench password 1"
ACCOUNTS: list[dict] = []  # [{"email", "token"}], filled by load.py before the run
CUSTOMER: dict = {}  # {"id": ...}
_next_account = itertools.count()
_lock = threading.Lock()
SOCKET_EVENTS = {"received": 0, "connect_errors": 0}
READY = {"users": 0}  # clerks signed in with their socket open


def draft(customer_id: int) -> dict:
    return common.draft_body(customer_id, random.randrange(1, 10**6))


def why(resp) -> str:
    """The API's error code and message (no correlation id, so equal failures add up)."""
    try:
        error = resp.json()["error"]
        return f"{resp.status_code} {error['code']}: {error['message']}"[:300]
    except (ValueError, KeyError, TypeError):
        return f"{resp.status_code} {resp.text[:200]}"


class Clerk(HttpUser):
    wait_time = between(1, 3)

    def on_start(self) -> None:
        account = ACCOUNTS[next(_next_account) % len(ACCOUNTS)]
        self.api = {"Authorization": f"Bearer {account['token']}"}
        self.finalized: list[tuple[int, str]] = []  # (invoice id, total) not yet paid
        self.seen: list[int] = []
        self._sign_in(account["email"])
        self._open_socket()
        with _lock:
            READY["users"] += 1

    def on_stop(self) -> None:
        if getattr(self, "sio", None) is not None:
            self.sio.disconnect()

    def _sign_in(self, email: str) -> None:
        page = self.client.get("/login", name="sign in (form)")
        token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page.text)
        data = {"email": email, "password": PASSWORD, "csrf_token": token.group(1)}
        with self.client.post(
            "/login", data=data, name="sign in", catch_response=True, allow_redirects=False
        ) as resp:
            if resp.status_code != 302:
                resp.failure(f"sign-in answered {resp.status_code}")

    def _open_socket(self) -> None:
        """The page's live connection, on the browser's cookies (nginx's route cookie too)."""
        # A browser waits longer than python-socketio's 5 s for a busy server's handshake.
        self.sio = socketio.Client(reconnection=True, http_session=self.client, request_timeout=30)

        @self.sio.on("*")
        def _any(event, data):
            with _lock:
                SOCKET_EVENTS["received"] += 1

        try:
            # The same User-Agent as the pages: sessions are bound to address and browser.
            agent = {"User-Agent": self.client.headers["User-Agent"]}
            self.sio.connect(self.host, headers=agent, transports=["websocket"], wait_timeout=30)
        except Exception as exc:  # counted as a failed request: the run must show 0
            with _lock:
                SOCKET_EVENTS["connect_errors"] += 1
            self.environment.events.request.fire(
                request_type="WS",
                name="socket.io connect",
                response_time=0,
                response_length=0,
                exception=exc,
                context={},
            )
            self.sio = None

    @task(4)
    def browse_list(self) -> None:
        self.client.get("/invoicing/invoices", name="page: invoice list")

    @task(2)
    def api_list(self) -> None:
        resp = self.client.get(
            "/api/v1/invoices?limit=50", headers=self.api, name="api: invoice list"
        )
        if resp.ok:
            self.seen = [row["id"] for row in resp.json()["data"]] or self.seen

    @task(3)
    def open_invoice(self) -> None:
        if self.seen:
            invoice_id = random.choice(self.seen)
            self.client.get(f"/invoicing/invoices/{invoice_id}", name="page: invoice")

    @task(2)
    def create_and_finalize(self) -> None:
        resp = self.client.post(
            "/api/v1/invoices",
            json=draft(CUSTOMER["id"]),
            headers=self.api,
            name="api: create draft",
        )
        if resp.status_code != 201:
            return
        invoice_id = resp.json()["id"]
        with self.client.post(
            f"/api/v1/invoices/{invoice_id}/finalize",
            headers=self.api,
            name="api: finalize",
            catch_response=True,
        ) as done:
            if done.ok:
                self.finalized.append((invoice_id, done.json()["amount_due"]))
            else:
                done.failure(why(done))

    @task(1)
    def record_payment(self) -> None:
        if not self.finalized:
            return
        invoice_id, total = self.finalized.pop(0)
        body = {"amount": total, "allocations": [{"invoice_id": invoice_id, "amount": total}]}
        self.client.post(
            "/api/v1/payments", json=body, headers=self.api, name="api: record payment"
        )
