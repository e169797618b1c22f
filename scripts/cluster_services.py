"""The services `scripts/cluster.py` runs beside PostgreSQL and Redis (scripts/servers.py):
the app processes and nginx; each starts, says when it is ready, and stops."""

from __future__ import annotations

import os
import shutil
import signal
import sys
from pathlib import Path

from scripts.servers import ROOT, Postgres, Process, Redis, free_port, wait_for_http, wait_for_port

__all__ = ["AppProcess", "Nginx", "Postgres", "Process", "Redis", "free_port"]
SITE = ROOT / "deploy" / "nginx" / "ledgerline.conf"
GUNICORN_CONF = ROOT / "deploy" / "gunicorn.conf.py"


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
        try:
            wait_for_http(f"http://127.0.0.1:{self.port}/login", timeout, self.proc)
        except RuntimeError as exc:
            raise RuntimeError(f"{self.name}: {exc}\n{self.log.read_text()[-3000:]}") from None


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
