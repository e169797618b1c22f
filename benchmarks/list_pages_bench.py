"""The bills, Peppol transmissions and payment requests list pages against their bare baselines.

    .venv/bin/python benchmarks/list_pages_bench.py                 # SQLite, 10k of each
    .venv/bin/python benchmarks/list_pages_bench.py --database-url postgresql+psycopg://...

Measured the way ``lists_bench`` measures the invoice list: ``scale / 10`` bills (three lines
each), transmissions (each with its UBL) and payment requests; each figure is the HTMX request
a click sends (``HX-Request``: the table block), signed in, against the bare indexed SQL query
for the same 25 rows (SQLAlchemy Core on a plain connection, no ORM, no session) plus rendering
them with the same template block (``core/list.html``, block ``table``) outside the request's
dispatch, timed by turns in the same process (``common.paired_seconds``).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import common, seed_lists  # noqa: E402
from benchmarks.common import Figure  # noqa: E402

HX = {"HX-Request": "true"}
ROW = r'<tr [^>]*data-row-id="(\d+)"'


def add_arguments(parser) -> None:
    parser.add_argument("--runs", type=int, default=21, help="timed requests per figure")


def run(db_url: str | None, scale: int, runs: int = 21) -> list[Figure]:
    count = max(scale // 10, 100)
    with common.bench_app(db_url) as (app, _):
        company, user, customer = common.seed_invoicing()
        common.bulk_invoices(company.id, customer.id, count)
        from sqlalchemy import select

        from core.api import db
        from plugins.invoicing.models import Invoice

        mine = select(Invoice.id).where(Invoice.company_id == company.id)
        invoice_ids = list(db.session.scalars(mine.order_by(Invoice.id)))
        seed_lists.seed(company.id, customer.id, invoice_ids, count)
        company_id, email = company.id, user.email
        db.session.remove()
        app.teardown_request(lambda exc: db.session.remove())
        client = app.test_client()
        common.login(client, email)
        figures = []
        for name, path, spec, bare in cases():
            same_rows(app, client, path, spec, bare, company_id)
            measured, baseline = common.paired_seconds(
                lambda path=path: app_page(client, path),
                lambda path=path, spec=spec, bare=bare: bare_page(
                    app, path, spec, bare, company_id
                ),
                runs,
            )
            note = f"{count:,} {name}; baseline: bare indexed query + same template block"
            figures.append(Figure(f"GET {path}", measured * 1000, baseline * 1000, "ms", 2, note))
    return figures


def cases() -> list[tuple]:
    from plugins.ap.views.bill_list import BILLS
    from plugins.peppol.views.lists import TRANSMISSIONS
    from plugins.wallet.views.request_list import REQUESTS

    return [
        ("bills", "/ap/bills", BILLS, bills_rows),
        ("bills", "/ap/bills?sort=-total", BILLS, bills_rows),
        ("transmissions", "/peppol/", TRANSMISSIONS, transmissions_rows),
        ("transmissions", "/peppol/?sort=-updated", TRANSMISSIONS, transmissions_rows),
        ("payment requests", "/wallet/requests", REQUESTS, requests_rows),
        ("payment requests", "/wallet/requests?sort=-invoice_amount", REQUESTS, requests_rows),
    ]


def app_page(client, path: str) -> str:
    resp = client.get(path, headers=HX)
    if resp.status_code != 200:
        raise SystemExit(f"GET {path} answered {resp.status_code}")
    return resp.get_data(as_text=True)


def same_rows(app, client, path: str, spec, bare, company_id: int) -> None:
    """The baseline renders the very rows the page does, in its order."""
    shown = re.findall(ROW, app_page(client, path))
    if not shown or shown != re.findall(ROW, bare_page(app, path, spec, bare, company_id)):
        raise SystemExit(f"GET {path}: the bare baseline's rows differ from the page's")


def bare_page(app, path: str, spec, bare, company_id: int) -> str:
    """The bare rows of the page, rendered with the page's template block."""
    from flask import request
    from jinja2_fragments import render_block

    from core.api import db
    from core.listing import Page
    from core.templating import _imports

    with app.test_request_context(path, headers=HX), db.engine.connect() as conn:
        sort = spec.sorting.parse(request.args.get("sort"))
        found = bare(conn, company_id, sort.order_by(conn.dialect.name))
        rows = found[: spec.page_size]
        more = "next" if len(found) > spec.page_size else None
        context = {
            "spec": spec,
            "page": Page(rows, sort, spec.page_size, 0, more, None),
            "rows": rows,
            "total": 1_000,
            "sort": sort,
            "error": None,
            "args": request.args,
            "filters": [],
            "actions": list(spec.actions),
        }
        app.update_template_context(context)
        env = app.jinja_env
        return render_block(
            env, "core/list.html", "table", {**_imports(env, "core/list.html", context), **context}
        )


def _ns(row, **more) -> SimpleNamespace:
    return SimpleNamespace(**row._mapping, **more)


def bills_rows(conn, company_id: int, order) -> list:
    from sqlalchemy import select

    from plugins.ap.models import Bill, PurchaseOrder, Vendor

    bill, vendor, po = Bill.__table__, Vendor.__table__, PurchaseOrder.__table__
    columns = ("id", "vendor_invoice_number", "kind", "possible_duplicate_of_id", "issue_date")
    columns += ("order_id", "total", "currency", "match_status", "status")
    stmt = (
        select(*(bill.c[c] for c in columns), vendor.c.name.label("who"), po.c.number.label("po"))
        .join(vendor, vendor.c.id == bill.c.vendor_id)
        .outerjoin(po, po.c.id == bill.c.order_id)
        .where(bill.c.company_id == company_id)
        .order_by(*order)
        .limit(26)
    )
    return [
        _ns(r, vendor=SimpleNamespace(name=r.who),
            order=SimpleNamespace(number=r.po) if r.order_id else None)
        for r in conn.execute(stmt)
    ]  # fmt: skip


def transmissions_rows(conn, company_id: int, order) -> list:
    from sqlalchemy import select

    from plugins.peppol.models import Transmission

    t = Transmission.__table__
    columns = ("id", "document_number", "invoice_id", "receiver_id", "profile", "provider_name")
    columns += ("attempt_count", "updated_at", "state")
    stmt = select(*(t.c[c] for c in columns)).where(t.c.company_id == company_id)
    return [_ns(r) for r in conn.execute(stmt.order_by(*order).limit(26))]


def requests_rows(conn, company_id: int, order) -> list:
    from plugins.wallet.models import PaymentRequest
    from plugins.wallet.views.request_list import _query

    stmt = _query().where(PaymentRequest.company_id == company_id)
    return list(conn.execute(stmt.order_by(*order).limit(26)))


if __name__ == "__main__":
    common.main(run, __doc__, add_arguments)
