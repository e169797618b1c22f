"""In a real browser: a reviewer has a bill open while a colleague posts a goods receipt.

The bill bills 100 bolts of which only 60 have been accepted, so it is a partial match and the
reviewer could only approve it by override. A colleague receives the other 40 through the API;
the open review page shows the new accepted quantity and the full match without reloading, and
the reviewer approves the bill for payment with no reason needed.
"""

from __future__ import annotations

import json
import urllib.request

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.server import AppServer
from tests.browser.shop import seed_shop
from tests.browser.test_invoice_live import signed_in_page

pytestmark = pytest.mark.browser


def call(base: str, token: str, path: str, body: dict) -> dict:
    request = urllib.request.Request(
        base + path,
        data=json.dumps(body).encode(),
        method="POST",
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=20) as resp:
        return json.load(resp)


def receipt(po: dict, quantity: str) -> dict:
    line = {"po_line_id": po["lines"][0]["id"], "received_quantity": quantity,
            "accepted_quantity": quantity}  # fmt: skip
    return {"received_date": "2026-03-05", "lines": [line]}


@pytest.fixture
def review(app, db_url, tmp_path, make_company, make_user, api_token):
    """A partially received PO and a bill for all of it, made by the colleague's token."""
    facts = seed_shop(make_company, make_user, api_token, finalized=False)
    server = AppServer(db_url, tmp_path)
    base, token = server.url, facts["token"]
    vendor = call(base, token, "/api/v1/vendors", {"name": "Desert Supplies LLC"})
    line = {"description": "Steel bolts M8", "quantity": "100", "unit_code": "H87",
            "unit_price": "2.50", "tax_category": "S", "tax_rate": "5"}  # fmt: skip
    po = call(base, token, "/api/v1/purchase-orders",
              {"vendor_id": vendor["id"], "order_date": "2026-03-01", "lines": [line]})  # fmt: skip
    po = call(base, token, f"/api/v1/purchase-orders/{po['id']}/send", {})
    call(base, token, f"/api/v1/purchase-orders/{po['id']}/receipts", receipt(po, "60"))
    bill = call(base, token, "/api/v1/bills", {
        "vendor_id": vendor["id"], "vendor_invoice_number": "DS-9", "issue_date": "2026-03-10",
        "purchase_order_id": po["id"],
        "lines": [{**line, "po_line_id": po["lines"][0]["id"]}],
    })  # fmt: skip
    assert bill["match_status"] == "PARTIAL_MATCH"
    yield base, token, po, bill
    server.stop()


def test_reviewer_sees_a_colleagues_receipt_live_and_approves(browser: Browser, review):
    base, token, po, bill = review
    page = signed_in_page(browser, base, "admin@acme.ae", f"/ap/bills/{bill['id']}")
    section = page.locator("#bill-review")
    expect(section.locator("[data-match-status]")).to_have_text("Partial match")
    expect(section.locator("[data-accepted]")).to_have_text("60 accepted")
    expect(section).to_contain_text("billed more than was accepted")

    call(base, token, f"/api/v1/purchase-orders/{po['id']}/receipts", receipt(po, "40"))

    expect(section.locator("[data-match-status]")).to_have_text("Full match")
    expect(section.locator("[data-accepted]")).to_have_text("100 accepted")
    expect(section.locator("tr[data-state]")).to_have_attribute("data-state", "full")
    assert page.evaluate("window.__notReloaded") is True

    page.get_by_role("button", name="Approve for payment").click()
    expect(page.locator("#bill-review [data-status]")).to_have_text("Approved")
    expect(page.locator("#bill-timeline [data-event=BillApproved]")).to_have_count(1)
