"""The JSON API's list endpoints against their bare baselines.

    .venv/bin/python benchmarks/api_lists_bench.py                 # SQLite, 100k invoices
    .venv/bin/python benchmarks/api_lists_bench.py --database-url postgresql+psycopg://...

``scale`` invoices (one line each, as ``lists_bench``) and a tenth of that of customers,
payments (two allocations each), bills (three lines each), Peppol transmissions (each with its
UBL) and payment requests; a fifth of that of purchase orders (three lines each), a twentieth
of vendors. Each figure: ``GET /api/v1/...`` (first page, 50 rows, with a Bearer token, the
whole JSON body read) against its baseline measured by turns in the same process: the bare
indexed SQL for the same page (SQLAlchemy Core on a plain connection, no ORM; the rows each
item shows by one more ``IN`` query, as the endpoint does) and the same serializer turning
those rows into the same JSON items, encoded by the same JSON encoder, outside a request's
dispatch (a bare request context only, for ``url_for``).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import api_bare, common, seed_lists  # noqa: E402
from benchmarks.common import Figure  # noqa: E402


def add_arguments(parser) -> None:
    parser.add_argument("--runs", type=int, default=21, help="timed requests per figure")


def run(db_url: str | None, scale: int, runs: int = 21) -> list[Figure]:
    with common.bench_app(db_url) as (app, _):
        company, user, customer = common.seed_invoicing()
        common.bulk_invoices(company.id, customer.id, scale)
        from sqlalchemy import select

        from core.api import db
        from plugins.invoicing.models import Invoice

        mine = select(Invoice.id).where(Invoice.company_id == company.id)
        invoice_ids = list(db.session.scalars(mine.order_by(Invoice.id)))
        count = max(scale // 10, 100)
        seed_lists.seed(company.id, customer.id, invoice_ids, count)
        print(f"seeded {scale:,} invoices and {count:,} of each other record", flush=True)
        token = common.api_token(user)
        company_id = company.id
        db.session.remove()
        app.teardown_request(lambda exc: db.session.remove())
        client = app.test_client()
        return measure(app, client, token, company_id, scale, count, runs)


def measure(app, client, token, company_id, scale, count, runs) -> list[Figure]:
    headers = {"Authorization": f"Bearer {token}"}
    figures = []
    for path, bare, rows in api_bare.cases(scale, count):
        same_items(app, client, headers, path, bare, company_id)
        measured, baseline = common.paired_seconds(
            lambda path=path: api_get(client, path, headers),
            lambda path=path, bare=bare: api_bare.answer(app, path, bare, company_id),
            runs,
        )
        figures.append(
            Figure(
                f"GET {path}",
                measured * 1000,
                baseline * 1000,
                "ms",
                target=2,
                note=f"{rows}; 50 per page; baseline: bare indexed query + same serializer",
            )
        )
    return figures


def same_items(app, client, headers: dict, path: str, bare, company_id: int) -> None:
    """The baseline answers the very items the endpoint does (else its ratio means nothing)."""
    served = json.loads(api_get(client, path, headers))["data"]
    if served != json.loads(api_bare.answer(app, path, bare, company_id))["data"]:
        raise SystemExit(f"GET {path}: the bare baseline's items differ from the endpoint's")


def api_get(client, path: str, headers: dict) -> bytes:
    resp = client.get(path, headers=headers)
    if resp.status_code != 200:
        raise SystemExit(f"GET {path} answered {resp.status_code}: {resp.get_data()[:300]!r}")
    return resp.get_data()


if __name__ == "__main__":
    common.main(run, __doc__, add_arguments)
