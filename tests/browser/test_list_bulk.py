"""Declared lists in a real browser: the header box ticks every row, the chosen bulk action
runs on them and says what it did; at 390 px the list reads as stacked cards with no sideways
scroll, long values cut short with the whole text on hover."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.server import AppServer
from tests.browser.shop import seed_shop
from tests.browser.test_invoice_live import signed_in_page
from tests.browser.test_payment_live import post_through_api

pytestmark = pytest.mark.browser


@pytest.fixture
def shop(app, db_url, tmp_path, make_company, make_user, api_token):
    from core.db import db
    from core.models import Company
    from plugins.invoicing.services import catalog

    facts = seed_shop(make_company, make_user, api_token, finalized=True)
    company_id = db.session.query(Company.id).scalar()
    for code, name in (("CONS-HR", "Consulting hour"), ("LIC-1", "Licence " + "long " * 30)):
        catalog.create(company_id, {"code": code, "name": name, "unit_price": "100"})
    db.session.commit()
    db.session.remove()
    server = AppServer(db_url, tmp_path)
    yield server.url, facts
    server.stop()


def test_tick_all_and_stop_offering(browser: Browser, shop):
    base, facts = shop
    page = signed_in_page(browser, base, "admin@acme.ae", "/invoicing/invoices")
    _ticked_rows_stay_ticked_through_a_live_update(page, base, facts)
    page.goto(base + "/invoicing/catalog?sort=code")
    rows = page.locator("#catalog-table tbody tr")
    expect(rows).to_have_count(2)
    page.locator("[data-select-all]").check()
    expect(page.locator('#catalog-table input[name="ids"]:checked')).to_have_count(2)
    page.locator("#catalog-bulk select[name=action]").select_option("withdraw")
    page.get_by_role("button", name="Apply to selected").click()
    expect(page.locator("#ll-flashes")).to_contain_text("Stop offering: 2 of 2 done.")
    expect(page).to_have_url(f"{base}/invoicing/catalog?sort=code")  # back where it was
    expect(page.locator("#catalog-table tbody")).not_to_contain_text("yes")


def test_customers_at_390_px_are_cards_without_sideways_scroll(browser: Browser, shop):
    base, _ = shop
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(base + "/login")
    page.get_by_label("E-mail").fill("admin@acme.ae")
    page.get_by_label("Password").fill("correct horse")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(base + "/")
    for path in ("/invoicing/customers", "/invoicing/catalog", "/payments/"):
        page.goto(base + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, (path, width)
    page.goto(base + "/invoicing/catalog")
    cell = page.locator("#catalog-table td.ll-truncate").nth(1)
    assert cell.get_attribute("title").startswith("Licence long long")
    expect(cell).to_have_attribute("data-label", "Name")  # the card names each value
    context.close()


def _ticked_rows_stay_ticked_through_a_live_update(page, base: str, facts: dict) -> None:
    """A colleague's new invoice re-fetches the list while rows are ticked for a bulk action:
    the new row shows, the ticked one stays ticked (its box is outside the bulk form)."""
    boxes = page.locator('#invoice-table input[name="ids"]')
    expect(boxes).to_have_count(1)
    boxes.first.check()
    line = {"description": "Audit", "quantity": "1", "unit_price": "500"}
    draft = {"customer_id": facts["customer_id"], "issue_date": "2026-03-02", "lines": [line]}
    post_through_api(base, facts["token"], "invoices", draft, "draft-live-bulk")
    expect(boxes).to_have_count(2)
    expect(page.locator('#invoice-table input[name="ids"]:checked')).to_have_count(1)
    ticked = page.locator('#invoice-table input[name="ids"]:checked').get_attribute("value")
    assert ticked == str(facts["invoice_id"])
