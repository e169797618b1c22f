"""Bulk rows for the list benchmarks (API lists and list pages): customers, payments, vendors,
purchase orders and bills with their lines, Peppol transmissions and payment requests, written
in large batches with SQLAlchemy Core (the shapes the services write; no service call per row).

``seed(company_id, customer_id, invoice_ids, count)`` writes ``count`` of each (orders a fifth
of that) for one company and ANALYZEs; ``invoice_ids`` (from ``common.bulk_invoices``) are the
invoices the payments, transmissions and payment requests refer to.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from decimal import Decimal

from benchmarks.common import CHUNK

START = dt.date(2024, 1, 1)
NOW = dt.datetime(2026, 1, 1, 12)
LINES = 3  # per bill and per order
# A transmission carries its validated UBL: about the size of a three-line PINT-AE invoice.
UBL = "<Invoice>" + "<cac:InvoiceLine>" + "x" * 4000 + "</cac:InvoiceLine>" * 3 + "</Invoice>"


def seed(company_id: int, customer_id: int, invoice_ids: list[int], count: int) -> None:
    from sqlalchemy import text

    from core.api import db

    customers(company_id, count)
    payments(company_id, customer_id, invoice_ids, count)
    vendor_ids = vendors(company_id, max(count // 20, 10))
    order_ids = orders(company_id, vendor_ids, max(count // 5, 10))
    bills(company_id, vendor_ids, order_ids, count)
    transmissions(company_id, invoice_ids, count)
    payment_requests(company_id, invoice_ids, count)
    db.session.execute(text("ANALYZE"))
    db.session.commit()


def _batches(count: int):
    for base in range(0, count, CHUNK):
        yield range(base, min(base + CHUNK, count))


def _insert(model, rows: list[dict]) -> list[int]:
    from sqlalchemy import insert

    from core.api import db

    stmt = insert(model).returning(model.id, sort_by_parameter_order=True)
    return list(db.session.scalars(stmt, rows).all())


def customers(company_id: int, count: int) -> None:
    from core.api import db
    from plugins.invoicing.models import Customer

    for part in _batches(count):
        rows = [
            {
                "company_id": company_id,
                "name": f"Customer {n:06d} LLC",
                "trn": f"1{n:014d}",
                "email": f"c{n}@buyer.ae",
                "address_line1": f"{n} Corniche",
                "city": "Abu Dhabi",
                "country": "AE",
                "subdivision": "AE-AZ",
                "payment_terms_days": 30,
                "created_at": NOW,
            }
            for n in part
        ]
        _insert(Customer, rows)
        db.session.commit()


def payments(company_id: int, customer_id: int, invoice_ids: list[int], count: int) -> None:
    from core.api import db
    from plugins.payments.models import Allocation, Payment

    for part in _batches(count):
        rows = [
            {
                "company_id": company_id,
                "number": f"PAY/BENCH/{n + 1:07d}",
                "customer_id": customer_id,
                "amount": Decimal("100.00"),
                "currency": "AED",
                "method": ("bank_transfer", "card", "cash")[n % 3],
                "date": START + dt.timedelta(days=n % 300),
                "reference": f"REF-{n}",
                "status": "posted",
                "possible_duplicate": False,
                "created_at": NOW,
            }
            for n in part
        ]
        ids = _insert(Payment, rows)
        allocations = [
            {
                "company_id": company_id,
                "payment_id": pid,
                "invoice_id": invoice_ids[(n + k) % len(invoice_ids)],
                "amount": Decimal("50.00"),
                "created_at": NOW,
            }
            for n, pid in zip(part, ids, strict=True)
            for k in range(2)
        ]
        _insert(Allocation, allocations)
        db.session.commit()


def refunds(company_id: int, count: int) -> None:
    """``count`` refund requests, each on one of the company's payments (not in ``seed``)."""
    from sqlalchemy import select

    from core.api import db
    from plugins.payments.models import REQUESTED, Payment, Refund

    mine = select(Payment.id).where(Payment.company_id == company_id).order_by(Payment.id)
    payment_ids = list(db.session.scalars(mine.limit(count)))
    rows = [
        {
            "company_id": company_id,
            "payment_id": payment_ids[n % len(payment_ids)],
            "amount": Decimal("10.00"),
            "reason": f"Refund {n}",
            "status": REQUESTED,
            "requested_at": NOW,
        }
        for n in range(count)
    ]
    _insert(Refund, rows)
    db.session.commit()


def vendors(company_id: int, count: int) -> list[int]:
    from core.api import db
    from plugins.ap.models import Vendor

    rows = [
        {
            "company_id": company_id,
            "name": f"Vendor {n:05d} Trading LLC",
            "trn": f"2{n:014d}",
            "country": "AE",
            "subdivision": "AE-DU",
            "city": "Dubai",
            "payment_terms_days": 30,
            "created_at": NOW,
        }
        for n in range(count)
    ]
    ids = _insert(Vendor, rows)
    db.session.commit()
    return ids


def _line(company_id: int, n: int, k: int) -> dict:
    return {
        "company_id": company_id,
        "position": k + 1,
        "description": f"Item {n}-{k}",
        "item_code": f"SKU-{k}",
        "quantity": Decimal("10"),
        "unit_code": "C62",
        "unit_price": Decimal("12.50"),
        "tax_category": "S",
        "tax_rate": Decimal("5"),
        "net_amount": Decimal("125.00"),
    }


