"""AP test helpers: a vendor, a sent PO, receipts and bills through the real API."""

from __future__ import annotations

import pytest

__all__ = [
    "vendor", "sent_po", "receive", "bill_body", "post_bill", "settings", "finance_api", "post_xml"
]  # fmt: skip


@pytest.fixture
def vendor(api):
    resp = api.post(
        "/api/v1/vendors",
        json={
            "name": "Desert Supplies LLC",
            "trn": "100555666700003",
            "peppol_id": "0235:1005556667",
            "country": "AE",
            "emirate": "AE-DU",
            "city": "Dubai",
            "iban": "AE070331234567890123456",
            "payment_terms_days": 30,
        },
    )
    assert resp.status_code == 201, resp.get_json()
    return resp.get_json()


LINES = [
    {"description": "Steel bolts M8", "item_code": "BOLT-M8", "quantity": "100",
     "unit_code": "H87", "unit_price": "2.50", "tax_category": "S", "tax_rate": "5"},
    {"description": "Copper wire 2.5mm", "item_code": "CU-25", "quantity": "10",
     "unit_code": "MTR", "unit_price": "100.00", "tax_category": "S", "tax_rate": "5"},
]  # fmt: skip


@pytest.fixture
def sent_po(api, vendor):
    """``sent_po()`` → a SENT purchase order (default: 100 bolts at 2.50, 10 m wire at 100)."""

    def make(lines=None, send=True, **extra):
        body = {
            "vendor_id": vendor["id"],
            "currency": "AED",
            "order_date": "2026-03-01",
            "lines": lines or LINES,
            **extra,
        }
        resp = api.post("/api/v1/purchase-orders", json=body)
        assert resp.status_code == 201, resp.get_json()
        po = resp.get_json()
        if send:
            resp = api.post(f"/api/v1/purchase-orders/{po['id']}/send")
            assert resp.status_code == 200, resp.get_json()
            po = resp.get_json()
        return po

    return make


def receive(api, po, *quantities, date="2026-03-05"):
    """Receive ``(received, accepted[, reason])`` per PO line; a None skips the line."""
    lines = []
    for line, qty in zip(po["lines"], quantities, strict=False):
        if qty is None:
            continue
        received, accepted, *reason = qty
        item = {"po_line_id": line["id"], "received_quantity": received,
                "accepted_quantity": accepted}  # fmt: skip
        if reason:
            item["rejection_reason"] = reason[0]
        lines.append(item)
    return api.post(
        f"/api/v1/purchase-orders/{po['id']}/receipts",
        json={"received_date": date, "lines": lines},
    )


def bill_body(vendor, po, *lines, number="INV-1001", **extra):
    """``lines``: ``(po_line_index_or_None, quantity, unit_price)``."""
    body_lines = []
    for index, quantity, price in lines:
        line = {"description": f"Billed line {index}", "quantity": quantity, "unit_price": price,
                "tax_category": "S", "tax_rate": "5"}  # fmt: skip
        if index is not None:
            line["po_line_id"] = po["lines"][index]["id"]
            line["description"] = po["lines"][index]["description"]
        body_lines.append(line)
    return {
        "vendor_id": vendor["id"],
        "vendor_invoice_number": number,
        "issue_date": "2026-03-10",
        "currency": "AED",
        "purchase_order_id": po["id"] if po else None,
        "lines": body_lines,
        **extra,
    }


def post_bill(api, vendor, po, *lines, **extra):
    return api.post("/api/v1/bills", json=bill_body(vendor, po, *lines, **extra))


@pytest.fixture
def settings(api):
    def change(**values):
        resp = api.patch("/api/v1/ap/settings", json={k: str(v) for k, v in values.items()})
        assert resp.status_code == 200, resp.get_json()
        return resp.get_json()

    return change


@pytest.fixture
def finance_api(client, company, make_user, api_token):
    from plugins.invoicing.tests.helpers import Api

    user = make_user(email="finance@acme.ae", company=company, role="FINANCE_USER")
    return Api(client, api_token(user))


def post_xml(api, xml: bytes, headers=None):
    """POST an e-invoice to /api/v1/bills/import as the raw body."""
    return api.client.post(
        "/api/v1/bills/import",
        data=xml,
        headers={
            "Authorization": f"Bearer {api.token}",
            "Content-Type": "application/xml",
            **(headers or {}),
        },
    )
