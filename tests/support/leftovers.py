"""The suite leaves no process behind: at the end of each test process (each xdist worker),
every process it started (app servers, workers, Redis, gunicorn...) must be gone.

Processes are found through /proc as descendants of the test process, so a server any test
forgot (or failed to stop) is caught whatever started it. PostgreSQL clusters detach from their
``pg_ctl`` and are stopped by their own session fixture.
"""

from __future__ import annotations

import contextlib
import os
import signal
import time
from pathlib import Path


def _stat(pid: str) -> tuple[int, str] | None:
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # "pid (comm) state ppid ...": comm may hold spaces and parentheses.
    state, ppid = text[text.rindex(")") + 2 :].split()[:2]
    return int(ppid), state


def _cmdline(pid: int) -> str:
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return "?"
    return raw.replace(b"\0", b" ").decode(errors="replace").strip()[:200]


def descendants(root: int | None = None) -> dict[int, str]:
    """Living (not zombie) descendants of ``root`` (this process): {pid: command line}."""
    root = root or os.getpid()
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit() and (info := _stat(entry)) and info[1] != "Z":
            children.setdefault(info[0], []).append(int(entry))
    found, todo = {}, list(children.get(root, []))
    while todo:
        pid = todo.pop()
        found[pid] = _cmdline(pid)
        todo += children.get(pid, [])
    return found


def processes_left_behind(grace: float = 10.0) -> list[str]:
    """What is still running after ``grace`` seconds; those processes are then killed."""
    deadline = time.monotonic() + grace
    while (left := descendants()) and time.monotonic() < deadline:
        time.sleep(0.2)
    for pid in left:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    return [f"{pid}: {cmd}" for pid, cmd in sorted(left.items())]