def orders(company_id: int, vendor_ids: list[int], count: int) -> list[int]:
    from core.api import db
    from plugins.ap.models import PurchaseOrder, PurchaseOrderLine

    out = []
    for part in _batches(count):
        rows = [
            {
                "company_id": company_id,
                "number": f"PO/BENCH/{n + 1:06d}",
                "vendor_id": vendor_ids[n % len(vendor_ids)],
                "status": "SENT",
                "order_date": START + dt.timedelta(days=n % 900),
                "currency": "AED",
                "subtotal": Decimal("375.00"),
                "tax_total": Decimal("18.75"),
                "total": Decimal("393.75"),
                "created_at": NOW,
                "sent_at": NOW,
            }
            for n in part
        ]
        ids = _insert(PurchaseOrder, rows)
        lines = [
            {**_line(company_id, n, k), "order_id": oid, "received_quantity": Decimal("10"),
             "accepted_quantity": Decimal("10")}
            for n, oid in zip(part, ids, strict=True)
            for k in range(LINES)
        ]  # fmt: skip
        _insert(PurchaseOrderLine, lines)
        db.session.commit()
        out += ids
    return out


def bills(company_id: int, vendor_ids: list[int], order_ids: list[int], count: int) -> None:
    from core.api import db
    from plugins.ap.models import Bill, BillLine

    for part in _batches(count):
        rows = [_bill(company_id, vendor_ids, order_ids, n) for n in part]
        ids = _insert(Bill, rows)
        lines = [
            {**_line(company_id, n, k), "bill_id": bid, "order_line_reference": str(k + 1),
             "link_method": "line_reference"}
            for n, bid in zip(part, ids, strict=True)
            for k in range(LINES)
        ]  # fmt: skip
        _insert(BillLine, lines)
        db.session.commit()


def _bill(company_id: int, vendor_ids: list[int], order_ids: list[int], n: int) -> dict:
    issue = START + dt.timedelta(days=n % 900)
    matched = n % 2 == 0
    return {
        "company_id": company_id,
        "kind": "invoice",
        "vendor_id": vendor_ids[n % len(vendor_ids)],
        "vendor_invoice_number": f"VINV-{n:07d}",
        "issue_date": issue,
        "due_date": issue + dt.timedelta(days=30),
        "fiscal_year": issue.year,
        "currency": "AED",
        "order_id": order_ids[n % len(order_ids)] if matched else None,
        "status": ("RECEIVED", "APPROVED", "PAID")[n % 3],
        "match_status": "FULL_MATCH" if matched else "NOT_MATCHED",
        "match_result": {"lines": [], "total_variance": "0.00"} if matched else None,
        "subtotal": Decimal("375.00"),
        "tax_total": Decimal("18.75"),
        "total": Decimal("393.75"),
        "amount_paid": Decimal("0"),
        "source": "api",
        "warnings": [],
        "created_at": NOW,
    }


def transmissions(company_id: int, invoice_ids: list[int], count: int) -> None:
    from core.api import db
    from plugins.peppol.models import Transmission

    digest = hashlib.sha256(UBL.encode()).hexdigest()
    for part in _batches(count):
        rows = [
            {
                "company_id": company_id,
                "invoice_id": invoice_ids[n % len(invoice_ids)],
                "document_number": f"BENCH-{n:07d}",
                "document_type": "invoice",
                "profile": "pint-ae",
                "sender_id": "0235:1001234567",
                "receiver_id": "0235:1009876543",
                "instance_id": f"00000000-0000-4000-8000-{n:012d}",
                "xml_sha256": digest,
                "xml": UBL,
                "state": ("SENT", "DELIVERED", "FAILED")[n % 3],
                "provider_name": "primary",
                "attempt_count": 1,
                "created_at": NOW,
                "updated_at": NOW,
                "sent_at": NOW,
            }
            for n in part
        ]
        _insert(Transmission, rows)
        db.session.commit()


def payment_requests(company_id: int, invoice_ids: list[int], count: int) -> None:
    from core.api import db
    from plugins.wallet.models import PaymentRequest

    for part in _batches(count):
        rows = [
            {
                "company_id": company_id,
                "invoice_id": invoice_ids[n % len(invoice_ids)],
                "chain_id": 31337,
                "token_address": "0x20c0000000000000000000000000000000000001",
                "decimals": 6,
                "mode": "hd",
                "derivation_index": n,
                "address": "0x" + _digest(f"addr{company_id}:{n}")[:40],
                "amount_units": Decimal(105_000_000),
                "invoice_amount": Decimal("105.00"),
                "invoice_currency": "USD",
                "token_currency": "USD",
                "rate": Decimal("1"),
                "tolerance_percent": Decimal("0.50"),
                "confirmations": 2,
                "status": "New",
                "expires_at": NOW + dt.timedelta(days=7),
                "monitor_until": NOW + dt.timedelta(days=30),
                "public_token": _digest(f"token{company_id}:{n}"),
                "created_at": NOW,
            }
            for n in part
        ]
        _insert(PaymentRequest, rows)
        db.session.commit()


def _digest(text: str) -> str:
    """Unique across companies (addresses and public tokens are unique database-wide)."""
    return hashlib.sha256(text.encode()).hexdigest()
