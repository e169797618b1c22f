"""The services `scripts/cluster.py` runs: each starts, says when it is ready, and stops."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "deploy" / "nginx" / "ledgerline.conf"
GUNICORN_CONF = ROOT / "deploy" / "gunicorn.conf.py"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port: int, proc=None, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"process exited with {proc.returncode} before port {port} opened")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError(f"nothing listens on port {port} after {timeout}s")


class Process:
    """A child process with its output in ``<run dir>/<name>.log``."""

    def __init__(self, name: str, cmd: list[str], run_dir: Path, env: dict) -> None:
        self.name, self.cmd, self.env = name, cmd, env
        self.log = run_dir / f"{name}.log"
        self.proc: subprocess.Popen | None = None

    def start(self):
        with open(self.log, "ab") as out:
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


class AppProcess(Process):
    """``gunicorn -c deploy/gunicorn.conf.py`` on its own port; the same port on restart."""

    def __init__(self, name: str, run_dir: Path, env) -> None:
        self.port = free_port()
        cmd = [sys.executable, "-m", "gunicorn", "-c", str(GUNICORN_CONF)]
        cmd += ["-b", f"127.0.0.1:{self.port}", "--name", f"ledgerline-{name}"]
        cmd += ["--control-socket", str(run_dir / f"app-{name}.ctl"), "wsgi:app"]
        super().__init__(f"app-{name}", cmd, run_dir, env())
        self.name = name

    def wait_ready(self, timeout: float = 90.0) -> None:
        """A pre-forking server listens before its worker has imported the app: ask it."""
        url = f"http://127.0.0.1:{self.port}/login"
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self.alive():
                raise RuntimeError(f"{self.name} exited:\n{self.log.read_text()[-3000:]}")
            try:
                urllib.request.urlopen(url, timeout=5).close()
                return
            except urllib.error.HTTPError:
                return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"{self.name} did not answer within {timeout}s")


class Redis(Process):
    def __init__(self, run_dir: Path) -> None:
        self.port = free_port()
        cmd = ["redis-server", "--bind", "127.0.0.1", "--port", str(self.port)]
        cmd += ["--save", "", "--appendonly", "no", "--maxclients", "10000"]
        super().__init__("redis", cmd, run_dir, dict(os.environ))

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}"

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


class Postgres:
    """A private PostgreSQL cluster in ``dir`` (created once), database ``ledgerline``."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.data = path / "data"
        self.port = free_port()
        self.bin = _pg_bin()

    @property
    def url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/ledgerline"

    def _run(self, *cmd: str) -> None:
        done = subprocess.run(
            _as_postgres([str(self.bin / cmd[0]), *cmd[1:]]), capture_output=True, text=True
        )
        if done.returncode != 0:
            log = self.path / "postgres.log"
            tail = log.read_text()[-2000:] if log.exists() else ""
            raise RuntimeError(f"{cmd[0]} failed: {done.stdout}{done.stderr}\n{tail}")

    def start(self):
        fresh = not self.data.exists()
        if fresh:
            self.path.mkdir(parents=True, exist_ok=True)
            if os.geteuid() == 0:
                shutil.chown(self.path, "postgres", "postgres")
            # Local only, trusted: a development cluster. Production uses its own server.
            self._run(
                "initdb",
                "-D",
                str(self.data),
                "-U",
                "postgres",
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
            )
        opts = f"-p {self.port} -k {self.path} -c listen_addresses=127.0.0.1 -c max_connections=300"
        self._run(
            "pg_ctl",
            "-D",
            str(self.data),
            "-o",
            opts,
            "-w",
            "-l",
            str(self.path / "postgres.log"),
            "start",
        )
        if fresh:
            self._run(
                "createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "ledgerline"
            )
        return self

    def stop(self) -> None:
        subprocess.run(
            _as_postgres([str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "fast", "stop"]),
            capture_output=True,
        )


class Nginx(Process):
    """nginx with deploy/nginx/ledgerline.conf, its addresses replaced by this run's ports."""

    def __init__(self, run_dir: Path, port: int, app_ports: list[int], root: Path) -> None:
        self.port = port
        conf = run_dir / "nginx.conf"
        (run_dir / "ledgerline.conf").write_text(site(port, app_ports, root))
        conf.write_text(main_conf(run_dir))
        cmd = [
            shutil.which("nginx") or "/usr/sbin/nginx",
            "-p",
            str(run_dir),
            "-c",
            str(conf),
            "-g",
            "daemon off;",
        ]
        super().__init__("nginx", cmd, run_dir, dict(os.environ))

    def start(self):
        super().start()
        wait_for_port(self.port, self.proc)
        return self

    def stop(self, sig: int = signal.SIGQUIT, timeout: float = 30.0) -> None:
        super().stop(sig, timeout)  # SIGQUIT: graceful (finish open requests)


def site(port: int, app_ports: list[int], root: Path) -> str:
    """The production site file with this run's ports; every replaced address must exist."""
    text = SITE.read_text()
    replacements = {
        "listen 127.0.0.1:8080;": f"listen 127.0.0.1:{port};",
        "127.0.0.1:8001": f"127.0.0.1:{app_ports[0]}",
        "127.0.0.1:8002": f"127.0.0.1:{app_ports[1]}",
        "/srv/ledgerline/static/": f"{root / 'static'}/",
    }
    for old, new in replacements.items():
        if old not in text:
            raise RuntimeError(f"{SITE} no longer contains {old!r}")
        text = text.replace(old, new)
    return text


def main_conf(run_dir: Path) -> str:
    """The top level /etc/nginx/nginx.conf would give, kept inside the run folder."""
    temp = run_dir / "nginx-temp"
    temp.mkdir(exist_ok=True)
    temp.chmod(0o777)
    paths = "\n".join(
        f"    {kind}_temp_path {temp / kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return f"""worker_processes 1;
worker_rlimit_nofile 20000;
pid {run_dir / "nginx.pid"};
error_log {run_dir / "nginx-error.log"} warn;
events {{
    worker_connections 8000;
}}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    log_format upstream '$remote_addr [$time_local] "$request" $status $body_bytes_sent '
                        'upstream=$upstream_addr $request_time';
    access_log {run_dir / "nginx-access.log"} upstream;
{paths}
    include {run_dir / "ledgerline.conf"};
}}
"""
