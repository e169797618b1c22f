"""Load: Locust drives N finance clerks (default 50) for S seconds (default 60) against one app
process and then against the whole cluster (nginx, two app processes), both started here by
scripts/cluster.py on PostgreSQL and Redis.

    .venv/bin/python benchmarks/load.py [--users 50] [--seconds 60] [--targets single,cluster]
                                        [--profile DIR]   # py-spy on each app process

Each clerk signs in, keeps a live Socket.IO connection, browses the invoice list, opens
invoices, creates and finalizes drafts and records payments (benchmarks/load_users.py).
Printed per target: requests, failures, requests/s, p50/p95 per action and overall, socket
events received; afterwards the invoice numbers are checked gapless and both hash chains are
verified through the API (/api/v1/chain/verify, /api/v1/payments/chain/verify). Also printed:
the CPU seconds each process of the cluster (and Locust) used in the window, with the load
average, since on a shared machine that decides the absolute times.
Not a test: nothing is asserted on times; the script exits 1 on any failure or broken chain.
"""

from gevent import monkey

monkey.patch_all()

import argparse  # noqa: E402
import functools  # noqa: E402
import os  # noqa: E402
import re  # noqa: E402
import shutil  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from collections import defaultdict  # noqa: E402
from pathlib import Path  # noqa: E402

import gevent  # noqa: E402
import requests  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import load_profile, load_users  # noqa: E402
from scripts.cluster import Cluster  # noqa: E402

ACCOUNTS = 5  # clerks share these sign-ins (several sessions each, as colleagues' tabs would)


def seed(cluster: Cluster) -> None:
    """A company, its clerks with API tokens, one customer: through the app's own services."""
    from benchmarks import common
    from core import create_app
    from core.db import db

    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": cluster.postgres.url(),
            "INSTANCE_PATH": str(cluster.dir / "instance"),
            "JOBS_BACKEND": "immediate",
        }
    )
    with app.app_context():
        company = common.seed_company()
        for n in range(ACCOUNTS):
            user = common.seed_user(company, email=f"clerk{n}@bench.ae")
            load_users.ACCOUNTS.append({"email": user.email, "token": common.api_token(user)})
        load_users.CUSTOMER["id"] = common.seed_customer(company.id).id
        db.session.remove()
        db.engine.dispose()


def worker_pids(cluster: Cluster, target: str) -> dict[str, int]:
    """The gunicorn worker (the master's child) of each app process the target reaches."""
    apps = cluster.apps[:1] if target == "single" else cluster.apps
    pids = {}
    for app in apps:
        children = Path(f"/proc/{app.proc.pid}/task/{app.proc.pid}/children").read_text()
        pids[f"{target}-app-{app.name}"] = int(children.split()[0])
    return pids


def cpu_roots(cluster: Cluster) -> dict[str, int]:
    """The processes whose CPU time is reported (each with its children)."""
    roots = {f"app {app.name}": app.proc.pid for app in cluster.apps}
    roots["jobs worker 1"] = cluster.workers[0].proc.pid
    roots["jobs worker 2"] = cluster.workers[1].proc.pid
    roots["PostgreSQL"] = int((cluster.postgres.data / "postmaster.pid").read_text().split()[0])
    roots["Redis"] = cluster.redis.proc.pid
    roots["nginx"] = cluster.nginx.proc.pid
    roots["Locust (this process)"] = os.getpid()
    return roots


