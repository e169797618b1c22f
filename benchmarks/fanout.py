"""Socket.IO fan-out: one event to N connected clients (default 200), delivery latency.

    .venv/bin/python benchmarks/fanout.py [--clients 200] [--rounds 30] [--profile DIR]

Ledgerline: the cluster of scripts/cluster.py (nginx, two gunicorn gevent processes, Redis
message queue); N clients signed in with an API token connect through nginx (spread over both
processes) and sit in their company's room; the event is emitted to that room through the
Redis message queue, the path every Ledgerline event takes with a queue configured.
Baseline: a bare python-socketio server (benchmarks/fanout_bare.py, same gunicorn gevent
worker, no Flask, no queue) emitting to the same number of clients.

Latency = receipt time at the client - time of the emit call, same clock (all clients live in
this process).
The targets take turns round by round, so the machine's load hits all alike.
Printed: deliveries, p50/p95/max in ms, and the p95 ratio against the baseline.
"""

from gevent import monkey

monkey.patch_all()

import argparse  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
import urllib.request  # noqa: E402
from pathlib import Path  # noqa: E402

import gevent  # noqa: E402
import gevent.pool  # noqa: E402
import requests  # noqa: E402
import socketio  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import load, load_profile, load_users  # noqa: E402
from scripts.cluster import Cluster  # noqa: E402
from scripts.cluster_services import free_port  # noqa: E402

EVENT = "bench_ping"


class Receiver:
    """One connected client; remembers when each emit (by its send time) arrived."""

    def __init__(self) -> None:
        self.arrived: dict[float, float] = {}
        self.sio = socketio.Client(reconnection=False)
        self.sio.on(EVENT, self._got)

    def _got(self, data) -> None:
        self.arrived[data["t"]] = time.time()


def connect_all(url: str, count: int, auth=None) -> list[Receiver]:
    receivers = [Receiver() for _ in range(count)]
    pool = gevent.pool.Pool(20)
    for r in receivers:
        pool.spawn(r.sio.connect, url, auth=auth, transports=["websocket"], wait_timeout=60)
    pool.join(raise_error=True)
    assert all(r.sio.connected for r in receivers), "not every client connected"
    return receivers


class Target:
    """Connected clients and the way to emit one event to all of them."""

    def __init__(self, name: str, receivers: list[Receiver], trigger) -> None:
        self.name, self.receivers, self.trigger = name, receivers, trigger
        self.latencies: list[float] = []
        self.missing = 0

    def one_round(self) -> None:
        sent = time.time()
        self.trigger(sent)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and not all(sent in r.arrived for r in self.receivers):
            gevent.sleep(0.005)
        for r in self.receivers:
            if sent in r.arrived:
                self.latencies.append((r.arrived[sent] - sent) * 1000)
            else:
                self.missing += 1

    def summary(self) -> dict:
        latencies = sorted(self.latencies)
        return {
            "deliveries": len(latencies),
            "missing": self.missing,
            "p50": statistics.median(latencies),
            "p95": latencies[int(0.95 * (len(latencies) - 1))],
            "max": latencies[-1],
        }

    def close(self) -> None:
        for r in self.receivers:
            r.sio.disconnect()


def ledgerline(name: str, cluster: Cluster, url: str, clients: int) -> Target:
    from flask_socketio import SocketIO

    token = load_users.ACCOUNTS[0]["token"]
    http = requests.Session()
    http.headers["Authorization"] = f"Bearer {token}"
    company_id = http.get(cluster.url + "/api/v1/company", timeout=30).json()["id"]
    receivers = connect_all(url, clients, auth={"token": token})
    writer = SocketIO(message_queue=cluster.env()["LEDGERLINE_SOCKETIO_MESSAGE_QUEUE"])
    room = f"company:{company_id}"
    return Target(name, receivers, lambda t: writer.emit(EVENT, {"t": t}, to=room))


