"""Peppol benchmark: transmit throughput against the mock provider, and inbox import
throughput, each as a ratio to its baseline measured in the same run.

    .venv/bin/python benchmarks/peppol_bench.py                  # temporary SQLite
    .venv/bin/python benchmarks/peppol_bench.py --database-url postgresql+psycopg://...

The PostgreSQL database must be empty: the schema is built by the real migrations.

  transmit: (a) baseline = the bare ``mock`` adapter ``send`` of the same UBL, N times
                (and, for scale, official validation of that UBL alone, N times);
            (b) ``transmit`` of N sealed invoices = XML build + official validation
                (through the e-invoice plugin) + transmission row + send job + attempt row
                + state moves, with the immediate job backend.
  inbox:    (c) baseline = official validation alone of M received documents;
            (d) the ``peppol.inbox_fetch`` job over the same M documents = hash and
                (sender, number) de-duplication, validation, reading, then an AP vendor bill
                through ``plugins.ap.public.import_bill`` (which validates again) when AP is
                enabled, else a POST to an ``http_forward`` destination on a local HTTP
                server; commit; acknowledgement.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="an empty database (default: temporary SQLite)")
    parser.add_argument("--invoices", type=int, default=100)
    parser.add_argument("--documents", type=int, default=100)
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
            "PEPPOL_ALLOW_PRIVATE_URLS": True,  # the forward destination is on 127.0.0.1
        }
    )
    with app.app_context():
        upgrade(revision="heads")
    return app


def seed_invoices(count: int):
    from core.api import Company, db
    from plugins.invoicing.services import customers, drafts, finalize
    from plugins.peppol import manage

    company = Company(
        name="Bench Trading LLC",
        trn="100123456700003",
        country="AE",
        subdivision="AE-DU",
        legal_id="CN-1",
        legal_id_type="TL",
        legal_id_authority="DET",
        city="Dubai",
        address_line1="1 Road",
        iban="AE070331234567890123456",
    )
    db.session.add(company)
    db.session.commit()
    buyer = customers.create(
        company.id,
        {
            "name": "Gulf Buyer LLC",
            "trn": "100987654300003",
            "peppol_id": "0235:1009876543",
            "address_line1": "2 Corniche",
            "city": "Abu Dhabi",
            "country": "AE",
        },
    )
    invoices = []
    for i in range(count):
        draft = drafts.create(
            company.id,
            {
                "customer_id": buyer.id,
                "issue_date": "2026-03-01",
                "buyer_reference": f"PO-{i}",
                "lines": [{"description": "Work", "quantity": "1", "unit_price": "100.00"}],
            },
        )
        invoices.append(finalize.finalize(draft).id)
        db.session.commit()
    manage.create(company.id, {"name": "bench-mock", "type": "mock", "priority": 1})
    db.session.commit()
    return company.id, invoices


def timed(run) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def bare_adapter(xml: bytes, count: int) -> float:
    from plugins.peppol.providers.base import AccountConfig, Outgoing
    from plugins.peppol.providers.mock import MockProvider

    adapter = MockProvider(AccountConfig(None, "bench-bare", "mock", None, {}, {}, 10.0))

    def run():
        for _ in range(count):
            doc = Outgoing(
                xml, str(uuid.uuid4()), None, "0235:1009876543", "invoice", "pint-ae", "X"
            )
            adapter.send(doc)

    return timed(run)


def transmit_all(invoice_ids) -> float:
    from core.api import db
    from plugins.invoicing.models import Invoice
    from plugins.peppol.transmit import transmit

    def run():
        for invoice_id in invoice_ids:
            outcome = transmit(db.session.get(Invoice, invoice_id))
            assert outcome.created and db.session.merge(outcome.transmission).state == "SENT"

    return timed(run)


def inbox_documents(count: int) -> list[bytes]:
    from tests.support.einvoice import VALIDATOR

    base = (VALIDATOR.parent / "examples" / "peppol-bis-3.0.19" / "base-example.xml").read_bytes()
    return [
        re.sub(rb"<cbc:ID>Snippet1</cbc:ID>", f"<cbc:ID>BENCH-{i}</cbc:ID>".encode(), base, count=1)
        for i in range(count)
    ]


def validation_alone(docs) -> float:
    from plugins.peppol import validation

    return timed(lambda: [validation.check(xml) for xml in docs])


def inbox_run(company_id: int, docs) -> tuple[float, dict]:
    from core.api import db, enqueue_job
    from plugins.peppol import manage
    from plugins.peppol.providers.base import InboxMessage
    from plugins.peppol.providers.mock import mock_network
    from plugins.peppol.tests.fakes import FakeServer, Reply

    destination = FakeServer({("POST", "/"): Reply(202, {"id": "ok"})})
    manage.create(
        company_id,
        {
            "name": "bench-archive",
            "type": "http_forward",
            "outbound": False,
            "base_url": destination.url + "/in",
        },
    )
    db.session.commit()
    mock_network("bench-mock").inbox.extend(
        InboxMessage(f"m-{i}", xml) for i, xml in enumerate(docs)
    )
    job = None

    def run():
        nonlocal job
        job = enqueue_job("peppol.inbox_fetch", {}, company_id=company_id, user_id=None)

    seconds = timed(run)
    db.session.refresh(job)
    destination.stop()
    return seconds, job.result


def main(argv=None) -> None:
    args = parse_args(argv)
    from core.api import Scope, db, scoped

    with tempfile.TemporaryDirectory() as tmp:
        app = build_app(args.database_url, Path(tmp))
        with app.app_context():
            print(
                f"database: {db.engine.dialect.name}; invoices: {args.invoices}; "
                f"documents: {args.documents}"
            )
            company_id, invoice_ids = seed_invoices(args.invoices)
            from plugins.peppol.validation import check

            sample = inbox_documents(1)[0]
            check(sample)  # load the official rules once, outside every measurement
            with scoped(Scope(company_id=company_id)):
                from plugins.invoicing import mapping, xml
                from plugins.invoicing.models import Invoice

                ubl = xml.render(
                    mapping.to_document(db.session.get(Invoice, invoice_ids[0])), "pint-ae"
                )
                check(ubl, "pint-ae")
                a = bare_adapter(ubl, args.invoices)
                v = timed(lambda: [check(ubl, "pint-ae") for _ in invoice_ids])
                b = transmit_all(invoice_ids)
                docs = inbox_documents(args.documents)
                c = validation_alone(docs)
                d, result = inbox_run(company_id, docs)
            n, m = args.invoices, args.documents
            print(f"(a) bare mock adapter send : {n / a:10.1f} docs/s")
            print(
                f"(b) transmit (full path)   : {n / b:10.1f} docs/s   ratio b/a time: {b / a:8.1f}x"
            )
            print(
                f"    validating that UBL alone: {n / v:.1f} docs/s (ratio b/v time: {b / v:.2f}x)"
            )
            print(f"(c) official validation    : {m / c:10.1f} docs/s")
            print(
                f"(d) inbox import job       : {m / d:10.1f} docs/s   ratio d/c time: {d / c:8.2f}x"
            )
            print(f"    inbox totals: {result}")


if __name__ == "__main__":
    main()
