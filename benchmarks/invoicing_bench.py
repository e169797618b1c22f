"""Invoicing benchmark: finalize against its primitives, the invoice list at 100k invoices.

    .venv/bin/python benchmarks/invoicing_bench.py                 # temporary SQLite database
    .venv/bin/python benchmarks/invoicing_bench.py --database-url postgresql+psycopg://u:p@h/db

The PostgreSQL database must be empty: the schema is built by the real migrations.

Each figure is a ratio against a baseline measured in the same process, so it says what the
application adds, whatever the machine:
  (a) finalize through the real service (lock, number, totals, VAT rows, hash chain, UBL XML,
      RSA-PSS signature, commit) vs the same primitives called bare (sha256 of the canonical
      bytes + UBL build + RSA-PSS sign, no database);
  (b) GET /invoicing/invoices with ``scale`` invoices in the company, logged in, vs a
      hello-world route registered in the same app; median of several runs; the same with a
      search and a sort.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import common  # noqa: E402
from benchmarks.common import Figure  # noqa: E402


def add_arguments(parser) -> None:
    parser.add_argument("--finalize", type=int, default=200, help="invoices to finalize")
    parser.add_argument("--runs", type=int, default=9, help="timed requests per route")


def run(db_url: str | None, scale: int, finalize: int = 200, runs: int = 9) -> list[Figure]:
    with common.bench_app(db_url) as (app, _):
        company, user, customer = common.seed_invoicing()
        figures = bench_finalize(company, customer, finalize)
        figures += bench_list(app, company, customer, user, scale, runs)
    return figures


# ---- (a) finalize ---------------------------------------------------------------------------
BLOCK = 10  # service and bare alternate in blocks, so a busy machine slows both alike


def bench_finalize(company, customer, count: int) -> list[Figure]:
    from core.api import db
    from plugins.invoicing import chain
    from plugins.invoicing.services import finalize

    ids = common.create_drafts(company.id, customer.id, count + 1)
    finalize.finalize(get_invoice(ids[0]))
    db.session.commit()  # warm-up: creates the signing key, compiles the rules, fills caches
    bare = bare_company(count)
    service_s = bare_s = 0.0
    for start in range(0, count, BLOCK):
        block = ids[1 + start : 1 + start + BLOCK]
        service_s += common.timed(lambda block=block: finalize_each(block))
        bare_s += common.timed(lambda start=start: bare["run"](bare["work"][start : start + BLOCK]))
    for checked in (company.id, bare["company_id"]):  # both paths sealed a valid chain
        report = chain.verify_company(checked)
        assert report.ok and report.checked == count + (checked == company.id), report.as_dict()
    per = 1000 / count
    return [
        Figure(
            "finalize, per invoice (3 lines)",
            service_s * per,
            bare_s * per,
            "ms",
            target=2,
            note="baseline: its primitives bare (number, UBL, official validation, "
            "SHA-256, RSA-PSS, the inserts)",
        )
    ]


def finalize_each(ids) -> None:
    from core.api import db
    from plugins.invoicing.services import finalize

    for invoice_id in ids:
        finalize.finalize(get_invoice(invoice_id))
        db.session.commit()


def bare_company(count: int) -> dict:
    """A second company whose drafts go through the bare primitives, prepared untimed."""
    from benchmarks import finalize_bare
    from core.api import db
    from plugins.invoicing import signing

    company = common.seed_company(name="Bench Bare LLC")
    customer = common.seed_customer(company.id)
    ids = common.create_drafts(company.id, customer.id, count)
    finalize_bare.start(company.id)
    runner = finalize_bare.BareFinalize(company.id, signing.company_key(company.id))
    db.session.commit()
    work = finalize_bare.prepare(company.id, ids)
    return {"company_id": company.id, "work": work, "run": runner.run}


def get_invoice(invoice_id: int):
    from core.api import db
    from plugins.invoicing.models import Invoice

    return db.session.get(Invoice, invoice_id)


# ---- (b) list page at ``scale`` invoices --------------------------------------------------------
def bench_list(app, company, customer, user, scale: int, runs: int) -> list[Figure]:
    seconds = common.bulk_invoices(company.id, customer.id, scale)
    client = app.test_client()
    common.login(client, user.email)
    path = list_path(app)
    hello = common.median_ms(client, "/bench/hello", runs)
    page = common.median_ms(client, path, runs)
    search = common.median_ms(client, f"{path}?q=BENCH-0099&sort=-total", runs)
    print(f"bulk-inserted {scale:,} invoices + lines in {seconds:.1f} s")
    note = f"{scale:,} invoices; baseline: a hello-world route"
    return [
        Figure(f"GET {path}", page, hello, "ms", note=note),
        Figure(f"GET {path}?q=..&sort=-total", search, hello, "ms", note=note),
    ]


def list_path(app) -> str:
    rules = {rule.rule for rule in app.url_map.iter_rules()}
    return "/invoicing/invoices" if "/invoicing/invoices" in rules else "/api/v1/invoices"


if __name__ == "__main__":
    common.main(run, __doc__, add_arguments)
