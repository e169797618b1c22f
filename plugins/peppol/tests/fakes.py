"""Fake provider servers: real HTTP on a free port, started and stopped by the tests.

A ``FakeServer`` answers each request from a script of responses for its route (first match
of method and path prefix), falling back to the route's default. A scripted response may be
``Reply(status, body, headers)``, ``Sleep(seconds)`` (then 200: a real timeout for a client
with a shorter one) or ``Drop()`` (the connection closes without an answer).
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Reply:
    status: int = 200
    body: bytes | str | dict | list = b""
    headers: dict = field(default_factory=dict)


@dataclass
class Sleep:
    seconds: float
    then: Reply = field(default_factory=Reply)


@dataclass
class Drop:
    pass


@dataclass
class Seen:
    method: str
    path: str
    headers: dict
    body: bytes


class FakeServer:
    def __init__(self, routes=None):
        self.routes: dict[tuple[str, str], object] = dict(routes or {})
        self.scripts: dict[tuple[str, str], deque] = {}
        self.seen: list[Seen] = []
        self.lock = threading.Lock()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.httpd.daemon_threads = True
        # A short poll: stop() waits for the loop to look (every 0.5 s by default).
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_port}"

    def script(self, method: str, prefix: str, *replies) -> FakeServer:
        with self.lock:
            self.scripts.setdefault((method, prefix), deque()).extend(replies)
        return self

    def requests_to(self, method: str, prefix: str) -> list[Seen]:
        return [s for s in self.seen if s.method == method and s.path.startswith(prefix)]

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def _answer(self, seen: Seen):
        with self.lock:
            self.seen.append(seen)
            for (method, prefix), queue in self.scripts.items():
                if method == seen.method and seen.path.startswith(prefix) and queue:
                    return queue.popleft()
        for (method, prefix), default in sorted(self.routes.items(), key=lambda r: -len(r[0][1])):
            if method == seen.method and seen.path.startswith(prefix):
                return default(seen) if callable(default) else default
        return Reply(404, {"error": "no such route"})

    def _handler(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):  # quiet test output
                pass

            def _any(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                seen = Seen(self.command, self.path, dict(self.headers), body)
                reply = server._answer(seen)
                if isinstance(reply, Drop):
                    self.close_connection = True
                    self.connection.close()
                    return
                if isinstance(reply, Sleep):
                    time.sleep(reply.seconds)
                    reply = reply.then
                self._send(reply)

            def _send(self, reply: Reply):
                body = reply.body
                headers = dict(reply.headers)
                if isinstance(body, dict | list):
                    body = json.dumps(body).encode()
                    headers.setdefault("Content-Type", "application/json")
                elif isinstance(body, str):
                    body = body.encode()
                try:
                    self.send_response(reply.status)
                    for k, v in headers.items():
                        self.send_header(k, v)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except OSError:  # the client gave up (its timeout): nothing to answer
                    pass

            do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = do_PATCH = _any

        return Handler
