"""In a real browser: a live event that arrives while the fragment it concerns is still being
re-fetched for an earlier event is not lost.

htmx queues the second re-fetch on the fragment's element, the first answer then replaces
that element (hx-swap="outerHTML"), and htmx drops the queued request of an element that left
the page: without core's replay, the page would keep showing the first change forever.
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
    """One draft of Acme; the admin's token may approve it."""
    from core.db import db
    from core.models import User

    facts = seed_shop(make_company, make_user, api_token, finalized=False)
    admin = db.session.scalars(db.select(User).filter_by(email="admin@acme.ae")).one()
    facts["approver"] = api_token(admin, "read,write")
    db.session.remove()
    server = AppServer(db_url, tmp_path)
    yield server.url, facts
    server.stop()


def approve_through_api(base: str, token: str, invoice_id: int) -> None:
    request = urllib.request.Request(
        f"{base}/api/v1/invoices/{invoice_id}/approve",
        data=b"{}",
        method="POST",
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=20) as resp:
        assert json.load(resp)["status"] == "APPROVED"


def wait_until_heard(page, count: int) -> None:
    """Polled from here: a string ``wait_for_function`` polls the page with eval, which its
    content security policy refuses (an EvalError whenever the count is not reached at once)."""
    for _ in range(600):  # a 30 s ceiling for a loaded CI machine
        if page.evaluate("window.__heard") >= count:
            return
        page.wait_for_timeout(50)
    raise AssertionError(f"the page heard {page.evaluate('window.__heard')} events, not {count}")


def test_a_change_during_a_refetch_still_reaches_the_page(browser: Browser, shop):
    base, facts = shop
    invoice_id = facts["invoice_id"]
    page = signed_in_page(browser, base, "admin@acme.ae", f"/invoicing/invoices/{invoice_id}")
    page.on("console", lambda m: print("CONSOLE", m.text))
    page.evaluate(
        """() => { window.__heard = 0;
        document.body.addEventListener('ll:invoicing_status_changed', () => window.__heard++); }"""
    )
    held = []  # the first re-fetch: answered by the server at once, delivered to the page later

    def hold_first_refetch(route):
        if route.request.headers.get("hx-request") and not held:
            held.append((route, route.fetch()))
        else:
            route.continue_()

    page.route(f"**/invoicing/invoices/{invoice_id}", hold_first_refetch)
    finalize_through_api(base, facts["token"], invoice_id)
    wait_until_heard(page, 1)
    while not held:  # the page's re-fetch for "finalized" is now in flight
        page.wait_for_timeout(50)
    approve_through_api(base, facts["approver"], invoice_id)
    wait_until_heard(page, 2)  # heard while the first answer is pending

    route, finalized_answer = held[0]
    route.fulfill(response=finalized_answer)

    # A ceiling for a loaded CI machine, not a speed claim: the replay is one more re-fetch.
    status = page.locator("#invoice-detail [data-status]")
    expect(status).to_have_text("Approved", timeout=30_000)
    assert page.evaluate("window.__notReloaded") is True
