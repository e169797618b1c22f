"""What an app process spends its time on during benchmarks/load.py's measured window.

py-spy (a sampling profiler, pinned in the test extra; it needs ptrace, so root or
CAP_SYS_PTRACE) samples each gunicorn worker while Locust runs. The report groups the
samples of each OS thread by area (the frames a stack passes through) and lists the frames
that were on top most often. Under gevent every request and socket of a process shares the
main thread: what the main thread runs outside ``Hub.run`` is what the other requests wait for.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from collections import Counter
from pathlib import Path

# (area, a substring of a frame that puts a sample in it); a sample counts once per area.
AREAS = [
    ("official validation (Saxon)", "einvoice/schematron.py"),
    ("XSD (lxml)", "einvoice/xsd.py"),
    ("UBL build", "einvoice/ubl/"),
    ("finalize service", "services/finalize.py"),
    ("RSA-PSS signing", "invoicing/signing.py"),
    ("page templates (Jinja)", "jinja2/"),
    ("SQLAlchemy ORM/Core", "sqlalchemy/"),
    ("psycopg", "psycopg/"),
    ("Socket.IO emit", "socketio/base_manager.py"),
    ("Socket.IO packet encoding", "socketio/packet.py"),
    ("Flask's JSON (packet encoding)", "flask/json/"),
    ("Flask-SocketIO", "flask_socketio/"),
    ("Socket.IO Redis queue", "socketio/pubsub_manager.py"),
    ("Engine.IO socket writes", "engineio/socket.py"),
    ("Redis client", "redis/"),
    ("logging", "logging/"),
    ("Argon2 (sign-in)", "argon2/"),
    ("core listing", "core/listing"),
    ("audit", "audit"),
    ("translations (Babel)", "babel"),
    ("pluggy hooks", "pluggy/"),
    ("idle loop (Hub.run)", "gevent/hub.py"),
]


def _binary() -> str | None:
    return shutil.which("py-spy", path=f"{Path(sys.executable).parent}:{os.environ['PATH']}")


def available() -> bool:
    return _binary() is not None


def start(pids: dict[str, int], seconds: int | None, folder: Path) -> list[subprocess.Popen]:
    """One ``py-spy record`` per process (name -> pid), raw collapsed stacks in ``folder``;
    for ``seconds``, or (None) until ``stop``."""
    folder.mkdir(parents=True, exist_ok=True)
    spies = []
    for name, pid in pids.items():
        cmd = [_binary(), "record", "-p", str(pid), "-r", "50"]
        cmd += ["-d", str(seconds)] if seconds else []
        cmd += ["-f", "raw", "--threads", "--nonblocking", "-o", str(folder / f"{name}.txt")]
        spies.append(subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
    return spies


def finish(spies: list[subprocess.Popen]) -> None:
    for spy in spies:
        try:
            spy.wait(timeout=60)
        except subprocess.TimeoutExpired:
            spy.kill()
            spy.wait()


def stop(spies: list[subprocess.Popen]) -> None:
    """End recordings started without a duration (py-spy writes its file on SIGINT)."""
    for spy in spies:
        spy.send_signal(signal.SIGINT)
    finish(spies)


def cpu_seconds(root: int) -> float:
    """User + system CPU seconds used so far by ``root`` and every process below it."""
    stats = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue  # ended meanwhile
            stats[int(entry.name)] = (int(fields[1]), int(fields[11]) + int(fields[12]))
    tree, ticks = {root}, 0
    for pid in sorted(stats):  # children have higher pids than their parents, mostly
        if pid in tree or stats[pid][0] in tree:
            tree.add(pid)
            ticks += stats[pid][1]
    return ticks / os.sysconf("SC_CLK_TCK")


def machine_busy_seconds() -> float:
    """CPU seconds every core of the machine has spent busy since boot (/proc/stat)."""
    fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle + iowait
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


class CpuMeter:
    """CPU seconds each process tree (name -> root pid) and the whole machine use meanwhile."""

    def __init__(self, roots: dict[str, int]) -> None:
        self.roots = roots
        self.start = self._read()

    def _read(self) -> dict[str, float]:
        used = {name: cpu_seconds(pid) for name, pid in self.roots.items()}
        return {**used, "whole machine": machine_busy_seconds()}

    def used(self) -> dict[str, float]:
        now = self._read()
        return {name: now[name] - self.start[name] for name in now}


def summarize(path: Path, main_thread: int, top: int = 15) -> str:
    """Per thread kind: share of samples by area, then the frames most often on top."""
    threads: dict[str, Counter] = {}
    tops: Counter = Counter()
    totals: Counter = Counter()
    for line in path.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack:
            continue
        frames = stack.split(";")
        kind = _thread_kind(frames, main_thread)
        totals[kind] += int(count)
        areas = threads.setdefault(kind, Counter())
        for area, needle in AREAS:
            if needle in stack:
                areas[area] += int(count)
        on_top = frames[-1] if len(frames) > 1 else "(no Python frame: gevent's loop, C code)"
        tops[on_top[:110]] += int(count)
    return _format(path.stem, totals, threads, tops, top)


def _thread_kind(frames: list[str], main_thread: int) -> str:
    # --threads puts "thread (<native id>)" first; the main thread (id = pid) runs gevent's loop.
    if frames[0].startswith(f"thread ({main_thread})"):
        return "main thread (event loop)"
    return "gevent thread pool" if "threadpool.py" in ";".join(frames[1:3]) else "other threads"


def _format(name, totals, threads, tops, top) -> str:
    total = sum(totals.values()) or 1
    lines = [f"profile of {name}: {total} samples at 50 Hz (busy threads only)"]
    for kind, count in totals.most_common():
        lines.append(f"  {kind}: {count / total:.0%} of samples")
        for area, n in threads[kind].most_common():
            lines.append(f"    {n / count:6.1%}  {area}")
    lines.append("  frames most often on top:")
    lines += [f"    {n / total:6.1%}  {frame}" for frame, n in tops.most_common(top)]
    return "\n".join(lines)
