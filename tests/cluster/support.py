"""Clients of a running cluster: HTTP through nginx, Socket.IO pinned to one app process.

nginx keeps a client on one process with the ``ledgerline_route`` cookie
(deploy/nginx/ledgerline.conf); setting it picks the process, as a browser that was sent
there before would.
"""

from __future__ import annotations

import threading
import time

import requests

from tests.support import sockets

ROUTES = ("ledgerline_a", "ledgerline_b")  # app process a, app process b


def session(token: str, route: str | None = None) -> requests.Session:
    http = requests.Session()
    http.headers["Authorization"] = f"Bearer {token}"
    if route is not None:
        http.cookies.set("ledgerline_route", route, domain="127.0.0.1", path="/")
    return http


class LiveClient:
    """A Socket.IO client that records every event and, like realtime.js, re-fetches what it
    shows after each reconnect (``resync`` is called with the client)."""

    def __init__(self, url, token, route, transports=("websocket",), resync=None) -> None:
        self.events: list[tuple[str, dict]] = []
        self.connects = 0
        self.resync = resync
        self.resynced: set[int] = set()
        self._lock = threading.Lock()
        self.url, self.token, self.transports = url, token, list(transports)
        self.sio = sockets.client(
            reconnection=True,
            reconnection_delay=0.2,
            reconnection_delay_max=1,
            http_session=session(token, route),
        )
        self.sio.on("*", self._record)
        self.sio.on("connect", self._connected)

    def connect(self) -> LiveClient:
        self.sio.connect(
            self.url, auth={"token": self.token}, transports=self.transports, wait_timeout=20
        )
        return self

    def _record(self, event, data) -> None:
        with self._lock:
            self.events.append((event, data))

    def _connected(self) -> None:
        self.connects += 1
        if self.connects > 1 and self.resync is not None:
            # Not in the handler's thread: the client waits for handlers before going on.
            threading.Thread(target=self._resync, daemon=True).start()

    def _resync(self) -> None:
        found = self.resync(self)
        with self._lock:
            self.resynced |= found

    def ids(self, event: str) -> set[int]:
        with self._lock:
            return {data["id"] for name, data in self.events if name == event}

    def wait_for(self, predicate, timeout: float = 20.0) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if predicate():
                return True
            time.sleep(0.05)
        return predicate()

    def join(self, room: str, presence: bool = False) -> dict:
        return self.sio.call("join", {"room": room, "presence": presence}, timeout=20)

    def close(self) -> None:
        self.sio.disconnect()


def all_ids(http: requests.Session, url: str) -> set[int]:
    """Every id a paginated API list returns."""
    ids, offset = set(), 0
    while True:
        sep = "&" if "?" in url else "?"
        page = http.get(f"{url}{sep}limit=200&offset={offset}", timeout=30)
        page.raise_for_status()
        body = page.json()
        ids |= {row["id"] for row in body["data"]}
        offset = body["pagination"].get("next_offset")
        if offset is None:
            return ids
