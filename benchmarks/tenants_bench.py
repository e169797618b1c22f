"""Several companies in one database: an older, smaller company's newest-first lists against
the bare indexed query, at ``scale`` invoices of a big company.

    .venv/bin/python benchmarks/tenants_bench.py                   # SQLite, 100k + 4k invoices
    .venv/bin/python benchmarks/tenants_bench.py --database-url postgresql+psycopg://...

The older company is made first: ``scale / 25`` invoices and ``scale / 100`` bills (three lines
each), all with lower ids than the big company's ``scale`` invoices and ``scale / 10`` bills
made after it. Signed in as the older company, each figure is the HTMX request a click sends
(the table block) against the bare indexed SQL query for the same rows (SQLAlchemy Core on a
plain connection, the page's own ORDER BY, no ORM) plus rendering them with the same template
block, timed by turns (``common.paired_seconds``): the invoice list newest first (``sort=-id``)
on its first page and on a page 60 % deep reached by its "Next" cursor, and the bills list
(newest first by default). Before ``core.listing.sorting.id_order`` PostgreSQL read these pages
by walking the primary key backwards through every row of the big company first.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import common, list_pages_bench, lists_bench, seed_lists  # noqa: E402
from benchmarks.common import Figure  # noqa: E402

HX = {"HX-Request": "true"}
ROW = r'<tr [^>]*data-row-id="(\d+)"'
OLDER = "older@oasis.ae"


def add_arguments(parser) -> None:
    parser.add_argument("--runs", type=int, default=21, help="timed requests per figure")


def run(db_url: str | None, scale: int, runs: int = 21) -> list[Figure]:
    small, small_bills = max(scale // 25, 40), max(scale // 100, 20)
    big_bills = max(scale // 10, 40)
    with common.bench_app(db_url) as (app, _):
        older = seed("Older Oasis Trading LLC", "100111111100003", small, small_bills, OLDER)
        seed("Big Dune Trading LLC", "100222222200003", scale, big_bills)
        print(f"seeded {small:,} + {scale:,} invoices, {small_bills:,} + {big_bills:,} bills")
        from core.api import db

        db.session.remove()
        app.teardown_request(lambda exc: db.session.remove())
        client = app.test_client()
        common.login(client, OLDER)
        totals = {"invoices": (small, scale), "bills": (small_bills, big_bills)}
        figures = []
        for name, path, bare, what in cases(app, client, older, small):
            same_rows(client, path, bare)
            measured, baseline = common.paired_seconds(
                lambda path=path: page(client, path), bare, runs
            )
            mine, theirs = totals[what]
            note = (
                f"the older company's {mine:,} {what} behind a newer company's {theirs:,}; "
                "baseline: bare indexed query + same template block"
            )
            figures.append(Figure(name, measured * 1000, baseline * 1000, "ms", 2, note))
    return figures


def seed(name: str, trn: str, invoices: int, bills: int, email: str | None = None) -> int:
    """A company with ``invoices`` invoices and ``bills`` bills (its vendors and orders)."""
    from sqlalchemy import text

    from core.api import db

    company = common.seed_company(name=name, trn=trn)
    if email:
        common.seed_user(company, email=email)
    customer = common.seed_customer(company.id)
    common.bulk_invoices(company.id, customer.id, invoices)
    vendor_ids = seed_lists.vendors(company.id, 10)
    order_ids = seed_lists.orders(company.id, vendor_ids, 10)
    seed_lists.bills(company.id, vendor_ids, order_ids, bills)
    db.session.execute(text("ANALYZE"))
    db.session.commit()
    return company.id


def cases(app, client, company_id: int, invoices: int) -> list[tuple]:
    from plugins.ap.views.bill_list import BILLS

    first = "/invoicing/invoices?sort=-id"
    deep = deep_path(company_id, invoices)
    bills_path = "/ap/bills"

    def invoices_bare(path):
        return lambda: lists_bench.bare_page_once(app, company_id, path, {})

    def bills_bare():
        return list_pages_bench.bare_page(
            app, bills_path, BILLS, list_pages_bench.bills_rows, company_id
        )

    return [
        (f"GET {first} (older company), first page", first, invoices_bare(first), "invoices"),
        (f"GET {first} (older company), a page deep by cursor", deep, invoices_bare(deep),
         "invoices"),
        (f"GET {bills_path} (older company), first page", bills_path, bills_bare, "bills"),
    ]  # fmt: skip


def deep_path(company_id: int, invoices: int) -> str:
    """The "Next" link of the older company's invoices newest first, 60 % into its list."""
    from sqlalchemy import select

    from core.api import db
    from core.listing import cursor
    from plugins.invoicing.models import Invoice

    position = int(invoices * 0.6)
    mine = select(Invoice.id).where(Invoice.company_id == company_id)
    with db.engine.connect() as conn:
        row_id = conn.scalar(mine.order_by(Invoice.id.desc()).offset(position).limit(1))
    return f"/invoicing/invoices?sort=-id&after={cursor.encode(row_id, row_id)}&offset={position}"


def page(client, path: str) -> str:
    resp = client.get(path, headers=HX)
    if resp.status_code != 200:
        raise SystemExit(f"GET {path} answered {resp.status_code}")
    return resp.get_data(as_text=True)


def same_rows(client, path: str, bare) -> None:
    """The baseline renders the very rows the page shows, in its order."""
    shown = re.findall(ROW, page(client, path))
    if not shown or shown != re.findall(ROW, bare()):
        raise SystemExit(f"GET {path}: the bare baseline's rows differ from the page's")


if __name__ == "__main__":
    common.main(run, __doc__, add_arguments)
