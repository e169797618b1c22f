"""A payment dated years away (issue 13: "PAY/2031/00001" was accepted without a question) asks
first; cancelling sends nothing and keeps what was typed, confirming records it."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.server import AppServer
from tests.browser.shop import seed_shop
from tests.browser.test_invoice_live import signed_in_page

pytestmark = pytest.mark.browser


@pytest.fixture
def shop(app, db_url, tmp_path, make_company, make_user, api_token):
    facts = seed_shop(make_company, make_user, api_token, finalized=True)
    server = AppServer(db_url, tmp_path)
    yield server.url, facts
    server.stop()


def test_far_payment_date_asks_and_loses_nothing(browser: Browser, shop):
    base, facts = shop
    page = signed_in_page(
        browser, base, "admin@acme.ae", f"/invoicing/invoices/{facts['invoice_id']}"
    )
    page.get_by_role("button", name="Record payment").click()
    dialog = page.locator("#record-payment-dialog")
    expect(dialog).to_be_visible()
    far = (dt.date.today() + dt.timedelta(days=5 * 365)).isoformat()
    dialog.locator('input[type="date"]').fill(far)
    dialog.locator('input[name="reference"]').fill("TT-FAR-1")

    asked: list[str] = []

    def dismiss(d):
        asked.append(d.message)
        d.dismiss()

    page.once("dialog", dismiss)
    dialog.get_by_role("button", name="Record payment").click()
    expect(dialog.locator('input[name="reference"]')).to_have_value("TT-FAR-1")
    assert asked and far in asked[0] and "more than a year" in asked[0]
    expect(dialog.locator('input[type="date"]')).to_have_value(far)
    expect(page.locator("#invoice-payments")).to_contain_text("No payments yet.")

    page.once("dialog", lambda d: d.accept())
    dialog.get_by_role("button", name="Record payment").click()
    expect(page.locator("#invoice-payments")).to_contain_text(f"PAY/{far[:4]}/")


def test_a_date_within_the_year_asks_nothing(browser: Browser, shop):
    base, facts = shop
    page = signed_in_page(
        browser, base, "admin@acme.ae", f"/invoicing/invoices/{facts['invoice_id']}"
    )
    asked: list[str] = []
    page.on("dialog", lambda d: (asked.append(d.message), d.accept()))
    page.get_by_role("button", name="Record payment").click()
    dialog = page.locator("#record-payment-dialog")
    dialog.locator('input[type="date"]').fill(dt.date.today().isoformat())
    dialog.get_by_role("button", name="Record payment").click()
    expect(page.locator("#invoice-payments")).to_contain_text("PAY/")
    assert asked == []
