"""``make run``'s script: the web server and the jobs worker start together, and one Ctrl-C
(SIGINT to the terminal's process group) stops both, leaving nothing behind."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import time
import urllib.request

from core import PROJECT_ROOT
from tests.support.servers import free_port


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def wait_for(url: str, proc, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert proc.poll() is None, "make run's script exited early"
        try:
            urllib.request.urlopen(url, timeout=2).close()
            return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"{url} not answering after {timeout}s")


def wait_for_text(log, text: str, proc, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while text not in log.read_text():
        assert proc.poll() is None, "make run's script exited early"
        assert time.monotonic() < deadline, f"{text!r} not in the output after {timeout}s"
        time.sleep(0.2)


def test_one_ctrl_c_stops_the_server_and_the_worker(db_url, tmp_path):
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": db_url,
        "LEDGERLINE_INSTANCE_PATH": str(tmp_path),
        "LEDGERLINE_JOBS_BACKEND": "sqlite",
        "PORT": str(port),
    }
    log = tmp_path / "run.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [str(PROJECT_ROOT / "scripts" / "run.sh")],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, like a terminal's foreground job
        )
    try:
        wait_for(f"http://127.0.0.1:{port}/login", proc)
        worker = int(re.search(r"Jobs worker running beside it \(pid (\d+)\)", log.read_text())[1])
        wait_for_text(log, "Ledgerline jobs worker", proc)  # the worker is up, not still starting
        assert alive(worker)
        os.killpg(proc.pid, signal.SIGINT)
        proc.wait(30)
        deadline = time.monotonic() + 15
        while alive(worker) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not alive(worker), log.read_text()[-2000:]
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(10)
