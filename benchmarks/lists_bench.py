"""List, search and export of invoices against their bare baselines, at ``scale`` invoices.

    .venv/bin/python benchmarks/lists_bench.py                     # SQLite, 100k invoices
    .venv/bin/python benchmarks/lists_bench.py --scale 1000000 --database-url postgresql+psycopg://...

Every figure is a ratio against a baseline measured in the same process:
  * list pages (first page, a page deep in the list reached by its "Next" cursor, sorted by
    total): the HTMX request a click sends (``HX-Request``: the table block), against the bare
    indexed SQL query for the same rows (SQLAlchemy Core on a plain connection, no ORM) plus
    rendering those rows with the same template block outside a request (jinja2-fragments);
  * search (``q=BENCH-0099``): the same, the baseline using the full-text index query;
  * export: CSV rows/s of ``/invoicing/invoices/export.csv`` against a bare SELECT of the same
    columns streamed into a CSV file; memory: tracemalloc's peak exporting every invoice against
    exporting a tenth of them (a date range), which is flat when the ratio stays near 1.

Each figure and its baseline are timed by turns (``common.paired_seconds``), so the load of a
shared machine falls on both alike.
"""

from __future__ import annotations

import csv
import datetime as dt
import sys
import tempfile
import tracemalloc
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import common  # noqa: E402
from benchmarks.common import Figure  # noqa: E402

SEARCH = "BENCH-0099"
HX = {"HX-Request": "true"}


def add_arguments(parser) -> None:
    parser.add_argument("--runs", type=int, default=21, help="timed requests per figure")


def run(db_url: str | None, scale: int, runs: int = 21) -> list[Figure]:
    with common.bench_app(db_url) as (app, _):
        company, user, customer = common.seed_invoicing()
        seconds = common.bulk_invoices(company.id, customer.id, scale)
        print(f"bulk-inserted {scale:,} invoices in {seconds:.1f} s", flush=True)
        from core.api import db

        company_id, email = company.id, user.email
        db.session.remove()
        # Requests reuse the benchmark's app context, so Flask-SQLAlchemy would keep one
        # session (and, on SQLite, its open transaction) across them: end it per request, as
        # a served request does.
        app.teardown_request(lambda exc: db.session.remove())
        client = app.test_client()
        common.login(client, email)
        figures = bench_pages(app, client, company_id, scale, runs)
        figures += bench_export(client, company_id, scale)
    return figures


# ---- list and search pages ----------------------------------------------------------------------
def bench_pages(app, client, company_id: int, scale: int, runs: int) -> list[Figure]:
    deep = deep_path(client, scale)
    cases = [
        ("list, first page", "/invoicing/invoices", {}),
        ("list, a page deep by cursor", deep, {}),
        ("list sorted by -total", "/invoicing/invoices?sort=-total", {}),
        ("search q=BENCH-0099", f"/invoicing/invoices?q={SEARCH}", {"q": SEARCH}),
    ]
    figures = []
    for name, path, extra in cases:
        measured, baseline = common.paired_seconds(
            lambda path=path: app_page(client, path),
            lambda path=path, extra=extra: bare_page_once(app, company_id, path, extra),
            runs,
        )
        figures.append(
            Figure(
                f"GET {name}",
                measured * 1000,
                baseline * 1000,
                "ms",
                target=2,
                note=f"{scale:,} invoices; baseline: bare indexed query + same template block",
            )
        )
    return figures


def app_page(client, path: str) -> None:
    resp = client.get(path, headers=HX)
    if resp.status_code != 200:
        raise SystemExit(f"GET {path} answered {resp.status_code}")


def deep_path(client, scale: int) -> str:
    """The "Next" link of a page about 60 % into the list (a cursor, as a user reaches it)."""
    from core.listing import cursor
    from plugins.invoicing.models import Invoice

    row = _bare_rows_at(int(scale * 0.6))
    token = cursor.encode(row.issue_date, row.id)
    assert Invoice  # the page reads by Invoice's own sort key
    return f"/invoicing/invoices?after={token}&offset={int(scale * 0.6)}"


def _bare_rows_at(position: int):
    from sqlalchemy import select

    from core.api import db
    from plugins.invoicing.models import Invoice

    invoice = Invoice.__table__
    stmt = (
        select(invoice.c.id, invoice.c.issue_date)
        .order_by(invoice.c.issue_date.desc(), invoice.c.id.desc())
        .offset(position)
        .limit(1)
    )
    with db.engine.connect() as conn:
        return conn.execute(stmt).one()


def bare_page_once(app, company_id: int, path: str, extra: dict) -> str:
    with app.test_request_context(path, headers=HX):
        rows, page, sort = bare_page(company_id, extra)
        return render_table(app, rows, page, sort)


