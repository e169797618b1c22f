"""The bare baselines of ``api_lists_bench``: each list's first page by SQLAlchemy Core on a
plain connection (no ORM, no session), the rows each item shows by one ``IN`` query, turned into
the API's items by the endpoint's own serializer (rows as plain namespaces) and encoded by the
app's JSON encoder in a bare request context (``url_for`` needs one)."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from types import SimpleNamespace

PAGE = 50


def cases(scale: int, count: int) -> list[tuple]:
    """(path, bare function, what the table holds) per endpoint."""
    invoices, customers = f"{scale:,} invoices", f"{count:,} customers"
    return [
        ("/api/v1/invoices", lambda c, cid: invoices_page(c, cid, "id"), invoices),
        ("/api/v1/invoices?sort=-total",
         lambda c, cid: invoices_page(c, cid, "total"), invoices),
        ("/api/v1/customers", customers_page, customers),
        ("/api/v1/payments", payments_page, f"{count:,} payments, 2 allocations each"),
        ("/api/v1/bills", bills_page, f"{count:,} bills, 3 lines each"),
        ("/api/v1/purchase-orders", orders_page,
         f"{max(count // 5, 10):,} orders, 3 lines each"),
        ("/api/v1/vendors", vendors_page, f"{max(count // 20, 10):,} vendors"),
        ("/api/v1/peppol/transmissions", transmissions_page,
         f"{count:,} transmissions with their UBL"),
        ("/api/v1/wallet/payment-requests", requests_page, f"{count:,} payment requests"),
    ]  # fmt: skip


def answer(app, path: str, bare, company_id: int) -> bytes:
    """The JSON body: the bare page's items in the API's envelope."""
    from core.api import db

    with app.test_request_context(path), db.engine.connect() as conn:
        items = bare(conn, company_id)
        total = len(items)
        pagination = {"limit": PAGE, "offset": 0, "total": total, "next_offset": None}
        return app.json.dumps({"data": items, "pagination": pagination}).encode()


def _ns(row, **more) -> SimpleNamespace:
    return SimpleNamespace(**row._mapping, **more)


def _party(row) -> SimpleNamespace:
    """A customer or vendor row with the ``emirate`` its model derives (core.party)."""
    return _ns(row, emirate=row.subdivision if row.country == "AE" else None)


def _children(conn, table, key: str, ids, order) -> dict[int, list]:
    """Rows of ``table`` whose ``key`` is one of ``ids``, grouped by it, in ``order``."""
    from sqlalchemy import select

    found = defaultdict(list)
    if ids:
        stmt = select(table).where(table.c[key].in_(list(ids))).order_by(*order)
        for row in conn.execute(stmt):
            found[row._mapping[key]].append(row)
    return found


def invoices_page(conn, company_id: int, sort: str) -> list[dict]:
    from sqlalchemy import select

    from plugins.invoicing.api import serialize as s
    from plugins.invoicing.models import Customer, Invoice, Line

    inv, cust, line = Invoice.__table__, Customer.__table__, Line.__table__
    stmt = (
        select(inv.c.id, *(inv.c[n] for n in s.SUMMARY_COLUMNS), cust.c.name.label("who"))
        .join(cust, cust.c.id == inv.c.customer_id)
        .where(inv.c.company_id == company_id)
        .order_by(inv.c[sort].desc(), inv.c.id.desc())
        .limit(PAGE + 1)
    )
    rows = conn.execute(stmt).all()[:PAGE]
    drafts = [r.id for r in rows if r.status == "DRAFT"]
    lines = _children(conn, line, "invoice_id", drafts, (line.c.position, line.c.id))
    return [
        s.invoice_summary(
            _ns(r, customer=SimpleNamespace(name=r.who), is_draft=r.status == "DRAFT",
                lines=lines[r.id])
        )
        for r in rows
    ]  # fmt: skip


def customers_page(conn, company_id: int) -> list[dict]:
    from sqlalchemy import select

    from plugins.invoicing.api import serialize as s
    from plugins.invoicing.models import Customer

    cust = Customer.__table__
    stmt = select(cust).where(cust.c.company_id == company_id).order_by(cust.c.name, cust.c.id)
    return [s.customer(_party(r)) for r in conn.execute(stmt.limit(PAGE))]


def payments_page(conn, company_id: int) -> list[dict]:
    from sqlalchemy import select

    from plugins.payments.archive import read
    from plugins.payments.chain import ChainEntry
    from plugins.payments.chain.links import PAYMENT_KINDS
    from plugins.payments.models import Allocation, Payment

    pay, alloc, entry = Payment.__table__, Allocation.__table__, ChainEntry.__table__
    stmt = (
        select(pay)
        .where(pay.c.company_id == company_id)
        .order_by(pay.c.date.desc(), pay.c.id.desc())
        .limit(PAGE)
    )
    rows = conn.execute(stmt).all()
    ids = [r.id for r in rows]
    allocations = _children(conn, alloc, "payment_id", ids, (alloc.c.id,))
    chained = select(entry.c.record_id, entry.c.hash, entry.c.prev_hash).where(
        entry.c.kind.in_(PAYMENT_KINDS), entry.c.record_id.in_(ids)
    )
    links = {e.record_id: e for e in conn.execute(chained)}
    items = [read.payment_json(_ns(r, allocations=allocations[r.id])) for r in rows]
    for item in items:
        link = links.get(item["id"])
        item["hash"], item["prev_hash"] = (link.hash, link.prev_hash) if link else (None, None)
    return items


def bills_page(conn, company_id: int) -> list[dict]:
    from sqlalchemy import select

    from plugins.ap.api import serialize as s
    from plugins.ap.models import Bill, BillLine, PurchaseOrder, Vendor

    bill, line = Bill.__table__, BillLine.__table__
    vendor, order = Vendor.__table__, PurchaseOrder.__table__
    stmt = (
        select(bill, vendor.c.name.label("vendor_name"), order.c.number.label("order_number"))
        .join(vendor, vendor.c.id == bill.c.vendor_id)
        .outerjoin(order, order.c.id == bill.c.order_id)
        .where(bill.c.company_id == company_id)
        .order_by(bill.c.id.desc())
        .limit(PAGE)
    )
    rows = conn.execute(stmt).all()
    lines = _children(conn, line, "bill_id", [r.id for r in rows], (line.c.position,))
    return [
        s.bill(
            _ns(r, vendor=SimpleNamespace(name=r.vendor_name), lines=lines[r.id],
                order=SimpleNamespace(number=r.order_number) if r.order_id else None)
        )
        for r in rows
    ]  # fmt: skip


def orders_page(conn, company_id: int) -> list[dict]:
    from sqlalchemy import func, select

    from plugins.ap.api import serialize as s
    from plugins.ap.models import Bill, BillLine, PurchaseOrder, PurchaseOrderLine, Vendor
    from plugins.ap.models.order import TWO_WAY

    order, line, vendor = PurchaseOrder.__table__, PurchaseOrderLine.__table__, Vendor.__table__
    bill, bill_line = Bill.__table__, BillLine.__table__
    stmt = (
        select(order, vendor.c.name.label("vendor_name"))
        .join(vendor, vendor.c.id == order.c.vendor_id)
        .where(order.c.company_id == company_id)
        .order_by(order.c.id.desc())
        .limit(PAGE)
    )
    rows = conn.execute(stmt).all()
    ids = [r.id for r in rows]
    lines = _children(conn, line, "order_id", ids, (line.c.position,))
    billed_stmt = (
        select(bill_line.c.order_line_id, func.sum(bill_line.c.quantity))
        .join(bill, bill.c.id == bill_line.c.bill_id)
        .where(bill.c.order_id.in_(ids), bill.c.status != "REJECTED", bill.c.kind == "invoice")
        .where(bill_line.c.order_line_id.is_not(None))
        .group_by(bill_line.c.order_line_id)
    )
    billed = defaultdict(Decimal, {k: Decimal(v) for k, v in conn.execute(billed_stmt)})

    def order_line(r):
        usable = r.quantity if r.match_type == TWO_WAY else r.accepted_quantity
        return _ns(r, billable_quantity=usable)

    return [
        s.purchase_order(
            _ns(r, vendor=SimpleNamespace(name=r.vendor_name),
                lines=[order_line(x) for x in lines[r.id]]),
            billed,
        )
        for r in rows
    ]  # fmt: skip


def vendors_page(conn, company_id: int) -> list[dict]:
    from sqlalchemy import select

    from plugins.ap.api import serialize as s
    from plugins.ap.models import Vendor

    vendor = Vendor.__table__
    stmt = select(vendor).where(vendor.c.company_id == company_id)
    stmt = stmt.order_by(vendor.c.name, vendor.c.id).limit(PAGE)
    return [s.vendor(_party(r)) for r in conn.execute(stmt)]


def transmissions_page(conn, company_id: int) -> list[dict]:
    from sqlalchemy import select

    from plugins.peppol.api import serialize as s
    from plugins.peppol.models import Transmission

    t = Transmission.__table__
    columns = [c for c in t.c if c.name != "xml"]
    stmt = select(*columns).where(t.c.company_id == company_id)
    stmt = stmt.order_by(t.c.id.desc()).limit(PAGE)
    return [s.transmission(_ns(r), with_attempts=False) for r in conn.execute(stmt)]


def requests_page(conn, company_id: int) -> list[dict]:
    from sqlalchemy import select

    from plugins.wallet import serialize
    from plugins.wallet.models import ChainPayment, PaymentRequest

    req, paid = PaymentRequest.__table__, ChainPayment.__table__
    stmt = select(req).where(req.c.company_id == company_id).order_by(req.c.id.desc()).limit(PAGE)
    rows = conn.execute(stmt).all()
    payments = _children(conn, paid, "request_id", [r.id for r in rows], (paid.c.id,))
    return [serialize.request_json(_ns(r, payments=payments[r.id])) for r in rows]
