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

import re
import sys
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import common  # noqa: E402
from benchmarks.common import Figure  # noqa: E402


def add_arguments(parser) -> None:
    parser.add_argument("--invoices", type=int, default=100)
    parser.add_argument("--documents", type=int, default=100)


def run(db_url: str | None, scale: int, invoices: int = 100, documents: int = 100) -> list[Figure]:
    from core.api import Scope, scoped

    # the forward destination is on 127.0.0.1
    with common.bench_app(db_url, PEPPOL_ALLOW_PRIVATE_URLS=True):
        company_id, invoice_ids = seed_invoices(invoices)
        with scoped(Scope(company_id=company_id)):
            times = measure(company_id, invoice_ids, documents)
    a, v, b, c, d, result = times
    print(f"inbox totals: {result}")
    n, m = f"{invoices} invoices", f"{documents} documents"
    return [
        Figure("transmit, per document", b / invoices * 1000, a / invoices * 1000, "ms",
               note=f"{n}; baseline: the bare mock adapter send"),
        Figure("transmit vs validating its UBL alone", b / invoices * 1000,
               v / invoices * 1000, "ms", note=f"{n}; baseline: official validation alone"),
        Figure("inbox import job, per document", d / documents * 1000, c / documents * 1000,
               "ms", note=f"{m}; baseline: official validation alone"),
    ]  # fmt: skip


def measure(company_id: int, invoice_ids: list[int], documents: int) -> tuple:
    from core.api import db
    from plugins.invoicing import einvoice_xml, mapping
    from plugins.invoicing.models import Invoice
    from plugins.peppol.validation import check

    check(inbox_documents(1)[0])  # load the official rules once, outside every measurement
    ubl = einvoice_xml.render(
        mapping.to_document(db.session.get(Invoice, invoice_ids[0])), "pint-ae"
    )
    check(ubl, "pint-ae")
    a = bare_adapter(ubl, len(invoice_ids))
    v = timed(lambda: [check(ubl, "pint-ae") for _ in invoice_ids])
    b = transmit_all(invoice_ids)
    docs = inbox_documents(documents)
    c = validation_alone(docs)
    d, result = inbox_run(company_id, docs)
    return a, v, b, c, d, result


def seed_invoices(count: int):
    from core.api import db
    from plugins.invoicing.services import drafts, finalize
    from plugins.peppol import manage

    company = common.seed_company()
    buyer = common.seed_customer(company.id, country="AE")
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


timed = common.timed


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


if __name__ == "__main__":
    common.main(run, __doc__, add_arguments)