def start_bare(run_dir: Path):
    port = free_port()
    cmd = [sys.executable, "-m", "gunicorn", "-k", "gevent", "-w", "1", "--worker-connections"]
    cmd += ["2000", "-b", f"127.0.0.1:{port}", "--no-control-socket"]
    cmd += ["benchmarks.fanout_bare:app"]
    with open(run_dir / "bare.log", "wb") as out:
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=out, stderr=out)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait(url + "/emit?t=0", proc)
    except RuntimeError:
        proc.kill()
        proc.wait(30)
        raise
    return proc, url


def bare(url: str, clients: int) -> Target:
    def trigger(sent: float) -> None:
        urllib.request.urlopen(f"{url}/emit?t={sent!r}", timeout=30).close()

    return Target("bare python-socketio (1 process)", connect_all(url, clients), trigger)


def interleaved(targets: list[Target], rounds: int) -> None:
    """Round r of every target back to back: the machine's load changes hit all alike."""
    for _ in range(rounds):
        for target in targets:
            target.one_round()
            gevent.sleep(0.1)


def _wait(url: str, proc) -> None:
    for _ in range(600):
        if proc.poll() is not None:
            raise RuntimeError("the bare server exited")
        try:
            urllib.request.urlopen(url, timeout=2).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("the bare server did not answer")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument(
        "--profile", help="sample each app process and the bare server with py-spy; files in DIR"
    )
    args = parser.parse_args()
    if args.profile and not load_profile.available():
        parser.error("--profile needs py-spy on PATH (make install-test; run as root)")
    folder = Path(tempfile.mkdtemp(prefix="ll-fanout-"))
    cluster = Cluster(folder, demo=False, echo=print)
    targets, proc = [], None
    try:
        cluster.start()
        load.seed(cluster)
        proc, bare_url = start_bare(folder)
        one = f"http://127.0.0.1:{cluster.apps[0].port}"
        targets = [
            ledgerline(
                "Ledgerline cluster (nginx, 2 processes)", cluster, cluster.url, args.clients
            ),
            ledgerline("Ledgerline, 1 process (no nginx)", cluster, one, args.clients),
            bare(bare_url, args.clients),
        ]
        pids = profiled_pids(cluster, proc) if args.profile else {}
        spies = load_profile.start(pids, None, Path(args.profile)) if pids else []
        interleaved(targets, args.rounds)
        load_profile.stop(spies)
        for name, pid in pids.items():
            print(load_profile.summarize(Path(args.profile) / f"{name}.txt", pid, top=25))
    finally:
        for target in targets:
            target.close()
        if proc is not None:
            stop_bare(proc)
        cluster.stop()
    rows = {t.name: t.summary() for t in targets}
    report(rows, args)
    ok = not any(row["missing"] for row in rows.values())
    load.keep_logs_if_failed(folder, ok)
    return 0 if ok else 1


def profiled_pids(cluster: Cluster, bare_proc) -> dict[str, int]:
    """The gunicorn worker (the master's child) of each Ledgerline process and of the bare one."""
    pids = load.worker_pids(cluster, "cluster")
    children = Path(f"/proc/{bare_proc.pid}/task/{bare_proc.pid}/children").read_text()
    pids["bare"] = int(children.split()[0])
    return pids


def stop_bare(proc) -> None:
    """gunicorn waits up to 30 s (graceful_timeout) for its sockets; then it is killed."""
    proc.terminate()
    try:
        proc.wait(45)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(10)


def report(rows: dict, args) -> None:
    print(f"\nfan-out of one event to {args.clients} clients, {args.rounds} rounds (interleaved)")
    print(f"{'':<40} {'deliveries':>10} {'missing':>8} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for name, row in rows.items():
        print(
            f"{name:<40} {row['deliveries']:>10} {row['missing']:>8} {row['p50']:>8.1f} "
            f"{row['p95']:>8.1f} {row['max']:>8.1f}"
        )
    baseline = rows["bare python-socketio (1 process)"]["p95"]
    for name, row in list(rows.items())[:2]:
        print(f"p95 ratio, {name}: {row['p95'] / baseline:.2f}x the bare emit")


if __name__ == "__main__":
    sys.exit(main())
