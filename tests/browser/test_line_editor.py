"""The invoice line editor in a real browser at 1440 px: one row per line with readable
fields, each line's net in its row as you type, Enter adds the next line, catalogue
autocomplete fills unit, price and VAT, VAT details fold out when the category needs them;
AP's purchase-order lines take items from the same catalogue."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.server import AppServer
from tests.browser.shop import seed_shop

pytestmark = pytest.mark.browser


@pytest.fixture
def shop(app, db_url, tmp_path, make_company, make_user, api_token):
    facts = seed_shop(make_company, make_user, api_token, finalized=False)
    from core.db import db
    from plugins.invoicing.services import catalog

    server = None
    try:
        from core.models import User

        user = db.session.query(User).filter_by(email="admin@acme.ae").one()
        catalog.create(
            user.company_id,
            {
                "code": "CONS-HR",
                "name": "Consulting hour",
                "unit_code": "HUR",
                "unit_price": "450",
                "tax_category": "S",
            },
        )
        db.session.commit()
        db.session.remove()
        server = AppServer(db_url, tmp_path)
        yield server.url, facts
    finally:
        if server is not None:
            server.stop()


def test_keyboard_autocomplete_and_row_nets(browser: Browser, shop):
    base, _ = shop
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    page.goto(base + "/login")
    page.get_by_label("E-mail").fill("admin@acme.ae")
    page.get_by_label("Password").fill("correct horse")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(base + "/")
    page.goto(base + "/invoicing/invoices/new")

    first = page.locator('[name="lines-0-description"]')
    first.fill("Bolts")
    page.locator('[name="lines-0-quantity"]').fill("1200")
    page.locator('[name="lines-0-unit_price"]').fill("0.5")
    expect(page.locator("#line-net-0")).to_have_text("AED\u00a0600.00")

    # Every field of the row is on one line and wide enough to read.
    row = page.locator("tbody[data-line-row]").first.locator("tr.ll-line-main")
    tops = row.locator("input, select").evaluate_all(
        "els => els.map(e => Math.round(e.getBoundingClientRect().top))"
    )
    assert len(set(tops)) == 1, tops
    widths = row.locator("input, select").evaluate_all(
        "els => els.map(e => [e.name, e.getBoundingClientRect().width])"
    )
    sizes = dict(widths)
    assert sizes["lines-0-description"] >= 300, sizes
    assert min(sizes.values()) >= 90, sizes
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")

    # Enter adds a line below and puts the cursor in it (the form is not submitted).
    page.locator('[name="lines-0-unit_price"]').press("Enter")
    second = page.locator('[name="lines-1-description"]')
    expect(second).to_be_focused()
    assert page.url.endswith("/invoicing/invoices/new")

    # Typing shows catalogue suggestions; ArrowDown + Enter takes one.
    second.press_sequentially("consul")
    option = page.locator("#line-suggest-1 [data-suggestion]")
    expect(option).to_have_count(1)
    expect(option).to_contain_text("Consulting hour")
    second.press("ArrowDown")
    expect(option).to_have_attribute("aria-selected", "true")
    second.press("Enter")
    expect(second).to_have_value("Consulting hour")
    expect(page.locator('[name="lines-1-unit_code"]')).to_have_value("HUR")
    expect(page.locator('[name="lines-1-unit_price"]')).to_have_value("450.00")
    expect(page.locator('[name="lines-1-quantity"]')).to_be_focused()
    expect(page.locator("#line-net-1")).to_have_text("AED\u00a0450.00")
    expect(page.locator('#invoice-totals [data-total="total"]')).to_have_text("AED\u00a01,102.50")
    expect(page.locator("tbody[data-line-row]")).to_have_count(2)

    # A zero-rated line needs an exemption reason: its details row folds out.
    details = page.locator("#line-details-1")
    expect(details).to_be_hidden()
    page.locator('[name="lines-1-tax_category"]').select_option("Z")
    expect(details).to_be_visible()
    expect(details.locator('[name="lines-1-exemption_reason"]')).to_be_enabled()

    # AP's purchase-order lines offer the same catalogue.
    page.goto(base + "/ap/purchase-orders/new")
    po_line = page.locator('[name="lines-0-description"]')
    po_line.press_sequentially("cons")
    expect(page.locator("#po-suggest-0 [data-suggestion]")).to_have_count(1)
    po_line.press("ArrowDown")
    po_line.press("Enter")
    expect(po_line).to_have_value("Consulting hour")
    expect(page.locator('[name="lines-0-item_code"]')).to_have_value("CONS-HR")
    expect(page.locator('[name="lines-0-unit_code"]')).to_have_value("HUR")
    expect(page.locator('[name="lines-0-unit_price"]')).to_have_value("450.00")
    expect(page.locator('[name="lines-0-tax_rate"]')).to_have_value("5")
    assert page.url.endswith("/ap/purchase-orders/new")  # Enter took the item, sent nothing

    # On a phone the lines scroll inside their box, never the page.
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(base + "/invoicing/invoices/new")
    expect(page.locator('[name="lines-0-description"]')).to_be_attached()
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    context.close()
