"""In a real browser: invoice pages follow a finalization made elsewhere, without reloading.

One user watches the invoice list, a colleague has the invoice open; the invoice is finalized
through the API with a token. Both open pages show the new number and status over Socket.IO.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.server import AppServer
from tests.browser.shop import seed_shop

pytestmark = pytest.mark.browser


@pytest.fixture
def shop(app, db_url, tmp_path, make_company, make_user, api_token):
    """Acme with an admin, a finance colleague, a customer and one draft; then the server."""
    facts = seed_shop(make_company, make_user, api_token, finalized=False)
    server = AppServer(db_url, tmp_path)
    yield server.url, facts
    server.stop()


def signed_in_page(browser: Browser, base: str, email: str, path: str) -> Page:
    page = browser.new_context().new_page()
    page.goto(base + "/login")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill("correct horse")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(base + "/")
    page.goto(base + path)
    expect(page.locator("#ll-connection")).to_have_attribute("data-state", "online")
    page.evaluate("window.__notReloaded = true")
    return page


def finalize_through_api(base: str, token: str, invoice_id: int) -> str:
    request = urllib.request.Request(
        f"{base}/api/v1/invoices/{invoice_id}/finalize",
        data=b"{}",
        method="POST",
        headers={
            "Authorization": f"Bearer {token}",
            "Content-Type": "application/json",
            "Idempotency-Key": f"finalize-{invoice_id}",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=20) as resp:
            return json.load(resp)["number"]
    except urllib.error.HTTPError as exc:
        raise AssertionError(f"finalize refused: {exc.read().decode()}") from exc


def test_list_and_detail_pages_show_the_finalized_invoice_live(browser: Browser, shop):
    base, facts = shop
    invoice_id = facts["invoice_id"]
    lister = signed_in_page(browser, base, "admin@acme.ae", "/invoicing/invoices")
    viewer = signed_in_page(browser, base, "finance@acme.ae", f"/invoicing/invoices/{invoice_id}")

    row = lister.locator(f"#invoice-row-{invoice_id}")
    expect(row).to_contain_text(f"Draft #{invoice_id}")
    expect(row.locator("[data-status]")).to_have_text("Draft")
    detail = viewer.locator("#invoice-detail")
    expect(detail.locator("[data-invoice-number]")).to_have_text(f"Draft #{invoice_id}")
    # "Also viewing" names nobody while the viewer is alone (never the viewer themselves).
    presence = viewer.locator(f'[data-presence-room="invoice:{invoice_id}"] li')
    expect(presence).to_have_count(0)

    number = finalize_through_api(base, facts["token"], invoice_id)

    expect(row.locator("[data-status]")).to_have_text("Finalized")
    expect(row).to_contain_text(number)
    expect(detail.locator("[data-invoice-number]")).to_have_text(number)
    expect(detail.locator("[data-status]")).to_have_text("Finalized")
    expect(detail.get_by_role("link", name="UBL XML (PINT-AE)")).to_be_visible()
    assert lister.evaluate("window.__notReloaded") is True
    assert viewer.evaluate("window.__notReloaded") is True

    # The admin approves on the page: the page hears its own change live and re-fetches the
    # invoice, and the confirmation stays (it used to flash and vanish with that re-fetch).
    lister.goto(f"{base}/invoicing/invoices/{invoice_id}")
    with lister.expect_response(lambda r: _refetch_of(r, invoice_id)) as refetch:
        lister.get_by_role("button", name="Approve").click()
    refetch.value.finished()
    lister.wait_for_timeout(1000)  # heard during the POST: re-fetched once more after it settles
    expect(lister.locator("#invoice-detail [data-status]")).to_have_text("Approved")
    expect(lister.locator("#ll-flashes")).to_contain_text("Invoice approved.")


def _refetch_of(response, invoice_id: int) -> bool:
    request = response.request
    return request.method == "GET" and request.url.endswith(f"/invoicing/invoices/{invoice_id}")


def test_editor_totals_follow_typed_lines(browser: Browser, shop):
    base, _ = shop
    page = signed_in_page(browser, base, "admin@acme.ae", "/invoicing/invoices/new")
    total = page.locator('#invoice-totals [data-total="total"]')
    page.locator('[name="lines-0-description"]').fill("Bolts")
    page.locator('[name="lines-0-quantity"]').fill("3")
    page.locator('[name="lines-0-unit_price"]').fill("0.335")
    expect(total).to_have_text("AED\u00a01.06")  # 1.005 -> 1.01 half-up, + 0.05 VAT

    page.get_by_role("button", name="Add line").click()
    page.locator('[name="lines-1-description"]').fill("Service")
    page.locator('[name="lines-1-unit_price"]').fill("100")
    expect(total).to_have_text("AED\u00a0106.06")

    page.get_by_role("button", name="Remove this line").first.click()
    expect(total).to_have_text("AED\u00a0105.00")
    assert page.evaluate("window.__notReloaded") is True