def run_locust(host: str, users: int, seconds: int, roots: dict, profile=None) -> dict:
    from locust.env import Environment

    load_users.SOCKET_EVENTS.update(received=0, connect_errors=0)
    load_users.READY["users"] = 0
    env = Environment(user_classes=[load_users.Clerk], host=host)
    runner = env.create_local_runner()
    runner.start(users, spawn_rate=max(1, users // 10))
    # Sign-ins (Argon2, on purpose slow) come first and are reported apart; the measured
    # window starts once every clerk is signed in with a live socket.
    started = time.monotonic()
    while load_users.READY["users"] < users and time.monotonic() - started < 300:
        gevent.sleep(0.5)
    signed_in = {name: summary(e) for (name, _m), e in env.stats.entries.items()}
    errors_before = {
        f"{v.method} {v.name}: {v.error}"[:300]: v.occurrences for v in env.stats.errors.values()
    }
    ready_after = time.monotonic() - started
    env.stats.reset_all()
    load_users.SOCKET_EVENTS["received"] = 0
    spies = profile() if profile else []
    meter, load_before = load_profile.CpuMeter(roots), os.getloadavg()[0]
    gevent.sleep(seconds)
    cpu = meter.used()
    # A clerk's socket may be mid-reconnect on a starved machine; stopping must not wait on it
    # forever (one run at load average 30 hung right after its window): the checks still run.
    if gevent.with_timeout(120, runner.quit, timeout_value="timed out") == "timed out":
        print("Locust's users did not all stop within 120 s; going on with the checks")
    load_profile.finish(spies)
    stats = env.stats
    rows = {}
    for (name, _method), entry in sorted(stats.entries.items()):
        rows[name] = summary(entry)
    return {
        "rows": rows,
        "total": summary(stats.total),
        "errors": {
            **errors_before,
            **{
                f"{v.method} {v.name}: {v.error}"[:300]: v.occurrences
                for v in stats.errors.values()
            },
        },
        "sign_in": signed_in,
        "ready_after": ready_after,
        "socket_events": load_users.SOCKET_EVENTS["received"],
        "socket_connect_errors": load_users.SOCKET_EVENTS["connect_errors"],
        "seconds": seconds,
        "cpu": cpu,
        "load": (load_before, os.getloadavg()[0]),
    }


def summary(entry) -> dict:
    return {
        "requests": entry.num_requests,
        "failures": entry.num_failures,
        "rps": entry.total_rps,
        "p50": entry.get_response_time_percentile(0.5),
        "p95": entry.get_response_time_percentile(0.95),
    }


def settle(url: str) -> None:
    """Locust stops its users mid-request; the server still finishes what they sent. Verify
    only once the finalized count holds still (the chain report is not one snapshot)."""
    previous = None
    for _ in range(30):
        count = verify(url)["finalized"]
        if count == previous:
            return
        previous = count
        gevent.sleep(3)


def verify(url: str) -> dict:
    """Gapless numbers per series, and both hash chains intact, as the API reports them."""
    http = requests.Session()
    http.headers["Authorization"] = f"Bearer {load_users.ACCOUNTS[0]['token']}"
    numbers, offset = [], 0
    while offset is not None:
        body = http.get(f"{url}/api/v1/invoices?limit=200&offset={offset}", timeout=60).json()
        numbers += [row["number"] for row in body["data"] if row.get("number")]
        offset = body["pagination"].get("next_offset")
    series = defaultdict(list)
    for number in numbers:
        prefix, digits = re.match(r"^(.*?)(\d+)$", number).groups()
        series[prefix].append(int(digits))
    gaps = {p: sorted(set(range(1, max(n) + 1)) - set(n)) for p, n in series.items()}
    return {
        "finalized": len(numbers),
        "duplicates": len(numbers) - len(set(numbers)),
        "gaps": {p: g for p, g in gaps.items() if g},
        "invoice_chain": http.get(f"{url}/api/v1/chain/verify", timeout=300).json(),
        "payments_chain": http.get(f"{url}/api/v1/payments/chain/verify", timeout=300).json(),
    }


def report(target: str, result: dict) -> None:
    print(f"\n== {target}: {result['seconds']} s")
    print(
        f"{'action':<24} {'requests':>9} {'failures':>9} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8}"
    )
    for name, row in [*result["rows"].items(), ("ALL", result["total"])]:
        print(
            f"{name:<24} {row['requests']:>9} {row['failures']:>9} {row['rps']:>7.1f} "
            f"{row['p50']:>8.0f} {row['p95']:>8.0f}"
        )
    print(f"socket events received: {result['socket_events']}; errors: {result['errors'] or 0}")
    cpu = result["cpu"]
    machine = cpu.pop("whole machine")
    print(
        f"CPU seconds in the window ({os.cpu_count()} cores x {result['seconds']} s, machine "
        f"busy {machine:.0f} s, load average {result['load'][0]:.1f} -> {result['load'][1]:.1f}): "
        + ", ".join(f"{name} {used:.1f}" for name, used in cpu.items())
    )
    print(
        f"before the window, {len(result['sign_in'])} actions while signing in (ready after "
        f"{result['ready_after']:.0f} s):"
    )
    for name, row in result["sign_in"].items():
        print(
            f"  {name:<22} {row['requests']:>9} {row['failures']:>9} {row['p50']:>8.0f} "
            f"{row['p95']:>8.0f}"
        )


def run_target(cluster: Cluster, target: str, host: str, args) -> bool:
    """One Locust run (profiled with --profile); True when nothing failed."""
    profile, pids = None, {}
    if args.profile:
        pids = worker_pids(cluster, target)
        profile = functools.partial(load_profile.start, pids, args.seconds, Path(args.profile))
    result = run_locust(host, args.users, args.seconds, cpu_roots(cluster), profile)
    report(f"{target} ({host})", result)
    for name, pid in pids.items():
        print(load_profile.summarize(Path(args.profile) / f"{name}.txt", pid))
    return not result["errors"] and not result["socket_connect_errors"]


def keep_logs_if_failed(folder: Path, ok: bool) -> None:
    """The run folder (databases, every process's log) goes, unless something failed."""
    if ok:
        shutil.rmtree(folder, ignore_errors=True)
    else:
        print(f"logs of every process kept in {folder}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--targets", default="single,cluster")
    parser.add_argument(
        "--profile",
        metavar="DIR",
        help="sample every app process with py-spy during the window; stacks and a summary in DIR",
    )
    args = parser.parse_args()
    if args.profile and not load_profile.available():
        parser.error("--profile needs py-spy on PATH (make install-test; run as root)")
    folder = Path(tempfile.mkdtemp(prefix="ll-load-"))
    # 50 clerks sign in from one address within seconds: the per-address limit would refuse.
    cluster = Cluster(
        folder,
        demo=False,
        echo=print,
        extra_env={"LEDGERLINE_LOGIN_RATE_LIMIT": "100000 per minute"},
    )
    ok = False
    try:
        cluster.start()
        ok = True
        seed(cluster)
        hosts = {"single": f"http://127.0.0.1:{cluster.apps[0].port}", "cluster": cluster.url}
        for target in args.targets.split(","):
            ok &= run_target(cluster, target, hosts[target], args)
        settle(cluster.url)
        checks = verify(cluster.url)
        print(f"\nafterwards: {checks}")
        ok &= not checks["gaps"] and not checks["duplicates"]
        ok &= bool(checks["invoice_chain"].get("ok")) and bool(checks["payments_chain"].get("ok"))
    finally:
        cluster.stop()
        keep_logs_if_failed(folder, ok)
    print("OK" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
