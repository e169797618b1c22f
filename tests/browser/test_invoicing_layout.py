"""In a real browser at 1280px, on the demo data: the invoice filters and the dashboard widget
lay out cleanly with Pico CSS (a filter button in line with the fields, no table spilling out)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.server import AppServer

pytestmark = pytest.mark.browser


@pytest.fixture
def demo_url(app, db_url, tmp_path):
    from core.db import db

    result = app.test_cli_runner().invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    db.session.remove()
    server = AppServer(db_url, tmp_path)
    yield server.url
    server.stop()


def _signed_in(browser: Browser, base: str, path: str) -> Page:
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(base + "/login")
    page.get_by_label("E-mail").fill("admin@acme.ae")
    page.get_by_label("Password").fill("ledgerline-demo")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(base + "/")
    page.goto(base + path)
    return page


def test_filter_button_sits_in_line_with_the_date_fields(browser, demo_url):
    page = _signed_in(browser, demo_url, "/invoicing/invoices")
    button = page.get_by_role("button", name="Filter").bounding_box()
    date_to = page.get_by_label("Issued to").bounding_box()
    form = page.locator("#invoice-filters").bounding_box()
    assert abs(button["y"] - date_to["y"]) < 1 and abs(button["height"] - date_to["height"]) < 1
    assert abs(button["x"] - (date_to["x"] + date_to["width"])) < 2  # joined (borders overlap)
    assert button["x"] + button["width"] <= form["x"] + form["width"] + 0.5

    page.get_by_label("Payment").select_option("overdue")
    expect(page.locator("#invoice-table tbody tr")).to_have_count(4)
    _line_selects_show_their_whole_choice(page, demo_url)


# Each select of the line editor: its chosen text's width and the room left of the arrow.
CHOICE_ROOM_JS = """table => Array.from(document.querySelectorAll(table + " tbody select"))
  .filter(s => s.checkVisibility()).map(s => {
    const css = getComputedStyle(s), ctx = document.createElement("canvas").getContext("2d");
    ctx.font = css.font;
    const text = s.options[s.selectedIndex].text;
    const room = s.clientWidth - parseFloat(css.paddingLeft) - parseFloat(css.paddingRight);
    return [s.name, text, ctx.measureText(text).width, room];
  })"""


def _line_selects_show_their_whole_choice(page: Page, base: str) -> None:
    """The unit and VAT of an invoice line and the match type of a purchase-order line read
    whole ("Standard rate", "3-way (goods)"), not cut under the arrow."""
    page.goto(base + "/invoicing/invoices/new")
    choices = page.evaluate(CHOICE_ROOM_JS, ".ll-lines")
    assert {name.rsplit("-", 1)[1] for name, *_ in choices} >= {"unit_code", "tax_category"}
    page.goto(base + "/ap/purchase-orders/new")  # a purchase order's match type too
    choices += page.evaluate(CHOICE_ROOM_JS, ".ap-order-lines")
    assert "lines-0-match_type" in {name for name, *_ in choices}
    for name, text, width, room in choices:
        assert width <= room, f"{name}: {text!r} needs {width:.0f}px, has {room:.0f}px"


def test_dashboard_invoices_widget_stays_inside_its_card(browser, demo_url):
    page = _signed_in(browser, demo_url, "/")
    table = page.locator("#invoicing-widget")
    expect(table.locator('tr[data-payment-status="overdue"]').first).to_contain_text("3 overdue")
    card = page.locator("article", has=table).bounding_box()
    box = table.bounding_box()
    assert box["x"] + box["width"] <= card["x"] + card["width"]
    assert table.evaluate("t => t.scrollWidth <= t.parentElement.clientWidth")
