"""AP benchmark: e-invoice import throughput and the match of a 500-line bill.

    .venv/bin/python benchmarks/ap_bench.py                 # temporary SQLite database
    .venv/bin/python benchmarks/ap_bench.py --database-url postgresql+psycopg://u:p@h/db

Each figure is a ratio against a baseline measured in the same process:
  (a) import_bill (official validation, reading, vendor look-up, duplicate checks, storing the
      bill, its lines and the XML, first match, commit) in documents/s, vs the official
      validator alone (plugins.einvoice.public.validate) on the very same documents;
  (b) the match of a 500-line bill against a 500-line PO (lock, link by description
      similarity, compare, store), vs reading that bill and its PO from the database.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import common  # noqa: E402
from benchmarks.common import Figure  # noqa: E402

SHARED = Path(__file__).resolve().parents[2] / "shared" / "einvoice" / "examples"
CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
SKIP = ("national-GR",)  # break the UBL 2.1 XSD upstream: refused by the official rules


def add_arguments(parser) -> None:
    parser.add_argument("--rounds", type=int, default=3, help="times each example is imported")
    parser.add_argument("--lines", type=int, default=500, help="lines of the matched bill")
    parser.add_argument("--examples", default=str(SHARED), help="folder of official examples")


def run(
    db_url: str | None, scale: int, rounds: int = 3, lines: int = 500, examples: str = str(SHARED)
) -> list[Figure]:
    with common.bench_app(db_url):
        company = common.seed_company(name="Bench Buyer LLC")
        accept_en16931(company.id)
        docs = documents(Path(examples), rounds)
        validator_rate, import_rate = bench_import(company.id, docs)
        match, read, status = bench_match(company.id, lines)
    return [
        Figure(
            "import_bill, documents/s",
            import_rate,
            validator_rate,
            "docs/s",
            note=f"{len(docs)} official examples; baseline: the official validator alone",
        ),
        Figure(
            f"match a {lines}-line bill to its PO",
            match * 1000,
            read * 1000,
            "ms",
            note=f"{status}; baseline: reading the bill and the PO",
        ),
    ]


def documents(folder: Path, rounds: int) -> list[bytes]:
    """Every importable official example, ``rounds`` times, each copy with its own number."""
    from lxml import etree

    sources = [p for p in sorted(folder.glob("*/*.xml")) if not any(s in p.name for s in SKIP)]
    copies = []
    for round_ in range(rounds):
        for index, path in enumerate(sources):
            root = etree.fromstring(path.read_bytes())
            number = root.find(f"{{{CBC}}}ID")
            number.text = f"{number.text}-{round_}-{index}"
            copies.append(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
    return copies


def bench_import(company_id: int, docs: list[bytes]) -> tuple[float, float]:
    from core.api import Scope, db, scoped
    from plugins.ap.public import import_bill
    from plugins.ap.services.einvoice_check import claimed_profiles, identifiers
    from plugins.einvoice.public import validate, warm

    warm()
    started = time.perf_counter()
    for xml in docs:  # the same rule stacks the import picks, without anything else
        for profile in claimed_profiles(*identifiers(xml)):
            validate(xml, profile)
    baseline = time.perf_counter() - started
    started = time.perf_counter()
    with scoped(Scope(company_id=company_id)):
        for xml in docs:
            import_bill(company_id, xml, source="bench")
            db.session.commit()
    return len(docs) / baseline, len(docs) / (time.perf_counter() - started)


def accept_en16931(company_id: int) -> None:
    """peppol_rules "warn": CEN's EN 16931 examples that claim Peppol import too."""
    from core.api import Scope, db, scoped
    from plugins.ap.services import settings

    with scoped(Scope(company_id=company_id)):
        settings.update(company_id, {"peppol_rules": "warn"})
        db.session.commit()


def seed_order(company_id: int, lines: int):
    from core.api import db
    from plugins.ap.services import orders, receipts, vendors

    vendor = vendors.create(company_id, {"name": "Bench Vendor LLC"})
    words = ("steel", "copper", "cable", "bolt", "washer", "panel", "pipe", "valve", "pump")
    po_lines = [
        {"description": f"{words[i % 9]} {words[(i // 9) % 9]} part {i:04d}",
         "quantity": "10", "unit_price": f"{10 + i % 50}.25", "unit_code": "H87"}
        for i in range(lines)
    ]  # fmt: skip
    order = orders.create(
        company_id, {"vendor_id": vendor.id, "order_date": "2026-03-01", "lines": po_lines}, None
    )
    orders.send(order)
    receipt = [
        {"po_line_id": line.id, "received_quantity": "10", "accepted_quantity": "10"}
        for line in order.lines
    ]
    receipts.post(order, {"received_date": "2026-03-02", "lines": receipt}, None)
    db.session.commit()
    return vendor, order, po_lines


def bench_match(company_id: int, lines: int, runs: int = 5) -> tuple[float, float, str]:
    from sqlalchemy import select

    from core.api import Scope, db, scoped
    from plugins.ap.models import Bill, PurchaseOrder
    from plugins.ap.services import bills, match_run

    with scoped(Scope(company_id=company_id)):
        vendor, order, po_lines = seed_order(company_id, lines)
        body = {"vendor_id": vendor.id, "vendor_invoice_number": "BENCH-500",
                "issue_date": "2026-03-10", "purchase_order_id": order.id,
                "lines": list(reversed(po_lines))}  # fmt: skip
        bill = bills.create(company_id, body, None)
        db.session.commit()
        match_times, read_times = [], []
        for _ in range(runs):
            db.session.expire_all()
            started = time.perf_counter()
            loaded = db.session.scalars(select(Bill).where(Bill.id == bill.id)).one()
            [line.description for line in loaded.lines]
            po = db.session.scalars(select(PurchaseOrder).where(PurchaseOrder.id == order.id))
            [line.description for line in po.one().lines]
            db.session.commit()
            read_times.append(time.perf_counter() - started)
            db.session.expire_all()
            started = time.perf_counter()
            matched = match_run.run(loaded)
            db.session.commit()
            match_times.append(time.perf_counter() - started)
        return statistics.median(match_times), statistics.median(read_times), matched.match_status


if __name__ == "__main__":
    common.main(run, __doc__, add_arguments)
