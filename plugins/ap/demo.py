"""Demo data for ``flask demo``: two vendors, purchase orders in every state and bills in every
match state, made through the real services (numbers, receipts, matches, audit trail).

Idempotent: nothing is added once the company has either demo vendor.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from core.api import Company, Scope, db, scoped
from plugins.ap.models import Vendor
from plugins.ap.services import approval, bills, orders, paying, receipts, vendors

VENDORS = {
    "steel": {
        "name": "Emirates Steel Supplies LLC", "trn": "100567890100003",
        "peppol_id": "0235:1005678901", "email": "sales@emiratessteel.example",
        "address_line1": "Jebel Ali Industrial Area 1", "city": "Dubai", "emirate": "AE-DU",
        "country": "AE", "iban": "AE070331234567890123456", "payment_terms_days": 30,
    },
    "office": {
        "name": "Falcon Office Services FZE", "trn": "100678901200003",
        "peppol_id": "0235:1006789012", "email": "billing@falconoffice.example",
        "address_line1": "SAIF Zone, Block B", "city": "Sharjah", "emirate": "AE-SH",
        "country": "AE", "payment_terms_days": 14,
    },
}  # fmt: skip


class DemoActor:
    user_id = None

    def can(self, permission: str) -> bool:
        return False


def _line(description, quantity, price, code="H87", match_type="three_way", item=None):
    return {"description": description, "item_code": item, "quantity": quantity,
            "unit_code": code, "unit_price": price, "tax_category": "S", "tax_rate": "5",
            "match_type": match_type}  # fmt: skip


def _order(cid: int, vendor: Vendor, day: dt.date, lines: list[dict], send=True):
    order = orders.create(
        cid, {"vendor_id": vendor.id, "order_date": day.isoformat(), "lines": lines}, None
    )
    return orders.send(order) if send else order


def _receive(order, day: dt.date, *quantities):
    """``quantities``: (received, accepted, reason) per PO line; (None, None, None) skips one."""
    lines = [
        {"po_line_id": line.id, "received_quantity": r, "accepted_quantity": a,
         "rejection_reason": reason}
        for line, (r, a, reason) in zip(order.lines, quantities, strict=False)
        if (r, a, reason) != (None, None, None)
    ]  # fmt: skip
    receipts.post(order, {"received_date": day.isoformat(), "lines": lines}, None)


def _bill(cid, vendor, number, day, order, *lines):
    body_lines = [
        {**_line(desc, qty, price), "po_line_id": order.lines[i].id if order else None}
        for i, (desc, qty, price) in enumerate(lines)
    ]
    body = {"vendor_id": vendor.id, "vendor_invoice_number": number,
            "issue_date": day.isoformat(), "purchase_order_id": order.id if order else None,
            "lines": body_lines}  # fmt: skip
    return bills.create(cid, body, None)


def seed(company: Company) -> int:
    """Add the demo AP records; the number of bills made (0 when already there)."""
    with scoped(Scope(company_id=company.id)):
        names = [v["name"] for v in VENDORS.values()]
        if db.session.scalars(select(Vendor).where(Vendor.name.in_(names))).first():
            return 0
        today = dt.date.today()
        ago = lambda days: today - dt.timedelta(days=days)  # noqa: E731
        steel = vendors.create(company.id, VENDORS["steel"])
        office = vendors.create(company.id, VENDORS["office"])
        _steel(company.id, steel, ago)
        _office(company.id, office, ago)
        db.session.flush()
        return 4


def _steel(cid: int, steel: Vendor, ago) -> None:
    """A full match (approved, partly paid), a price variance, a partial match (goods rejected)."""
    bolts, rebar = _line("Steel bolts M8", "500", "2.50"), _line("Rebar 12mm", "40", "180.00")
    full = _order(cid, steel, ago(30), [bolts, rebar])
    _receive(full, ago(25), ("500", "500", None), ("40", "40", None))
    billed = (("Steel bolts M8", "500", "2.50"), ("Rebar 12mm", "40", "180.00"))
    approved = approval.approve(
        _bill(cid, steel, "ESS-2026-101", ago(20), full, *billed), DemoActor(), None
    )
    first_instalment = {"amount": "5000.00", "method": "bank_transfer", "date": ago(3).isoformat(),
                        "reference": "Instalment 1 of 2"}  # fmt: skip
    paying.pay(approved.id, first_instalment, None)
    variance = _order(cid, steel, ago(21), [_line("Welding rods", "200", "4.00")])
    _receive(variance, ago(18), ("200", "200", None))
    _bill(cid, steel, "ESS-2026-117", ago(15), variance, ("Welding rods", "200", "4.12"))
    partial = _order(cid, steel, ago(14), [_line("Steel plates 2m", "30", "950.00", "EA")])
    _receive(partial, ago(10), ("30", "24", "6 plates bent in transport"))
    _bill(cid, steel, "ESS-2026-123", ago(9), partial, ("Steel plates 2m", "30", "950.00"))


def _office(cid: int, office: Vendor, ago) -> None:
    """A closed PO with a 2-way service line, a bill with no PO, a draft and a cancelled PO."""
    service = _order(cid, office, ago(12), [
        _line("Office cleaning, monthly", "1", "3500.00", "MON", "two_way"),
        _line("Printer paper A4", "50", "22.00", "H87"),
    ])  # fmt: skip
    _receive(service, ago(8), (None, None, None), ("50", "50", None))
    orders.close(service)
    _bill(cid, office, "FOS-88", ago(5), None, ("Coffee machine repair", "1", "640.00"))
    _order(cid, office, ago(2), [_line("Ergonomic chairs", "12", "890.00")], send=False)
    orders.cancel(_order(cid, office, ago(40), [_line("Desk lamps", "20", "75.00")]))
