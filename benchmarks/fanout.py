"""Socket.IO fan-out: one event to N connected clients (default 200), delivery latency.

    .venv/bin/python benchmarks/fanout.py [--clients 200] [--rounds 30]

Ledgerline: the cluster of scripts/cluster.py (nginx, two gunicorn gevent processes, Redis
message queue); N clients signed in with an API token connect through nginx (spread over both
processes) and sit in their company's room; the event is emitted to that room through the
Redis message queue, the path every Ledgerline event takes with a queue configured.
Baseline: a bare python-socketio server (benchmarks/fanout_bare.py, same gunicorn gevent
worker, no Flask, no queue) emitting to the same number of clients.

Latency = receipt time at the client - time of the emit call, same clock (all clients live in
this process). Printed: deliveries, p50/p95/max in ms, and the p95 ratio against the baseline.
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

from benchmarks import load, load_users  # noqa: E402
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


def measure(trigger, receivers: list[Receiver], rounds: int) -> dict:
    latencies, missing = [], 0
    for _ in range(rounds):
        sent = time.time()
        trigger(sent)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and not all(sent in r.arrived for r in receivers):
            gevent.sleep(0.01)
        for r in receivers:
            if sent in r.arrived:
                latencies.append((r.arrived[sent] - sent) * 1000)
            else:
                missing += 1
        gevent.sleep(0.2)
    latencies.sort()
    return {
        "deliveries": len(latencies),
        "missing": missing,
        "p50": statistics.median(latencies),
        "p95": latencies[int(0.95 * (len(latencies) - 1))],
        "max": latencies[-1],
    }


def ledgerline(cluster: Cluster, url: str, clients: int, rounds: int) -> dict:
    from flask_socketio import SocketIO

    token = load_users.ACCOUNTS[0]["token"]
    http = requests.Session()
    http.headers["Authorization"] = f"Bearer {token}"
    company_id = http.get(cluster.url + "/api/v1/company", timeout=30).json()["id"]
    receivers = connect_all(url, clients, auth={"token": token})
    writer = SocketIO(message_queue=cluster.env()["LEDGERLINE_SOCKETIO_MESSAGE_QUEUE"])
    room = f"company:{company_id}"
    try:
        return measure(lambda t: writer.emit(EVENT, {"t": t}, to=room), receivers, rounds)
    finally:
        for r in receivers:
            r.sio.disconnect()


def bare(run_dir: Path, clients: int, rounds: int) -> dict:
    port = free_port()
    cmd = [sys.executable, "-m", "gunicorn", "-k", "gevent", "-w", "1", "--worker-connections"]
    cmd += ["2000", "-b", f"127.0.0.1:{port}", "--no-control-socket"]
    cmd += ["benchmarks.fanout_bare:app"]
    with open(run_dir / "bare.log", "wb") as out:
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=out, stderr=out)
    try:
        url = f"http://127.0.0.1:{port}"
        _wait(url + "/emit?t=0", proc)
        receivers = connect_all(url, clients)

        def trigger(sent: float) -> None:
            urllib.request.urlopen(f"{url}/emit?t={sent!r}", timeout=30).close()

        try:
            return measure(trigger, receivers, rounds)
        finally:
            for r in receivers:
                r.sio.disconnect()
    finally:
        proc.terminate()
        proc.wait(30)


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
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="ll-fanout-"))
    cluster = Cluster(folder, demo=False, echo=print)
    try:
        cluster.start()
        load.seed(cluster)
        ours = ledgerline(cluster, cluster.url, args.clients, args.rounds)
        one = f"http://127.0.0.1:{cluster.apps[0].port}"
        single = ledgerline(cluster, one, args.clients, args.rounds)
    finally:
        cluster.stop()
    baseline = bare(folder, args.clients, args.rounds)
    print(f"\nfan-out of one event to {args.clients} clients, {args.rounds} rounds")
    print(f"{'':<40} {'deliveries':>10} {'missing':>8} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for name, row in (
        ("Ledgerline cluster (nginx, 2 processes)", ours),
        ("Ledgerline, 1 process (no nginx)", single),
        ("bare python-socketio (1 process)", baseline),
    ):
        print(
            f"{name:<40} {row['deliveries']:>10} {row['missing']:>8} {row['p50']:>8.1f} "
            f"{row['p95']:>8.1f} {row['max']:>8.1f}"
        )
    for name, row in (("cluster", ours), ("1 process", single)):
        print(f"p95 ratio, {name}: {row['p95'] / baseline['p95']:.2f}x the bare emit")
    return 0 if not (ours["missing"] or single["missing"] or baseline["missing"]) else 1


if __name__ == "__main__":
    sys.exit(main())
