"""Nothing is lost between a page's render and its socket's first connect.

The page's live script is held back (so its socket connects late); meanwhile a colleague
changes what the page shows, through the API. Once the script runs, the page catches up: the
customer's edit page says at once that the colleague saved it (the event of its edit room), and
the invoice list shows the invoice finalized in that gap (an event of the company room).
"""

from __future__ import annotations

import json
import urllib.request

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.server import AppServer
from tests.browser.shop import seed_shop
from tests.browser.test_invoice_live import finalize_through_api, signed_in_page

pytestmark = pytest.mark.browser


@pytest.fixture
def shop(app, db_url, tmp_path, make_company, make_user, api_token):
    facts = seed_shop(make_company, make_user, api_token, finalized=False)
    server = AppServer(db_url, tmp_path)
    yield server.url, facts
    server.stop()


def patch_customer(base: str, token: str, customer_id: int, body: dict) -> None:
    request = urllib.request.Request(
        f"{base}/api/v1/customers/{customer_id}",
        data=json.dumps(body).encode(),
        method="PATCH",
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=20) as resp:
        assert resp.status == 200


class HeldScript:
    """Holds the page's live script (static/core/realtime.js) until ``release``."""

    def __init__(self, page):
        self.routes = []
        page.route("**/static/core/realtime.js*", lambda route: self.routes.append(route))

    def release(self) -> None:
        assert self.routes, "the page never asked for its live script"
        for route in self.routes:
            route.continue_()


def test_changes_made_before_the_socket_connects_reach_the_page(browser: Browser, shop):
    base, facts = shop
    customer_id, invoice_id = facts["customer_id"], facts["invoice_id"]
    page = signed_in_page(browser, base, "admin@acme.ae", "/")
    connection = page.locator("#ll-connection")

    held = HeldScript(page)
    page.goto(f"{base}/invoicing/customers/{customer_id}/edit", wait_until="commit")
    expect(page.get_by_label("Name")).to_have_value("Gulf Buyer LLC")
    patch_customer(base, facts["token"], customer_id, {"email": "payables@gulfbuyer.ae"})
    held.release()
    expect(connection).to_have_attribute("data-state", "online")
    notice = page.locator("[data-edit-watch]")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text("finance@acme.ae saved this record just now")

    held = HeldScript(page)
    page.goto(f"{base}/invoicing/invoices", wait_until="commit")
    row = page.locator(f"#invoice-row-{invoice_id}")
    expect(row.locator("[data-status]")).to_have_text("Draft")
    number = finalize_through_api(base, facts["token"], invoice_id)
    held.release()
    expect(row.locator("[data-status]")).to_have_text("Finalized")
    expect(row).to_contain_text(number)
