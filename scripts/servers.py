"""Real servers on free ports: PostgreSQL, Redis and any child process with a log.

The one launcher module of the repository: the tests (through tests/support/servers.py),
`make cluster` (scripts/cluster.py) and the benchmarks start their servers with it.

    pg = Postgres().start()               # throw-away cluster in a temp dir, fsync off
    pg = Postgres(Path("run/pg"), database="ledgerline").start()   # kept between runs
    redis = Redis().start()               # or Redis(run_dir) to keep its log there
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    """A port free right now (only a hint: start on it and retry if another process won)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port: int, proc=None, timeout: float = 30.0) -> None:
    """Wait until something listens on ``port``; fail early when ``proc`` exits."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"process exited with {proc.returncode} before port {port} opened")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError(f"nothing listens on port {port} after {timeout}s")


def wait_for_http(url: str, timeout: float = 60.0, proc=None) -> None:
    """Wait until ``url`` answers. A listening socket is not enough: a pre-forking server
    (gunicorn) binds before its worker has imported the app, which takes seconds on a busy
    machine or under pytest-xdist."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode} before answering {url}")
        try:
            urllib.request.urlopen(url, timeout=5).close()
            return
        except urllib.error.HTTPError:
            return  # it answered
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not answer within {timeout}s")


class Process:
    """A child process in its own session; output in ``<run_dir>/<name>.log`` (or dropped)."""

    def __init__(self, name: str, cmd: list[str], run_dir: Path | None, env: dict) -> None:
        self.name, self.cmd, self.env = name, cmd, env
        self.log = run_dir / f"{name}.log" if run_dir is not None else None
        self.proc: subprocess.Popen | None = None

    def start(self):
        with open(self.log or os.devnull, "ab") as out:
            self.proc = subprocess.Popen(
                self.cmd, cwd=ROOT, env=self.env, stdout=out, stderr=out, start_new_session=True
            )
        return self

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 30.0) -> None:
        if not self.alive():
            return
        self.proc.send_signal(sig)
        try:
            self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(10)


class Redis(Process):
    """redis-server on a free port, nothing persisted."""

    def __init__(self, run_dir: Path | None = None) -> None:
        self.port = free_port()
        cmd = ["redis-server", "--bind", "127.0.0.1", "--port", str(self.port)]
        cmd += ["--save", "", "--appendonly", "no", "--maxclients", "10000"]
        super().__init__("redis", cmd, run_dir, dict(os.environ))

    @property
    def url(self) -> str:
        return self.db_url(0)

    def db_url(self, number: int) -> str:
        return f"redis://127.0.0.1:{self.port}/{number}"

    def start(self):
        super().start()
        wait_for_port(self.port, self.proc)
        return self


def _pg_bin() -> Path:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    if not found:
        raise RuntimeError("PostgreSQL is not installed (apt-get install postgresql)")
    return found[-1].parent


def _as_postgres(cmd: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else cmd


# A throw-away cluster trades durability for speed; a kept one (make cluster) does not.
_FAST = "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"


class Postgres:
    """A private PostgreSQL cluster on a free port, trusted local connections only.

    Without ``path`` it lives in a temp dir with fsync off and ``stop()`` deletes it (tests,
    benchmarks); with ``path`` it is created once, kept between runs, and ``database`` is
    created with it (``make cluster``)."""

    def __init__(self, path: Path | None = None, database: str | None = None) -> None:
        self.throwaway = path is None
        self.dir = Path(tempfile.mkdtemp(prefix="ll-pg-")) if path is None else Path(path)
        self.data = self.dir / "data"
        self.database = database
        self.port = free_port()
        self.bin = _pg_bin()

    def url(self, dbname: str | None = None) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{dbname or self.database}"

    def start(self):
        fresh = not self.data.exists()
        if fresh:
            self._initdb()
        # free_port() only hints: another server may take the port before PostgreSQL binds
        # it, so a failed start is retried on a new port.
        for attempt in range(3):
            try:
                self._pg_ctl_start()
                break
            except RuntimeError:
                if attempt == 2:
                    raise
                self.port = free_port()
        if fresh and self.database:
            self.admin(f'CREATE DATABASE "{self.database}"')
        return self

    def admin(self, sql: str) -> None:
        """Run one statement as the superuser, outside a transaction."""
        import psycopg

        dsn = self.url("postgres").replace("+psycopg", "")
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute(sql)

    def stop(self) -> None:
        mode = "immediate" if self.throwaway else "fast"
        subprocess.run(
            _as_postgres([str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", mode, "stop"]),
            capture_output=True,
        )
        if self.throwaway:
            shutil.rmtree(self.dir, ignore_errors=True)

    def _initdb(self) -> None:
        self.dir.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres", "postgres")
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8",
                  "--locale=C.UTF-8")  # fmt: skip

    def _pg_ctl_start(self) -> None:
        opts = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c max_connections=300"
        if self.throwaway:
            opts += f" {_FAST}"
        log = str(self.dir / "postgres.log")
        self._run("pg_ctl", "-D", str(self.data), "-o", opts, "-w", "-l", log, "start")

    def _run(self, *cmd: str) -> None:
        done = subprocess.run(
            _as_postgres([str(self.bin / cmd[0]), *cmd[1:]]), capture_output=True, text=True
        )
        if done.returncode != 0:
            log = self.dir / "postgres.log"
            tail = log.read_text()[-2000:] if log.exists() else ""
            raise RuntimeError(f"{cmd[0]} failed: {done.stdout}{done.stderr}\n{tail}")
