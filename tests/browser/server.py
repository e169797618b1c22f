"""A real Ledgerline server in a process of its own (``flask --app wsgi run``), as users start
it; forked from a launcher that has the libraries imported already (tests/support/forkserver.py)."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

from tests.support import forkserver
from tests.support.servers import free_port

ROOT = Path(__file__).resolve().parents[2]


class AppServer:
    def __init__(
        self,
        db_url: str,
        instance: Path,
        message_queue: str | None = None,
        port: int = 0,
        env: dict | None = None,
    ) -> None:
        self.port = port or free_port()
        self.log = instance / f"server-{self.port}.log"
        env = {
            **os.environ,
            "DATABASE_URL": db_url,
            "LEDGERLINE_INSTANCE_PATH": str(instance),
            "LEDGERLINE_JOBS_BACKEND": "immediate",
            **(env or {}),
        }
        env.pop("LEDGERLINE_SOCKETIO_MESSAGE_QUEUE", None)
        if message_queue:
            env["LEDGERLINE_SOCKETIO_MESSAGE_QUEUE"] = message_queue
        args = ["--app", "wsgi", "run", "--host", "127.0.0.1", "--port", str(self.port)]
        args += ["--no-reload"]
        self.proc = forkserver.flask(args, env, self.log)  # without Python's start-up
        self._wait_ready()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _wait_ready(self, timeout: float = 60.0) -> None:
        try:
            self._poll_ready(timeout)
        except RuntimeError:
            self.stop()  # a server that never became ready must not outlive the test
            raise

    def _poll_ready(self, timeout: float) -> None:
        import urllib.request

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited:\n{self.log.read_text()[-3000:]}")
            try:
                urllib.request.urlopen(self.url + "/login", timeout=2).close()
                return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"server not ready after {timeout}s:\n{self.log.read_text()[-3000:]}")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(10)


def seed(app, make_company, make_user, api_token) -> dict:
    """One company, its admin and a colleague with an API token; the test's session is closed
    afterwards so the server processes have the database to themselves."""
    from core.db import db

    company = make_company()
    admin = make_user(company=company)
    colleague = make_user(email="finance@acme.ae", company=company, role="FINANCE_USER")
    facts = {
        "company_id": company.id,
        "admin": admin.email,
        "colleague": colleague.email,
        "token": api_token(colleague, "read,write"),
        "admin_token": api_token(admin, "read,write"),
    }
    db.session.commit()
    db.session.remove()
    return facts
