"""Where a finalize's time goes when several run at once for one company (a profile, not a
``make bench`` figure): the wait for the company's hash-chain lock against the work done while
holding it.

    .venv/bin/python benchmarks/finalize_queue.py                      # temporary PostgreSQL
    .venv/bin/python benchmarks/finalize_queue.py --database-url sqlite:///... --threads 1,4

``threads`` workers (each its own app context, session and connection, as concurrent requests
are) finalize ``per`` drafts each of one company through the real service and commit. Each
finalize is timed in parts by wrapping the service's own steps in this process: ``wait`` is the
chain-lock statement (``finalize.lock_chain``, the upsert that queues behind the holder),
``validate`` the UBL build and official validation (``einvoice_gate.sealed_xml``; it runs
before the lock since finalize_prepare, inside it only when re-checked), ``sign`` the RSA-PSS
signature, ``hold`` everything from the lock granted to the connection's COMMIT (which lets
it go), and ``after`` what runs after the COMMIT (core's event delivery and audit entry).
Printed per thread count: p50 / p95 of each, in ms, and the most SQL statements one finalize
sent while holding the lock (the lock's own included; COMMIT not). ``--profile`` adds
cProfile's top functions of one single-threaded finalize run.
"""

from __future__ import annotations

import argparse
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import common  # noqa: E402

_local = threading.local()


def _timed_step(name: str, fn):
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            _local.parts[name] += time.perf_counter() - start
            if name == "wait":
                _local.granted, _local.released = time.perf_counter(), None
                _local.parts["statements"] = 1  # the lock statement itself

    return wrapper


def _committing(conn) -> None:
    """The connection's COMMIT: the chain lock is let go here."""
    if getattr(_local, "released", 0) is None:
        _local.released = time.perf_counter()


def _statement(conn, cursor, statement, parameters, context, executemany) -> None:
    """Count the round trips made while the chain lock is held (the lock's own included)."""
    if getattr(_local, "released", 0) is None:
        _local.parts["statements"] += 1


def instrument():
    """Wrap the timed steps and listen to the engine; returns what undoes the wrapping."""
    from sqlalchemy import event

    from core.api import db
    from plugins.invoicing import signing
    from plugins.invoicing.services import einvoice_gate, finalize

    event.listen(db.engine, "commit", _committing)
    event.listen(db.engine, "before_cursor_execute", _statement)
    steps = [(finalize, "lock_chain", "wait"), (einvoice_gate, "sealed_xml", "validate")]
    originals = [(module, name, getattr(module, name)) for module, name, _ in steps]
    originals.append((signing, "sign", signing.sign))
    for module, name, part in [*steps, (signing, "sign", "sign")]:
        setattr(module, name, _timed_step(part, getattr(module, name)))
    return lambda: [setattr(module, name, fn) for module, name, fn in originals]


def worker(app, ids: list[int], out: list[dict]) -> None:
    from core.api import db
    from plugins.invoicing.models import Invoice
    from plugins.invoicing.services import finalize

    with app.app_context():
        for invoice_id in ids:
            _local.parts = defaultdict(float)
            start = time.perf_counter()
            finalize.finalize(db.session.get(Invoice, invoice_id))
            db.session.commit()
            end = time.perf_counter()
            parts = dict(_local.parts)
            parts["hold"] = _local.released - _local.granted
            parts["after"] = end - _local.released
            parts["total"] = end - start
            out.append(parts)
            db.session.remove()


def run_level(app, ids: list[int], threads: int) -> list[dict]:
    per = len(ids) // threads
    out: list[dict] = []
    pool = [
        threading.Thread(target=worker, args=(app, ids[i * per : (i + 1) * per], out))
        for i in range(threads)
    ]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    return out


def profiled(app, ids: list[int]) -> None:
    """cProfile of one thread finalizing ``ids``: the application's own functions by
    cumulative time (what the lock is held for)."""
    import cProfile
    import io
    import pstats

    out: list[dict] = []
    profiler = cProfile.Profile()
    profiler.enable()
    worker(app, ids, out)
    profiler.disable()
    text = io.StringIO()
    stats = pstats.Stats(profiler, stream=text).sort_stats("cumulative")
    stats.print_stats(r"/plugins/|/core/|orm/session.py|psycopg/cursor", 45)
    print(text.getvalue())


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


def report(threads: int, samples: list[dict]) -> str:
    cells = []
    for part in ("total", "wait", "hold", "validate", "sign", "after"):
        values = [s.get(part, 0.0) for s in samples]
        cells.append(f"{pct(values, 0.5):7.1f} / {pct(values, 0.95):7.1f}")
    wait_share = sum(s["wait"] for s in samples) / sum(s["total"] for s in samples)
    statements = max(s["statements"] for s in samples)
    return (
        f"| {threads} | {len(samples)} | "
        + " | ".join(cells)
        + f" | {statements} | {wait_share:.0%} |"
    )


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="default: a temporary PostgreSQL cluster")
    parser.add_argument("--threads", default="1,2,4,8")
    parser.add_argument("--per", type=int, default=12, help="finalizations per thread")
    parser.add_argument("--profile", action="store_true", help="cProfile one thread's run")
    args = parser.parse_args(argv)
    levels = [int(n) for n in args.threads.split(",")]
    if args.database_url:
        measure(args.database_url, levels, args.per, args.profile)
        return
    from benchmarks import report as runner_report

    with runner_report.database("postgresql") as (make_url, version):
        print(f"PostgreSQL {version}")
        measure(make_url("finalize_queue"), levels, args.per, args.profile)


def measure(db_url: str, levels: list[int], per: int, profile: bool = False) -> dict:
    """Print the table (and the profile); ``{threads: [each finalize's parts]}``."""
    import os

    print(f"load average at start: {' / '.join(f'{x:.1f}' for x in os.getloadavg())}")
    with common.bench_app(db_url) as (app, _):
        from core.api import db
        from plugins.invoicing.models import Invoice
        from plugins.invoicing.services import finalize

        company, _, customer = common.seed_invoicing(with_user=False)
        company_id = company.id
        wanted = sum(n * per for n in levels) + per * profile + 1
        ids = common.create_drafts(company_id, customer.id, wanted)
        finalize.finalize(db.session.get(Invoice, ids.pop()))  # warm: key, rules, caches
        db.session.commit()
        db.session.remove()
        undo = instrument()
        try:
            samples = _levels(app, ids, levels, per, profile)
        finally:
            undo()
        from plugins.invoicing import chain

        result = chain.verify_company(company_id)
        assert result.ok, result.as_dict()
        print(f"chain verified intact: {result.checked} invoices")
    return samples


def _levels(app, ids: list[int], levels: list[int], per: int, profile: bool) -> dict:
    print(
        "| threads | finalizations | total p50 / p95 | chain-lock wait | lock held "
        "(lock to COMMIT) | UBL + validation | signing | after COMMIT (events, audit) "
        "| statements in the lock | share of time waiting |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    samples = {}
    for threads in levels:
        chunk, ids = ids[: threads * per], ids[threads * per :]
        samples[threads] = run_level(app, chunk, threads)
        print(report(threads, samples[threads]), flush=True)
    if profile:
        profiled(app, ids[:per])
    return samples


if __name__ == "__main__":
    main()
