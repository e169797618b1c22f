"""Event-loop stalls: how long one finalize keeps a gevent process from serving anything else.

    .venv/bin/python benchmarks/loop_stall_bench.py [--database-url ...] [--finalize 60]

Under ``gunicorn -k gevent`` every request and socket of a process shares one OS thread, so
whatever a request runs without yielding (CPU work, a C call that blocks) delays all the
others. A ticker greenlet wakes every millisecond and records each gap between wake-ups while
drafts are finalized through the real service (official validation on Saxon, UBL, RSA-PSS,
the inserts); the figure is the longest gap during each finalize, median over the invoices.
Measured: the service as it runs (``core.api.off_loop`` hands the UBL build and the official
validation to gevent's real threads). Baseline, in the same process, in blocks that alternate
with it: the same calls in place on the loop (``core.offload.in_place``), as before.
On SQLite every query blocks the loop too (its driver cannot yield); PostgreSQL's does yield.
"""

from gevent import monkey

monkey.patch_all()

import statistics  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import gevent  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import common  # noqa: E402
from benchmarks.common import Figure  # noqa: E402

BLOCK = 10


def add_arguments(parser) -> None:
    parser.add_argument("--finalize", type=int, default=60, help="invoices to finalize")


def run(db_url: str | None, scale: int, finalize: int = 60) -> list[Figure]:
    with common.bench_app(db_url) as (_app, _):
        company, _user, customer = common.seed_invoicing()
        ids = common.create_drafts(company.id, customer.id, finalize + 1)
        return measure(ids, finalize)


class Ticker:
    """A greenlet standing for every other request: it notes how late each wake-up was."""

    def __init__(self) -> None:
        self.last = time.perf_counter()
        self.longest = 0.0
        self.greenlet = gevent.spawn(self._tick)

    def _tick(self) -> None:
        while True:
            gevent.sleep(0.001)
            now = time.perf_counter()
            self.longest = max(self.longest, now - self.last)
            self.last = now

    def reset(self) -> None:
        gevent.sleep(0.002)  # let it wake once, so the gap starts now
        self.last, self.longest = time.perf_counter(), 0.0


def finalize_one(invoice_id: int, ticker: Ticker) -> tuple[float, float]:
    """(longest loop stall, wall time) of one finalize and its commit, in ms."""
    from core.api import db
    from plugins.invoicing.models import Invoice
    from plugins.invoicing.services import finalize

    ticker.reset()
    started = time.perf_counter()
    finalize.finalize(db.session.get(Invoice, invoice_id))
    db.session.commit()
    wall = time.perf_counter() - started
    gevent.sleep(0.002)  # the ticker's late wake-up, if the loop was held to the end
    return ticker.longest * 1000, wall * 1000


def measure(ids: list[int], count: int) -> list[Figure]:
    from core.offload import in_place
    from plugins.invoicing import chain

    ticker = Ticker()
    finalize_one(ids[0], ticker)  # warm-up: signing key, compiled rules, caches
    results = {"off": [], "in place": []}
    for start in range(1, count + 1, BLOCK):
        block = ids[start : start + BLOCK]
        half = len(block) // 2
        results["off"] += [finalize_one(i, ticker) for i in block[:half]]
        with in_place():
            results["in place"] += [finalize_one(i, ticker) for i in block[half:]]
    ticker.greenlet.kill()
    report = chain.verify_company(common_company_id())
    assert report.ok and report.checked == count + 1, report.as_dict()
    stall = {k: statistics.median(s for s, _ in v) for k, v in results.items()}
    wall = {k: statistics.median(w for _, w in v) for k, v in results.items()}
    note = f"{count} invoices; baseline: the same calls in place on the loop"
    return [
        Figure(
            "longest loop stall during a finalize", stall["off"], stall["in place"], "ms", note=note
        ),
        Figure(
            "finalize wall time, off the loop vs in place",
            wall["off"],
            wall["in place"],
            "ms",
            note=note,
        ),
    ]


def common_company_id() -> int:
    from core.api import Company, db

    return db.session.query(Company.id).order_by(Company.id).first()[0]


if __name__ == "__main__":
    common.main(run, __doc__, add_arguments)
