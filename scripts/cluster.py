"""`make cluster`: Ledgerline as it runs at scale, on one machine.

PostgreSQL and Redis (private instances in the run folder), two app processes
(`gunicorn -c deploy/gunicorn.conf.py`, gevent, Socket.IO through a Redis message queue), two
Huey workers on Redis (both schedule; each due run is claimed by one) and nginx in front
with deploy/nginx/ledgerline.conf (WebSocket upgrade, sticky routing for long-polling).

    .venv/bin/python scripts/cluster.py [--port 8080] [--dir instance/cluster] [--no-demo]

Ctrl-C stops everything. tests/cluster/ drives the same `Cluster` class on free ports.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.cluster_services import (  # noqa: E402
    AppProcess,
    Nginx,
    Postgres,
    Process,
    Redis,
    free_port,
)

BIN = Path(sys.executable).parent
POOL = '{"pool_pre_ping": true, "pool_size": 20, "max_overflow": 30, "pool_timeout": 60}'


class Cluster:
    """Every service of the cluster; ``start()`` brings it up, ``stop()`` leaves nothing."""

    def __init__(
        self, run_dir: Path, port: int = 0, demo: bool = True, echo=print, extra_env=None
    ) -> None:
        self.dir = Path(run_dir).resolve()
        self.extra_env = dict(extra_env or {})
        self.port = port or free_port()
        self.demo = demo
        self.echo = echo
        self.postgres: Postgres | None = None
        self.redis: Redis | None = None
        self.apps: list[AppProcess] = []
        self.workers: list[Process] = []
        self.nginx: Nginx | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def env(self) -> dict[str, str]:
        """The settings every process of the cluster shares (README "Running at scale")."""
        redis = self.redis.db_url
        env = {
            **os.environ,
            "DATABASE_URL": self.postgres.url(),
            "LEDGERLINE_INSTANCE_PATH": str(self.dir / "instance"),
            "LEDGERLINE_SOCKETIO_ASYNC_MODE": "gevent",
            "LEDGERLINE_SOCKETIO_MESSAGE_QUEUE": redis(0),
            "LEDGERLINE_JOBS_BACKEND": "redis",
            "LEDGERLINE_JOBS_REDIS_URL": redis(1),
            "LEDGERLINE_RATELIMIT_STORAGE_URI": redis(2),
            "LEDGERLINE_PROXY_HOPS": "1",
            # gevent serves hundreds of requests at once per process: a bigger pool than
            # SQLAlchemy's 5 + 10 (PostgreSQL here allows 300 connections).
            "LEDGERLINE_SQLALCHEMY_ENGINE_OPTIONS": POOL,
            **self.extra_env,
        }
        for name in ("LEDGERLINE_SOCKETIO_TRANSPORTS", "LEDGERLINE_PRODUCTION"):
            env.pop(name, None)
        return env

    def flask(self, *args: str) -> str:
        """Run ``flask --app wsgi ARGS`` against the cluster's database; return its output."""
        cmd = [str(BIN / "flask"), "--app", "wsgi", *args]
        done = subprocess.run(cmd, cwd=ROOT, env=self.env(), capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"flask {' '.join(args)} failed:\n{done.stdout}{done.stderr}")
        return done.stdout

    def start(self) -> Cluster:
        self.dir.mkdir(parents=True, exist_ok=True)
        self.dir.chmod(0o755)  # nginx's workers (user nobody) reach their temp folders
        try:
            self._start_all()
        except BaseException:
            self.stop()
            raise
        return self

    def _start_all(self) -> None:
        started = time.monotonic()
        self.postgres = Postgres(self.dir / "postgres", database="ledgerline").start()
        self.redis = Redis(self.dir).start()
        self.echo(f"PostgreSQL on {self.postgres.port}, Redis on {self.redis.port}")
        self.flask("db", "upgrade", "heads")  # also writes the shared secret keys, once
        self.echo(f"Database migrated ({time.monotonic() - started:.0f} s)")
        if self.demo:
            self.flask("demo")
            self.echo(f"Demo data seeded ({time.monotonic() - started:.0f} s)")
        for name in ("a", "b"):
            self.apps.append(AppProcess(name, self.dir, self.env).start())
        for app in self.apps:
            app.wait_ready()
        self.echo("App processes: " + ", ".join(f"{a.name} on {a.port}" for a in self.apps))
        self.workers = [self._worker(1), self._worker(2)]
        self.nginx = Nginx(self.dir, self.port, [a.port for a in self.apps], ROOT).start()
        self.echo(f"nginx on {self.url}; started in {time.monotonic() - started:.0f} s")

    def _worker(self, number: int) -> Process:
        # Every worker schedules: a due run is claimed by one (core.jobs.periodic), so scheduled
        # jobs go on when a worker dies.
        cmd = [str(BIN / "flask"), "--app", "wsgi", "jobs", "worker", "--workers", "2"]
        return Process(f"worker-{number}", cmd, self.dir, self.env()).start()

    def restart_app(self, index: int) -> None:
        """Rolling restart of one app process: graceful stop, start, wait until it answers."""
        self.apps[index].stop()
        self.apps[index].start().wait_ready()

    def stop(self) -> None:
        for service in [self.nginx, *self.workers, *self.apps, self.redis, self.postgres]:
            if service is not None:
                service.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8080, help="nginx's port (default 8080)")
    parser.add_argument("--dir", default=str(ROOT / "instance" / "cluster"))
    parser.add_argument("--no-demo", action="store_true", help="do not seed demo data")
    parser.add_argument("--fresh", action="store_true", help="delete the run folder first")
    args = parser.parse_args()
    if args.fresh:
        shutil.rmtree(args.dir, ignore_errors=True)
    cluster = Cluster(Path(args.dir), args.port, demo=not args.no_demo)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    cluster.start()
    print(f"Ledgerline cluster on {cluster.url}  (sign in as admin@acme.ae / ledgerline-demo)")
    print(f"Logs in {cluster.dir}. Ctrl-C stops everything.")
    try:
        while all(s.alive() for s in [*cluster.apps, *cluster.workers, cluster.nginx]):
            time.sleep(1)
        print("A process of the cluster ended; stopping the others.", file=sys.stderr)
    except KeyboardInterrupt:
        pass
    finally:
        cluster.stop()


if __name__ == "__main__":
    main()
