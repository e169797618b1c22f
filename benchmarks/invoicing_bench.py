"""Invoicing benchmark: finalize throughput and the invoice list at 100k invoices.

    .venv/bin/python benchmarks/invoicing_bench.py                 # temporary SQLite database
    .venv/bin/python benchmarks/invoicing_bench.py --database-url postgresql+psycopg://u:p@h/db

The PostgreSQL database must be empty: the schema is built by the real migrations.

Each figure is a ratio against a baseline measured in the same process, so it says what the
application adds, whatever the machine:
  (a) finalize through the real service (lock, number, totals, VAT rows, hash chain, UBL XML,
      RSA-PSS signature, commit) vs the same primitives called bare (sha256 of the canonical
      bytes + UBL build + RSA-PSS sign, no database);
  (b) GET /invoicing/invoices with 100k invoices in the company, logged in, vs a hello-world
      route registered in the same app; median of several runs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import re
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

PASSWORD = "bench password 1"
CUSTOMER_TRN = "100987654300003"


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="an empty database (default: temporary SQLite)")
    parser.add_argument("--finalize", type=int, default=200, help="invoices to finalize")
    parser.add_argument("--invoices", type=int, default=100_000, help="invoices for the list")
    parser.add_argument("--runs", type=int, default=9, help="timed requests per route")
    return parser.parse_args(argv)


def build_app(url: str | None, workdir: Path):
    from flask_migrate import upgrade

    from core import create_app

    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": url or f"sqlite:///{workdir / 'bench.sqlite'}",
            "INSTANCE_PATH": str(workdir / "instance"),
            "SECRET_KEY": "bench-secret",
            "MFA_ENCRYPTION_KEY": "x2hL1nm0lq3U9FvDg5tJ4m1s1vS3f6z3Qd7m0f0Ww1s=",
            "JOBS_BACKEND": "immediate",
            "RATELIMIT_ENABLED": False,
        }
    )
    app.add_url_rule("/bench/hello", "bench_hello", lambda: "Hello, world!")
    with app.app_context():
        upgrade(revision="heads")
    return app


def seed_company():
    from core.api import db
    from core.auth.passwords import hash_password
    from core.models import Company, User
    from plugins.invoicing.services import customers

    company = Company(
        name="Bench Trading LLC",
        trn="100123456700003",
        country="AE",
        city="Dubai",
        address_line1="1 Sheikh Zayed Rd",
        iban="AE070331234567890123456",
        subdivision="AE-DU",
        legal_id="CN-1234567",
        legal_id_type="TL",
        legal_id_authority="Dubai Department of Economy and Tourism",
    )
    db.session.add(company)
    db.session.flush()
    user = User(
        email="bench@bench.ae",
        password_hash=hash_password(PASSWORD),
        role="COMPANY_ADMIN",
        company_id=company.id,
    )
    db.session.add(user)
    customer = customers.create(
        company.id,
        {
            "name": "Gulf Buyer LLC",
            "trn": CUSTOMER_TRN,
            "peppol_id": "0235:1009876543",
            "address_line1": "2 Corniche",
            "city": "Abu Dhabi",
            "emirate": "AE-AZ",
        },
    )
    db.session.commit()
    return company, user, customer


def draft_body(customer_id: int, n: int) -> dict:
    return {
        "customer_id": customer_id,
        "issue_date": "2026-03-01",
        "buyer_reference": f"PO-{n}",
        "lines": [
            {"description": "Consulting", "quantity": "10", "unit_price": "150.00"},
            {"description": "Licence", "quantity": "1", "unit_price": "99.99", "unit_code": "H87"},
            {"description": "Export", "quantity": "2", "unit_price": "12.5", "tax_category": "Z"},
        ],
    }


# ---- (a) finalize ---------------------------------------------------------------------------
def bench_finalize(company, customer, count: int) -> dict:
    from core.api import db
    from plugins.invoicing import chain, mapping, signing, xml
    from plugins.invoicing.services import drafts, finalize

    ids = [drafts.create(company.id, draft_body(customer.id, n)).id for n in range(count + 1)]
    db.session.commit()
    finalize.finalize(_get(ids[0]))
    db.session.commit()  # warm-up: creates the signing key, fills caches

    start = time.perf_counter()
    for invoice_id in ids[1:]:
        finalize.finalize(_get(invoice_id))
        db.session.commit()
    service = time.perf_counter() - start

    # The same documents, already finalized, through the bare primitives.
    invoices = [_get(i) for i in ids[1:]]
    documents = [mapping.to_document(inv) for inv in invoices]
    canonical = [chain.canonical(inv) for inv in invoices]
    key = signing.company_key(company.id)
    private = _private_key(key)
    start = time.perf_counter()
    for body, document in zip(canonical, documents, strict=True):
        invoice_hash = hashlib.sha256(body).hexdigest()
        xml_hash = xml.sha256(xml.render(document))
        private.sign(signing.message(invoice_hash, xml_hash), signing.PSS, _sha256())
    bare = time.perf_counter() - start
    return {"count": count, "service_s": service, "bare_s": bare}


def _get(invoice_id: int):
    from core.api import db
    from plugins.invoicing.models import Invoice

    return db.session.get(Invoice, invoice_id)


def _private_key(key):
    from cryptography.hazmat.primitives import serialization

    from plugins.invoicing import signing

    pem = signing._fernet().decrypt(key.private_key_encrypted.encode())
    return serialization.load_pem_private_key(pem, password=None)


def _sha256():
    from cryptography.hazmat.primitives import hashes

    return hashes.SHA256()


# ---- (b) list page at 100k invoices -----------------------------------------------------------
CHUNK = 5000


def bulk_invoices(company, customer, total: int) -> float:
    """Insert ``total`` finalized-looking invoices with one line each, in large batches."""
    from sqlalchemy import func, insert, select, text, update

    from core.api import db
    from plugins.invoicing.models import Invoice, Line

    start = time.perf_counter()
    offset = db.session.scalar(select(func.count(Invoice.id))) or 0
    first_day = dt.date(2024, 1, 1)
    for base in range(0, total, CHUNK):
        heads = [
            _invoice_row(company.id, customer.id, offset + n, first_day)
            for n in range(base, min(base + CHUNK, total))
        ]
        ids = db.session.scalars(
            insert(Invoice).returning(Invoice.id, sort_by_parameter_order=True), heads
        ).all()
        db.session.execute(insert(Line), [_line_row(company.id, i, n) for n, i in enumerate(ids)])
        # Lines go in while the invoice is a draft (the triggers freeze finalized ones); one in
        # a hundred stays a draft, as on a real list.
        db.session.execute(
            update(Invoice)
            .where(Invoice.id.between(ids[0], ids[-1]), Invoice.number.is_not(None))
            .values(status="FINALIZED")
            .execution_options(synchronize_session=False)
        )
        db.session.commit()
    # A live database has planner statistics; a fresh bulk load has none until analysed.
    db.session.execute(text("ANALYZE"))
    db.session.commit()
    return time.perf_counter() - start


def _invoice_row(company_id: int, customer_id: int, n: int, first_day: dt.date) -> dict:
    subtotal = Decimal(100 + n % 900)
    tax = (subtotal * Decimal("0.05")).quantize(Decimal("0.01"))
    issue = first_day + dt.timedelta(days=n % 900)
    draft = n % 100 == 0
    return {
        "company_id": company_id,
        "type": "invoice",
        "number": None if draft else f"BENCH-{n:07d}",
        "status": "DRAFT",
        "payment_status": ("unpaid", "paid", "partial")[n % 3],
        "customer_id": customer_id,
        "issue_date": issue,
        "due_date": issue + dt.timedelta(days=30),
        "currency": "AED",
        "exchange_rate": Decimal("1"),
        "subtotal": subtotal,
        "tax_total": tax,
        "total": subtotal + tax,
        "amount_due": subtotal + tax,
        "chain_seq": None if draft else 1_000_000 + n,
        "hash": None if draft else hashlib.sha256(str(n).encode()).hexdigest(),
        "created_at": dt.datetime(2026, 1, 1),
    }


def _line_row(company_id: int, invoice_id: int, n: int) -> dict:
    return {
        "company_id": company_id,
        "invoice_id": invoice_id,
        "position": 1,
        "description": f"Service {n}",
        "quantity": Decimal("1"),
        "unit_code": "C62",
        "unit_price": Decimal(100 + n % 900),
        "allowance": Decimal("0"),
        "tax_category": "S",
        "tax_rate": Decimal("5"),
        "line_total": Decimal(100 + n % 900),
    }


def login(client, email: str) -> None:
    html = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf-token" content="([^"]+)"', html) or re.search(
        r'name="csrf_token"[^>]*value="([^"]+)"', html
    )
    resp = client.post(
        "/login", data={"email": email, "password": PASSWORD, "csrf_token": token.group(1)}
    )
    if resp.status_code != 302:
        raise SystemExit(f"could not log in for the benchmark: {resp.status_code}")


def median_ms(client, path: str, runs: int) -> float:
    for _ in range(2):  # warm-up: templates compiled, caches filled
        _check(client.get(path), path)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        _check(client.get(path), path)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def _check(resp, path: str) -> None:
    if resp.status_code != 200:
        raise SystemExit(f"GET {path} answered {resp.status_code}")


def list_path(app) -> str:
    rules = {rule.rule for rule in app.url_map.iter_rules()}
    return "/invoicing/invoices" if "/invoicing/invoices" in rules else "/api/v1/invoices"


def main(argv=None) -> None:
    args = parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="ll-bench-") as tmp:
        app = build_app(args.database_url, Path(tmp))
        with app.app_context():
            backend = app.extensions["sqlalchemy"].engine.dialect.name
            company, user, customer = seed_company()
            print(f"Ledgerline invoicing benchmark on {backend}")

            fin = bench_finalize(company, customer, args.finalize)
            per_service = fin["service_s"] / fin["count"] * 1000
            per_bare = fin["bare_s"] / fin["count"] * 1000
            print(f"(a) finalize, {fin['count']} invoices of 3 lines:")
            print(
                f"    real service  {per_service:8.2f} ms/invoice  "
                f"({fin['count'] / fin['service_s']:.1f} invoices/s)"
            )
            print(
                f"    bare primitives {per_bare:6.2f} ms/invoice  "
                f"({fin['count'] / fin['bare_s']:.1f} invoices/s)"
            )
            print(f"    ratio service / bare = {per_service / per_bare:.2f}x")

            seconds = bulk_invoices(company, customer, args.invoices)
            print(f"(b) bulk-inserted {args.invoices} invoices + lines in {seconds:.1f} s")
            client = app.test_client()
            login(client, user.email)
            path = list_path(app)
            hello = median_ms(client, "/bench/hello", args.runs)
            page = median_ms(client, path, args.runs)
            search = median_ms(client, f"{path}?q=BENCH-0099&sort=-total", args.runs)
            print(f"    GET /bench/hello        median {hello:8.2f} ms")
            print(f"    GET {path}  median {page:8.2f} ms  ratio {page / hello:.1f}x")
            print(
                f"    GET {path}?q=..&sort=-total  median {search:8.2f} ms  "
                f"ratio {search / hello:.1f}x"
            )
            app.extensions["sqlalchemy"].session.remove()
            app.extensions["sqlalchemy"].engine.dispose()


if __name__ == "__main__":
    main()
