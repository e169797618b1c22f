"""What every benchmark shares: the app on a database, seed data, timing, and the Figure.

A benchmark module exposes ``run(db_url, scale, **options) -> list[Figure]`` and ends with

    if __name__ == "__main__":
        common.main(run, __doc__, add_arguments)

so it works as a script (``--database-url``, ``--scale``, ``--json FILE`` and its own options)
and under ``benchmarks/run.py``, which runs each module in its own process on SQLite and on a
temporary PostgreSQL cluster and prints one table of every ratio.

A Figure is one measured cost next to its baseline measured in the same process, in the same
unit: ``ratio = measured / baseline``. For a time ("ms", "s") lower is better and ``target`` is
the highest acceptable ratio; for a rate ("rows/s", "docs/s") higher is better and ``target``
is the lowest acceptable ratio. The direction follows from the unit (``per second`` = rate).
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import datetime as dt
import hashlib
import json
import re
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

DEFAULT_SCALE = 100_000
PASSWORD = "bench password 1"
CUSTOMER_TRN = "100987654300003"
CHUNK = 5000

# What PINT-AE needs of a UAE seller (finalize refuses a company without it).
SELLER = {
    "name": "Bench Trading LLC",
    "trn": "100123456700003",
    "country": "AE",
    "city": "Dubai",
    "address_line1": "1 Sheikh Zayed Rd",
    "iban": "AE070331234567890123456",
    "subdivision": "AE-DU",
    "legal_id": "CN-1234567",
    "legal_id_type": "TL",
    "legal_id_authority": "Dubai Department of Economy and Tourism",
}
BUYER = {
    "name": "Gulf Buyer LLC",
    "trn": CUSTOMER_TRN,
    "peppol_id": "0235:1009876543",
    "address_line1": "2 Corniche",
    "city": "Abu Dhabi",
    "emirate": "AE-AZ",
}


# ---- the Figure convention -------------------------------------------------------------------
@dataclasses.dataclass
class Figure:
    """One cost against its same-run baseline; see the module docstring for the direction."""

    name: str
    measured: float
    baseline: float
    unit: str
    target: float | None = None
    note: str = ""

    @property
    def ratio(self) -> float:
        return self.measured / self.baseline if self.baseline else float("inf")

    @property
    def higher_is_better(self) -> bool:
        return self.unit.endswith("/s")

    @property
    def met(self) -> bool | None:
        if self.target is None:
            return None
        return self.ratio >= self.target if self.higher_is_better else self.ratio <= self.target

    def target_text(self) -> str:
        if self.target is None:
            return ""
        return f"{'≥' if self.higher_is_better else '≤'} {self.target:g}×"

    def as_dict(self) -> dict:
        return {**dataclasses.asdict(self), "ratio": self.ratio, "met": self.met}

    @classmethod
    def from_dict(cls, data: dict) -> Figure:
        fields = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in fields})

    def line(self) -> str:
        verdict = {None: "", True: "  met", False: "  NOT met"}[self.met]
        target = f"  target {self.target_text()}" if self.target is not None else ""
        note = f"  ({self.note})" if self.note else ""
        return (
            f"{self.name:<48} {number(self.measured):>10} vs {number(self.baseline):>10} "
            f"{self.unit:<8} ratio {self.ratio:7.2f}×{target}{verdict}{note}"
        )


def number(value: float) -> str:
    if value >= 100:
        return f"{value:,.0f}"
    return f"{value:.2f}" if value >= 1 else f"{value:.3f}"


# ---- the app on a database ---------------------------------------------------------------------
@contextlib.contextmanager
def bench_app(db_url: str | None = None, **config):
    """The real app on ``db_url`` (an empty database; default a temporary SQLite file), schema
    built by the real migrations; yields ``(app, workdir)`` inside an app context and lets go
    of every connection afterwards."""
    from flask_migrate import upgrade

    from core import create_app

    with tempfile.TemporaryDirectory(prefix="ll-bench-") as tmp:
        workdir = Path(tmp)
        app = create_app(
            {
                "SQLALCHEMY_DATABASE_URI": db_url or f"sqlite:///{workdir / 'bench.sqlite'}",
                "INSTANCE_PATH": str(workdir / "instance"),
                "SECRET_KEY": "bench-secret",
                "MFA_ENCRYPTION_KEY": "x2hL1nm0lq3U9FvDg5tJ4m1s1vS3f6z3Qd7m0f0Ww1s=",
                "JOBS_BACKEND": "immediate",
                "RATELIMIT_ENABLED": False,
                **config,
            }
        )
        app.add_url_rule("/bench/hello", "bench_hello", lambda: "Hello, world!")
        with app.app_context():
            upgrade(revision="heads")
            try:
                yield app, workdir
            finally:
                sqlalchemy = app.extensions["sqlalchemy"]
                sqlalchemy.session.remove()
                sqlalchemy.engine.dispose()


def dialect() -> str:
    from core.api import db

    return db.engine.dialect.name


# ---- seed data through the real code paths ----------------------------------------------------
def seed_company(**overrides):
    """A UAE company with every seller detail finalize needs."""
    from core.api import Company, db

    company = Company(**{**SELLER, **overrides})
    db.session.add(company)
    db.session.commit()
    return company


def seed_user(company, email: str = "bench@bench.ae", role: str = "COMPANY_ADMIN"):
    from core.api import db
    from core.auth.passwords import hash_password
    from core.models import User

    user = User(
        email=email, password_hash=hash_password(PASSWORD), role=role, company_id=company.id
    )
    db.session.add(user)
    db.session.commit()
    return user


def api_token(user, scopes: str = "read,write") -> str:
    """A Bearer secret for the API, made by core's token service."""
    from core.api import db
    from core.auth.tokens import create_token

    _, secret = create_token(user, scopes, name="bench")
    db.session.commit()
    return secret


