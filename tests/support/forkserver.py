"""App servers for tests without paying Python's start-up and Ledgerline's imports each time.

A test server is ``flask --app wsgi run`` in a process of its own (tests/browser/server.py).
Starting Python and importing Ledgerline with every plugin costs ~3 s of CPU before the app is
even built, and dozens of tests start one. The launcher (``python -m
tests.support.forkserver``, one per test process, started on first use) builds one throw-away
app so that every module an app imports is loaded, then forks a child per server. The child
takes the test's environment, working directory and log file, and runs the same command line
through Flask's CLI (``flask.cli.main``): it imports ``wsgi``, whose ``create_app()`` builds
the app from that environment, and serves it as ``flask run`` does. What it no longer does is
start an interpreter and import the libraries.

A server whose environment changes how Python starts (``PYTHON*`` variables, e.g. the
scaffold test's private site folder on ``PYTHONPATH``) is started as a real subprocess.

The launcher's children are descendants of the test process, so the end-of-session check
(tests/support/leftovers.py) still sees a server a test forgot. The root conftest stops the
launcher before that check; a launcher that died (e.g. killed by that check's own test) is
started again on the next request.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


class Launcher:
    """The test process's side: one launcher process, asked one request at a time."""

    def __init__(self) -> None:
        self._proc: subprocess.Popen | None = None
        self._lock = threading.Lock()
        self._log = Path(tempfile.gettempdir()) / "ll-forkserver.log"

    def start(self, args: list[str], env: dict, cwd: Path, log: Path) -> ForkedServer:
        with self._lock:
            self._ensure_running()
            answer = self._ask(
                {"op": "start", "args": args, "env": env, "cwd": str(cwd), "log": str(log)}
            )
        return ForkedServer(self, answer["pid"])

    def forks(self, env: dict) -> bool:
        """Whether a server with ``env`` may be forked (its interpreter would start alike).
        PYTHONUNBUFFERED does not count: a forked child writes its output line by line."""
        here = _start_up(os.environ)
        return here == _start_up(env)

    def ask(self, request: dict) -> dict:
        with self._lock:
            if self._proc is None or self._proc.poll() is not None:
                return {"code": -signal.SIGKILL}  # the launcher and its children are gone
            return self._ask(request)

    def stop(self) -> None:
        """Stop the launcher, unless a server it started still runs: that one is left to the
        end-of-session check, which reports (and kills) it with the launcher."""
        with self._lock:
            if self._proc is not None and self._proc.poll() is None:
                if self._ask({"op": "running"})["pids"]:
                    return
                self._proc.stdin.close()  # end of requests: it stops its children and exits
                try:
                    self._proc.wait(30)
                except subprocess.TimeoutExpired:
                    self._proc.kill()
                    self._proc.wait(10)
                if self._proc.returncode == 0:
                    self._log.unlink(missing_ok=True)  # kept when something went wrong
            self._proc = None

    def _ensure_running(self) -> None:
        if self._proc is not None and self._proc.poll() is None:
            return
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith("LEDGERLINE_") and k != "DATABASE_URL"
        }
        self._log = Path(tempfile.gettempdir()) / f"ll-forkserver-{os.getpid()}.log"
        with self._log.open("ab") as log:
            self._proc = subprocess.Popen(
                [sys.executable, "-m", "tests.support.forkserver"],
                cwd=ROOT,
                env=env,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=log,
                text=True,
            )
        ready = self._proc.stdout.readline()
        if not ready:
            raise RuntimeError(f"the app server launcher did not start: see {self._log}")

    def _ask(self, request: dict) -> dict:
        self._proc.stdin.write(json.dumps(request) + "\n")
        self._proc.stdin.flush()
        line = self._proc.stdout.readline()
        if not line:
            raise RuntimeError("the app server launcher exited")
        return json.loads(line)


class ForkedServer:
    """What AppServer uses of ``subprocess.Popen``, for a server the launcher forked."""

    def __init__(self, launcher: Launcher, pid: int) -> None:
        self.launcher = launcher
        self.pid = pid
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None:
            self.returncode = self.launcher.ask({"op": "poll", "pid": self.pid})["code"]
        return self.returncode

    def send_signal(self, sig: int) -> None:
        if self.poll() is None:
            self.launcher.ask({"op": "signal", "pid": self.pid, "signal": int(sig)})

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    def wait(self, timeout: float | None = None) -> int:
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() > deadline:
                raise subprocess.TimeoutExpired(f"app server {self.pid}", timeout)
            time.sleep(0.05)
        return self.returncode


