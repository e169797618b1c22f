"""Every page works under the strict Content-Security-Policy in a real browser: no violation
is reported (no inline script, style or handler was needed), htmx swaps, dialogs open and
the live connection comes up."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.server import AppServer
from tests.browser.shop import seed_shop

pytestmark = pytest.mark.browser

# Recorded before any page script runs: every CSP violation the browser reports.
WATCH = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__csp.push(e.violatedDirective + " " + e.blockedURI + " " + (e.sample || ""));
});
"""


@pytest.fixture
def shop(app, db_url, tmp_path, make_company, make_user, api_token):
    facts = seed_shop(make_company, make_user, api_token, finalized=True)
    server = AppServer(db_url, tmp_path)
    yield server.url, facts
    server.stop()


def watched_page(browser: Browser, base: str):
    context = browser.new_context()
    context.add_init_script(WATCH)
    page = context.new_page()
    console = []
    page.on("console", lambda m: console.append(m.text) if m.type == "error" else None)
    page.goto(base + "/login")
    page.get_by_label("E-mail").fill("admin@acme.ae")
    page.get_by_label("Password").fill("correct horse")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(base + "/")
    return page, console


def no_violations(page, console, where: str) -> None:
    assert page.evaluate("window.__csp") == [], where
    refused = [m for m in console if "Content Security Policy" in m or "Refused to" in m]
    assert refused == [], where


def test_pages_and_htmx_work_under_the_csp(browser: Browser, shop):
    base, facts = shop
    page, console = watched_page(browser, base)
    assert "nonce-" in page.evaluate("document.querySelector('script').nonce ? 'nonce-' : ''")
    invoice = f"/invoicing/invoices/{facts['invoice_id']}"
    for path in (
        "/",
        "/company",
        "/company/users",
        "/account",
        "/account/mfa",
        "/account/tokens",
        "/account/password",
        "/apps",
        "/jobs",
        "/invoicing/invoices",
        "/invoicing/invoices/new",
        "/invoicing/customers",
        "/invoicing/customers/new",
        invoice,
        "/payments/",
        "/payments/refunds",
    ):
        resp = page.goto(base + path)
        assert resp.status < 400, path
        policy = resp.headers["content-security-policy"]
        assert "'nonce-" in policy and "unsafe" not in policy, path
        expect(page.locator("#ll-connection")).to_have_attribute("data-state", "online")
        no_violations(page, console, path)

    # An htmx request that opens a dialog (was an inline hx-on handler).
    page.goto(base + invoice)
    page.get_by_role("button", name="Record payment").click()
    dialog = page.locator("#record-payment-dialog")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_label("Amount")).to_have_value("1,575.00")
    # An htmx form swap with field errors (the company profile editor).
    page.goto(base + "/company")
    page.get_by_label("Company name").fill("")
    page.get_by_role("button", name="Save profile").click()
    expect(page.locator("[aria-invalid=true]").first).to_be_visible()
    no_violations(page, console, "after htmx swaps")