def seed_customer(company_id: int, **overrides):
    from core.api import db
    from plugins.invoicing.services import customers

    customer = customers.create(company_id, {**BUYER, **overrides})
    db.session.commit()
    return customer


def seed_invoicing(with_user: bool = True):
    """Company, admin user (or None) and one Peppol-reachable UAE customer."""
    company = seed_company()
    user = seed_user(company) if with_user else None
    return company, user, seed_customer(company.id)


def draft_body(customer_id: int, n: int) -> dict:
    """A three-line draft: standard-rated, a unit code, a zero-rated export line."""
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


def create_drafts(company_id: int, customer_id: int, count: int) -> list[int]:
    from core.api import db
    from plugins.invoicing.services import drafts

    ids = [drafts.create(company_id, draft_body(customer_id, n)).id for n in range(count)]
    db.session.commit()
    return ids


def bulk_invoices(company_id: int, customer_id: int, total: int) -> float:
    """Insert ``total`` finalized-looking invoices (one line each) in large batches, then
    ANALYZE; return the seconds it took. One in a hundred stays a draft, as on a real list."""
    from sqlalchemy import func, insert, select, text, update

    from core.api import db
    from plugins.invoicing.models import Invoice, Line

    start = time.perf_counter()
    offset = db.session.scalar(select(func.count(Invoice.id))) or 0
    for base in range(0, total, CHUNK):
        heads = [
            _invoice_row(company_id, customer_id, offset + n)
            for n in range(base, min(base + CHUNK, total))
        ]
        ids = db.session.scalars(
            insert(Invoice).returning(Invoice.id, sort_by_parameter_order=True), heads
        ).all()
        db.session.execute(insert(Line), [_line_row(company_id, i, n) for n, i in enumerate(ids)])
        # Lines go in while the invoice is a draft (the triggers freeze finalized ones).
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


def _invoice_row(company_id: int, customer_id: int, n: int) -> dict:
    subtotal = Decimal(100 + n % 900)
    tax = (subtotal * Decimal("0.05")).quantize(Decimal("0.01"))
    issue = dt.date(2024, 1, 1) + dt.timedelta(days=n % 900)
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


# ---- HTTP through the test client ---------------------------------------------------------------
def login(client, email: str, password: str = PASSWORD) -> None:
    html = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf-token" content="([^"]+)"', html) or re.search(
        r'name="csrf_token"[^>]*value="([^"]+)"', html
    )
    resp = client.post(
        "/login", data={"email": email, "password": password, "csrf_token": token.group(1)}
    )
    if resp.status_code != 302:
        raise SystemExit(f"could not log in for the benchmark: {resp.status_code}")


def median_ms(client, path: str, runs: int = 9, headers: dict | None = None) -> float:
    """Median milliseconds of ``runs`` GETs of ``path`` after two warm-up requests."""

    def get():
        resp = client.get(path, headers=headers or {})
        if resp.status_code != 200:
            raise SystemExit(f"GET {path} answered {resp.status_code}")

    for _ in range(2):
        get()
    return statistics.median(timed(get) for _ in range(runs)) * 1000


# ---- timing ----------------------------------------------------------------------------------
def paired_seconds(measured, baseline, runs: int, warm: int = 2) -> tuple[float, float]:
    """Median seconds of ``measured()`` and of ``baseline()``, run by turns (``warm`` untimed
    turns first): on a shared machine a burst of load then slows both sides alike, where
    timing one side's runs and then the other's let a burst land on one side only."""
    for _ in range(warm):
        measured()
        baseline()
    a, b = [], []
    for _ in range(runs):
        a.append(timed(measured))
        b.append(timed(baseline))
    return statistics.median(a), statistics.median(b)


def timed(fn) -> float:
    """Seconds ``fn()`` took."""
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def timed_result(fn) -> tuple[float, object]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


# ---- the script entry point ----------------------------------------------------------------------
def main(run, doc: str, add_arguments=None, argv=None) -> list[Figure]:
    """Parse the common options (and the module's own), run, print the figures."""
    parser = argparse.ArgumentParser(
        description=doc.splitlines()[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", help="an empty database (default: temporary SQLite)")
    parser.add_argument(
        "--scale", type=int, default=DEFAULT_SCALE, help="rows in the big tables (100k)"
    )
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    if add_arguments:
        add_arguments(parser)
    args = vars(parser.parse_args(argv))
    db_url, scale, out = args.pop("database_url"), args.pop("scale"), args.pop("json")
    figures = run(db_url, scale, **args)
    for figure in figures:
        print(figure.line())
    if out:
        out.write_text(json.dumps([f.as_dict() for f in figures], indent=1))
    return figures
