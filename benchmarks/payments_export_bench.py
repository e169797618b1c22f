"""Payments export benchmark: streaming NDJSON export of 100k payments vs a bare SELECT.

    .venv/bin/python benchmarks/payments_export_bench.py                 # temporary SQLite
    .venv/bin/python benchmarks/payments_export_bench.py --database-url postgresql+psycopg://...
    .venv/bin/python benchmarks/payments_export_bench.py --scale 1000000   # payments

The PostgreSQL database must be empty: the schema is built by the real migrations.

Seeds one company with N payments and N allocations (bulk Core inserts), then measures, in the
same process:
  (a) baseline: ``SELECT`` of the same payment and allocation rows iterated with ``yield_per``
      (no serialization);
  (b) the export generator (``export_lines``: every table of the company, JSON per row,
      SHA-256 over the stream), consumed without keeping its output.
For each: rows/s, tracemalloc peak, and the growth of the process's max RSS. Printed ratios
say what the export costs over reading the rows, and show that its memory does not follow N.
"""

from __future__ import annotations

import datetime as dt
import resource
import sys
import time
import tracemalloc
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import common  # noqa: E402
from benchmarks.common import Figure  # noqa: E402


def run(db_url: str | None, scale: int) -> list[Figure]:
    with common.bench_app(db_url):
        seconds, company_id = common.timed_result(lambda: seed(scale))
        print(f"seeded {scale:,} payments + allocations in {seconds:.1f} s (bulk insert)")
        streaming_export(company_id)  # warm-up: caches, first page of every table
        base = measure("bare", lambda: bare_select(company_id))
        export = measure("export", lambda: streaming_export(company_id))
    note = f"{scale:,} payments + allocations"
    return [
        Figure(
            "export, rows/s",
            export["rows_per_s"],
            base["rows_per_s"],
            "rows/s",
            target=0.5,
            note=f"{note}; baseline: a bare SELECT of the same rows",
        ),
        Figure(
            "export, tracemalloc peak",
            export["peak_kib"],
            base["peak_kib"],
            "KiB",
            note=f"max RSS +{export['rss_growth_kib']:,} KiB; baseline: the bare SELECT's peak",
        ),
    ]


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
    """Run ``run()`` (returns rows seen, bytes) twice: timed and max RSS growth on a plain run,
    then the tracemalloc peak on a traced run (tracing slows the run down, so it is not timed)."""
    from core.api import db

    db.session.commit()
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    rows, size = run()
    seconds = time.perf_counter() - start
    rss_growth = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before
    db.session.commit()
    tracemalloc.start()
    run()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    db.session.commit()
    result = {
        "rows": rows,
        "seconds": seconds,
        "rows_per_s": rows / seconds,
        "peak_kib": peak / 1024,
        "rss_growth_kib": rss_growth,
    }
    written = f"; {size / 1e6:.1f} MB written" if size else ""
    print(
        f"{name:>7}: {rows} rows in {seconds:.2f} s = {result['rows_per_s']:,.0f} rows/s; "
        f"tracemalloc peak {result['peak_kib']:,.0f} KiB; max RSS +{rss_growth:,} KiB{written}"
    )
    return result


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


def streaming_export(company_id: int):
    from plugins.payments.export.writer import buffered, export_lines

    lines = size = 0
    for chunk in buffered(export_lines(company_id)):
        size += len(chunk)
        lines += chunk.count(b"\n")
    return lines - 2, size  # header and footer are no rows


if __name__ == "__main__":
    common.main(run, __doc__)