LAUNCHER = Launcher()


def flask(args: list[str], env: dict, log: Path) -> ForkedServer | subprocess.Popen:
    """``flask <args>`` (a server or any other command of the CLI) in a process of its own,
    with ``env`` and its output in ``log``: forked from the launcher when it may be, else
    started as a subprocess. Either answers poll/wait/send_signal/terminate/kill."""
    if LAUNCHER.forks(env):
        log.write_bytes(b"")  # there from the start, as a subprocess's would be
        return LAUNCHER.start(args, env, ROOT, log)
    with open(log, "wb") as out:
        cmd = [sys.executable, "-m", "flask", *args]
        return subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=out)


def _start_up(env) -> dict:
    """The variables that change how Python starts."""
    return {k: v for k, v in env.items() if k.startswith("PYTHON") and k != "PYTHONUNBUFFERED"}


# The launcher process ------------------------------------------------------------------------


def _preload() -> None:
    """Build and drop one app: every module a Ledgerline app imports is then loaded."""
    from core import create_app

    with tempfile.TemporaryDirectory() as instance:
        app = create_app(
            {"SQLALCHEMY_DATABASE_URI": "sqlite://", "SECRET_KEY": "x", "INSTANCE_PATH": instance}
        )
        with app.app_context():
            app.extensions["sqlalchemy"].engine.dispose()


def _child(request: dict, reply) -> None:
    """In the forked child: become ``flask <args>`` with the test's environment; never
    return into the launcher's loop."""
    code = 1
    try:
        reply.close()  # the test process must see the launcher's end, not a child's
        null = os.open(os.devnull, os.O_RDONLY)
        log = os.open(request["log"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        os.dup2(null, 0)
        os.dup2(log, 1)
        os.dup2(log, 2)
        # Line by line, as a test reading the log while the process runs expects.
        sys.stdout = open(1, "w", buffering=1, closefd=False)  # noqa: SIM115
        sys.stderr = open(2, "w", buffering=1, closefd=False)  # noqa: SIM115
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        sys.argv = ["flask", *request["args"]]
        from flask.cli import main

        main()
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except BaseException:
        import traceback

        traceback.print_exc()
    finally:
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):  # exiting anyway
                stream.flush()
        os._exit(code)


class _Children:
    def __init__(self, reply) -> None:
        self.codes: dict[int, int | None] = {}
        self.reply = reply

    def start(self, request: dict) -> dict:
        pid = os.fork()
        if pid == 0:
            _child(request, self.reply)
        self.codes[pid] = None
        return {"pid": pid}

    def poll(self, pid: int) -> int | None:
        if self.codes.get(pid) is None:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                self.codes[pid] = os.waitstatus_to_exitcode(status)
        return self.codes[pid]

    def signal(self, pid: int, sig: int) -> None:
        if self.poll(pid) is None:
            os.kill(pid, sig)

    def stop_all(self) -> None:
        for pid in [p for p in self.codes if self.poll(p) is None]:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)


def main() -> None:
    # Answers go to the test process on the original stdout; whatever else is printed here
    # (by the app, by libraries) goes to the launcher's log with stderr.
    reply = os.fdopen(os.dup(1), "w")
    os.dup2(2, 1)
    _preload()
    children = _Children(reply)
    print("ready", file=reply, flush=True)
    try:
        for line in sys.stdin:
            request = json.loads(line)
            op = request["op"]
            if op == "start":
                answer = children.start(request)
            elif op == "poll":
                answer = {"code": children.poll(request["pid"])}
            elif op == "running":
                answer = {"pids": [p for p in list(children.codes) if children.poll(p) is None]}
            elif op == "signal":
                children.signal(request["pid"], request["signal"])
                answer = {"code": children.poll(request["pid"])}
            else:
                answer = {"error": f"unknown request {op!r}"}
            print(json.dumps(answer), file=reply, flush=True)
    finally:
        children.stop_all()


if __name__ == "__main__":
    main()