def bare_page(company_id: int, extra: dict):
    """The page's rows by SQLAlchemy Core on a plain connection (no ORM, no session)."""
    from flask import request
    from sqlalchemy import or_, select

    from core.api import db
    from core.listing import Page, cursor
    from plugins.invoicing import search
    from plugins.invoicing.models import Customer, Invoice
    from plugins.invoicing.sorting import INVOICES

    inv, cust = Invoice.__table__, Customer.__table__
    sort = INVOICES.parse(request.args.get("sort"))
    column = inv.c[sort.column.expr.key]
    order = sort.order_by(db.engine.dialect.name)  # the page's own ORDER BY (core.listing)
    stmt = (
        select(*[inv.c[k] for k in COLUMNS], cust.c.name)
        .join(cust, cust.c.id == inv.c.customer_id)
        .where(inv.c.company_id == company_id)
        .order_by(*order)
        .limit(26)
    )
    if "q" in extra:
        stmt = stmt.where(inv.c.id.in_(search.matching_ids(extra["q"])))
    if after := request.args.get("after"):
        value, row_id = cursor.decode(after, "after")
        stmt = stmt.where(column <= value, or_(column < value, inv.c.id < row_id))
    with db.engine.connect() as conn:
        found = conn.execute(stmt).all()
    rows = [_row(r) for r in found[:25]]
    position = int(request.args.get("offset", 0))
    page = Page(rows, sort, 25, position, "next" if len(found) > 25 else None, None)
    return rows, page, sort


COLUMNS = ("id", "number", "type", "status", "payment_status", "issue_date", "due_date")
COLUMNS += ("currency", "total", "amount_due", "customer_id")


def _row(r):
    return SimpleNamespace(**{k: getattr(r, k) for k in COLUMNS}, name=r.name)


def render_table(app, rows, page, sort) -> str:
    from flask import request
    from jinja2_fragments import render_block

    from plugins.invoicing.views.invoice_list import INVOICE_LIST

    env = app.jinja_env
    context = {
        "spec": INVOICE_LIST,
        "rows": rows,
        "page": page,
        "total": 10_000,
        "sort": sort,
        "error": None,
        "args": request.args,
        "request": request,
        "actions": INVOICE_LIST.actions,  # an admin sees every action
        "actor": SimpleNamespace(can=lambda permission: True),
    }
    return render_block(env, "core/list.html", "table", context)


# ---- export ---------------------------------------------------------------------------------
def bench_export(client, company_id: int, scale: int) -> list[Figure]:
    with tempfile.TemporaryDirectory(prefix="ll-bench-export-") as tmp:
        target = Path(tmp) / "out.csv"
        app_s, bare_s = common.paired_seconds(
            lambda: app_export(client, "", target),
            lambda: bare_export(company_id, target),
            runs=3 if scale <= 200_000 else 1,
            warm=1,
        )
        tenth = _tenth_filter()
        app_export(client, tenth, target)  # untraced first: its statement compiled and cached
        peak_tenth = peak_mib(lambda: app_export(client, tenth, target))
        peak_full = peak_mib(lambda: app_export(client, "", target))
    note = f"{scale:,} invoices; baseline: bare SELECT streamed to a CSV file"
    return [
        Figure("export CSV, rows/s", scale / app_s, scale / bare_s, "rows/s", 0.5, note),
        Figure(
            "export CSV, memory peak: all vs a tenth",
            peak_full,
            peak_tenth,
            "MiB",
            1.5,
            "tracemalloc peak; flat memory keeps the ratio near 1",
        ),
    ]


def _tenth_filter() -> str:
    start = dt.date(2024, 1, 1)  # bulk_invoices spreads issue dates over 900 days
    return f"?date_from={start}&date_to={start + dt.timedelta(days=89)}"


def app_export(client, query: str, target: Path) -> None:
    resp = client.get(f"/invoicing/invoices/export.csv{query}", buffered=False)
    if resp.status_code != 200:
        raise SystemExit(f"export answered {resp.status_code}")
    with target.open("wb") as out:
        for chunk in resp.response:
            out.write(chunk if isinstance(chunk, bytes) else chunk.encode())
    resp.close()


def bare_export(company_id: int, target: Path) -> None:
    from sqlalchemy import select

    from core.api import db
    from plugins.invoicing.models import Customer, Invoice

    inv, cust = Invoice.__table__, Customer.__table__
    stmt = (
        select(
            inv.c.number,
            inv.c.type,
            cust.c.name,
            inv.c.issue_date,
            inv.c.due_date,
            inv.c.currency,
            inv.c.total,
            inv.c.amount_due,
            inv.c.status,
            inv.c.payment_status,
        )
        .join(cust, cust.c.id == inv.c.customer_id)
        .where(inv.c.company_id == company_id)
        .order_by(inv.c.issue_date.desc(), inv.c.id.desc())
    )
    with db.engine.connect() as conn, target.open("w", newline="") as out:
        writer = csv.writer(out)
        result = conn.execution_options(stream_results=True, yield_per=1000).execute(stmt)
        for part in result.partitions():
            writer.writerows(part)


def peak_mib(fn) -> float:
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


if __name__ == "__main__":
    common.main(run, __doc__, add_arguments)
