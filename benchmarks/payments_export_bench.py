"""Payments export benchmark: streaming NDJSON export of 100k payments vs a bare SELECT.

    .venv/bin/python benchmarks/payments_export_bench.py                 # temporary SQLite
    .venv/bin/python benchmarks/payments_export_bench.py --database-url postgresql+psycopg://...
    .venv/bin/python benchmarks/payments_export_bench.py --scale 1000000   # payments

The PostgreSQL database must be empty: the schema is built by the real migrations.

Seeds one company with N payments and N allocations (bulk Core inserts), then measures, in the
same process, timed by turns (``common.paired_seconds``):
  (a) baseline, as issue 14 defines it for exports: a bare ``SELECT`` of the same payment and
      allocation rows (``yield_per``) streamed into a CSV file;
  (b) the export generator (``export_lines``: every table of the company, sorted-key JSON per
      row, SHA-256 over the stream) written to a file.
Also shown, without a target: the export against only reading the rows (no output at all),
the baseline this benchmark used before it wrote files. For (a) and (b): tracemalloc peak and
the growth of the process's max RSS, which show that the export's memory does not follow N.
"""

from __future__ import annotations

import csv
import datetime as dt
import resource
import sys
import tempfile
import tracemalloc
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import common  # noqa: E402
from benchmarks.common import Figure  # noqa: E402


def run(db_url: str | None, scale: int) -> list[Figure]:
    with common.bench_app(db_url), tempfile.TemporaryDirectory(prefix="ll-bench-pay-") as tmp:
        seconds, company_id = common.timed_result(lambda: seed(scale))
        print(f"seeded {scale:,} payments + allocations in {seconds:.1f} s (bulk insert)")
        target = Path(tmp) / "out"
        turns = {
            "export": _ended(lambda: streaming_export(company_id, target)),
            "bare": _ended(lambda: bare_csv(company_id, target)),
            "read": _ended(lambda: bare_select(company_id)),
        }
        rows = {name: fn()[0] for name, fn in turns.items()}  # warm-up, and the row counts
        export_s, bare_s = common.paired_seconds(turns["export"], turns["bare"], 3, warm=0)
        read_s = common.timed(turns["read"])
        export, bare = measure("export", turns["export"]), measure("bare", turns["bare"])
    rates = {name: rows[name] / s for name, s in (("export", export_s), ("bare", bare_s))}
    print(
        f"rows/s: export {rates['export']:,.0f}, bare CSV {rates['bare']:,.0f}, "
        f"bare read {rows['read'] / read_s:,.0f}"
    )
    note = f"{scale:,} payments + allocations"
    return [
        Figure(
            "export, rows/s",
            rates["export"],
            rates["bare"],
            "rows/s",
            target=0.5,
            note=f"{note}, both written to a file; baseline: a bare SELECT of the same rows "
            "streamed to a CSV file",
        ),
        Figure(
            "export vs only reading the rows, rows/s",
            rates["export"],
            rows["read"] / read_s,
            "rows/s",
            note=f"{note}; baseline: the bare SELECT's rows read and dropped (no output)",
        ),
        Figure(
            "export, tracemalloc peak",
            export["peak_kib"],
            bare["peak_kib"],
            "KiB",
            note=f"max RSS +{export['rss_growth_kib']:,} KiB; baseline: the bare CSV's peak",
        ),
    ]


def _ended(fn):
    """``fn`` then the end of its transaction, as a served request ends it."""
    from core.api import db

    def run():
        try:
            return fn()
        finally:
            db.session.commit()

    return run


def seed(count: int) -> int:
    """A company, a customer, one finalized invoice and ``count`` payments allocated to it."""
    from sqlalchemy import insert

    from core.api import Company, db
    from plugins.invoicing.models import Customer, Invoice
    from plugins.payments.models import Allocation, Payment

    company = Company(name="Bench Trading LLC", trn="100123456700003", country="AE")
    db.session.add(company)
    db.session.flush()
    customer = Customer(company_id=company.id, name="Gulf Buyer LLC", country="AE")
    db.session.add(customer)
    db.session.flush()
    invoice = Invoice(
        company_id=company.id,
        number="INV/2026/00001",
        status="FINALIZED",
        customer_id=customer.id,
        issue_date=dt.date(2026, 1, 1),
        total=Decimal(count) * 100,
        amount_due=Decimal(0),
        payment_status="paid",
    )
    db.session.add(invoice)
    db.session.commit()
    now, start = dt.datetime(2026, 1, 1, 12), dt.date(2026, 1, 1)
    batch = 5000
    for first in range(0, count, batch):
        numbers = range(first, min(first + batch, count))
        payments = [
            {
                "id": n + 1,
                "company_id": company.id,
                "number": f"PAY/2026/{n + 1:06d}",
                "customer_id": customer.id,
                "amount": Decimal("100.00"),
                "currency": "AED",
                "method": ("bank_transfer", "card", "cash")[n % 3],
                "date": start + dt.timedelta(days=n % 300),
                "reference": f"REF-{n}",
                "status": "posted",
                "possible_duplicate": False,
                "created_at": now,
            }
            for n in numbers
        ]
        db.session.execute(insert(Payment), payments)
        allocations = [
            {
                "id": n + 1,
                "company_id": company.id,
                "payment_id": n + 1,
                "invoice_id": invoice.id,
                "amount": Decimal("100.00"),
                "created_at": now,
            }
            for n in numbers
        ]
        db.session.execute(insert(Allocation), allocations)
        db.session.commit()
    return company.id


def measure(name: str, run) -> dict:
    """Max RSS growth over a plain run of ``run()`` (returns rows seen, bytes), then the
    tracemalloc peak of a traced run (tracing slows the run down, so it is not timed)."""
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    rows, size = run()
    rss_growth = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before
    tracemalloc.start()
    run()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    written = f"; {size / 1e6:.1f} MB written" if size else ""
    print(
        f"{name:>7}: {rows} rows; tracemalloc peak {peak / 1024:,.0f} KiB; "
        f"max RSS +{rss_growth:,} KiB{written}"
    )
    return {"peak_kib": peak / 1024, "rss_growth_kib": rss_growth}


def bare_select(company_id: int):
    from sqlalchemy import select

    from core.api import db
    from plugins.payments.models import Allocation, Payment

    rows = 0
    for table in (Payment.__table__, Allocation.__table__):
        query = select(table).where(table.c.company_id == company_id).order_by(table.c.id)
        for _ in db.session.execute(query.execution_options(yield_per=1000)):
            rows += 1
    return rows, 0


def bare_csv(company_id: int, target: Path):
    """The same rows by a bare SELECT, streamed into a CSV file (the export's baseline)."""
    from sqlalchemy import select

    from core.api import db
    from plugins.payments.models import Allocation, Payment

    rows = 0
    with target.open("w", newline="") as out:
        writer = csv.writer(out)
        for table in (Payment.__table__, Allocation.__table__):
            query = select(table).where(table.c.company_id == company_id).order_by(table.c.id)
            result = db.session.execute(query.execution_options(yield_per=1000))
            for part in result.partitions():
                writer.writerows(part)
                rows += len(part)
    return rows, target.stat().st_size


def streaming_export(company_id: int, target: Path):
    from plugins.payments.export.writer import buffered, export_lines

    lines = 0
    with target.open("wb") as out:
        for chunk in buffered(export_lines(company_id)):
            out.write(chunk)
            lines += chunk.count(b"\n")
    return lines - 2, target.stat().st_size  # header and footer are no rows


if __name__ == "__main__":
    common.main(run, __doc__)
