"""Browser: the editor shows a line's VAT details as its category changes, and a reverse-charge
draft typed there is saved with its GTIN and goods type; the customer form shows the emirate
for a UAE address and the region for any other."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.test_invoice_live import shop, signed_in_page  # noqa: F401  (fixture)

pytestmark = pytest.mark.browser


def test_line_details_follow_the_vat_category(browser: Browser, shop):  # noqa: F811
    base, _ = shop
    page = signed_in_page(browser, base, "admin@acme.ae", "/invoicing/invoices/new")
    gtin, goods = page.locator('[name="lines-0-gtin"]'), page.locator('[name="lines-0-goods_type"]')
    reason = page.locator('[name="lines-0-exemption_reason"]')
    expect(gtin).to_be_hidden()
    expect(reason).to_be_hidden()

    page.locator('[name="lines-0-tax_category"]').select_option("E")
    expect(reason).to_be_visible()
    expect(page.locator('[name="lines-0-exemption_code"]')).to_be_visible()
    expect(gtin).to_be_hidden()

    page.locator('[name="lines-0-tax_category"]').select_option("AE")
    expect(gtin).to_be_visible()
    page.locator('[name="customer_id"]').select_option(label="Gulf Buyer LLC")
    page.locator('[name="lines-0-description"]').fill("Gold bars")
    page.locator('[name="lines-0-quantity"]').fill("3")
    page.locator('[name="lines-0-unit_price"]').fill("2500")
    reason.fill("Domestic reverse charge")
    gtin.fill("5790000435968")
    goods.select_option("DL8.48.3.1")
    expect(page.locator('#invoice-totals [data-total="total"]')).to_have_text("AED\u00a07,500.00")

    page.get_by_role("button", name="Add line").click()  # a new row starts standard-rated
    expect(page.locator('[name="lines-1-gtin"]')).to_be_hidden()
    page.get_by_role("button", name="Remove this line").nth(1).click()

    page.get_by_role("button", name="Save draft").click()
    page.wait_for_url("**/invoicing/invoices/*")
    expect(page.get_by_text("GTIN 5790000435968")).to_be_visible()
    expect(page.locator('[data-goods-type] [title="DL8.48.3.1"]')).to_have_text("Art. 48(3)(1)")


def test_customer_form_shows_emirate_or_region(browser: Browser, shop):  # noqa: F811
    base, _ = shop
    page = signed_in_page(browser, base, "admin@acme.ae", "/invoicing/customers/new")
    emirate, region = page.locator('[name="emirate"]'), page.locator('[name="subdivision"]')
    expect(emirate).to_be_visible()
    expect(region).to_be_hidden()
    page.locator('[name="country"]').fill("BE")
    expect(region).to_be_visible()
    expect(emirate).to_be_hidden()
