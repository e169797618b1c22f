"""In a real browser: the invoice page's payment history and balance follow payments live.

A colleague pays part of the invoice through the API with a token; the open invoice page shows
the payment, the new balance and the "partial" payment status without reloading. Then the user
pays the rest through the "Record payment" dialog, whose amount is prefilled (a payment made
elsewhere while the dialog's form loads included).
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.server import AppServer
from tests.browser.shop import seed_shop
from tests.browser.test_invoice_live import signed_in_page

pytestmark = pytest.mark.browser


@pytest.fixture
def shop(app, db_url, tmp_path, make_company, make_user, api_token):
    """Acme with an admin, a finance colleague (token) and one finalized invoice of 1,575.00."""
    facts = seed_shop(make_company, make_user, api_token, finalized=True)
    server = AppServer(db_url, tmp_path)
    yield server.url, facts
    server.stop()


def post_through_api(base: str, token: str, path: str, body: dict, key: str) -> dict:
    request = urllib.request.Request(
        f"{base}/api/v1/{path}",
        data=json.dumps(body).encode(),
        method="POST",
        headers={
            "Authorization": f"Bearer {token}",
            "Content-Type": "application/json",
            "Idempotency-Key": key,
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=20) as resp:
            return json.load(resp)
    except urllib.error.HTTPError as exc:
        raise AssertionError(f"{path} refused: {exc.read().decode()}") from exc


def pay_through_api(base: str, token: str, invoice_id: int, amount: str) -> dict:
    body = {"amount": amount, "method": "card", "allocations": [{"invoice_id": invoice_id}]}
    body["allocations"][0]["amount"] = amount
    return post_through_api(base, token, "payments", body, f"pay-{invoice_id}-{amount}")


def refund_through_api(base: str, token: str, payment_id: int, amount: str) -> None:
    body = {"payment_id": payment_id, "amount": amount, "reason": "Asked by a colleague"}
    post_through_api(base, token, "refunds", body, f"refund-{payment_id}-{amount}")


def test_invoice_page_shows_a_payment_made_elsewhere_live(browser: Browser, shop):
    base, facts = shop
    invoice_id = facts["invoice_id"]
    page = signed_in_page(browser, base, "admin@acme.ae", f"/invoicing/invoices/{invoice_id}")
    history = page.locator("#invoice-payments")
    expect(history).to_contain_text("No payments yet.")
    expect(history.locator("[data-balance]")).to_have_text("AED\u00a01,575.00")

    payment = pay_through_api(base, facts["token"], invoice_id, "575.00")
    number = payment["number"]

    expect(history).to_contain_text(number)
    expect(history.locator("[data-balance]")).to_have_text("AED\u00a01,000.00")
    expect(history.locator("[data-payment-status]")).to_have_text("Partly paid")
    detail = page.locator("#invoice-detail")
    expect(detail.locator("[data-payment-status]")).to_have_text("Partly paid")
    expect(detail.locator('[data-total="amount_due"]')).to_have_text("AED\u00a01,000.00")
    assert page.evaluate("window.__notReloaded") is True
    _a_form_in_a_live_section_keeps_what_the_user_did(page, base, facts["token"], payment["id"])


def _a_form_in_a_live_section_keeps_what_the_user_did(page, base, token, payment_id) -> None:
    """The payment page's section re-fetches itself on every change of the payment, and holds
    the refund form: what the user typed there, and the answer to what they sent, survive a
    colleague's change arriving meanwhile."""
    page.goto(f"{base}/payments/{payment_id}")
    expect(page.locator("#ll-connection")).to_have_attribute("data-state", "online")
    page.evaluate("window.__notReloaded = true")
    refunds = page.locator("#payment-detail [data-refund-id]")
    form = page.locator("#refund-form")
    form.get_by_label("Amount").fill("10.00")
    form.get_by_label("Reason").fill("Damaged box")
    refund_through_api(base, token, payment_id, "5.00")
    expect(refunds).to_have_count(1)  # the section was re-fetched ...
    expect(form.get_by_label("Reason")).to_have_value("Damaged box")  # ... the typing kept
    expect(form.get_by_label("Amount")).to_have_value("10.00")

    held = []  # the form's request, sent to the server only once the colleague's change is in
    page.route(f"**/payments/{payment_id}/refunds", lambda route: held.append(route))
    form.get_by_label("Amount").fill("9,999.00")  # more than is left: refused with a reason
    form.get_by_role("button", name="Request refund").click()
    while not held:
        page.wait_for_timeout(50)
    refund_through_api(base, token, payment_id, "6.00")
    expect(refunds).to_have_count(2)
    held[0].continue_()
    # The answer was not dropped with the replaced section: the refusal, on what is left now,
    # and the refused form as sent; both stay through the next live update.
    flashes = page.locator("#ll-flashes")
    expect(flashes).to_contain_text(re.compile(r"Only AED\s564\.00 of"))
    expect(page.locator("#refund-form").get_by_label("Amount")).to_have_value("9,999.00")
    refund_through_api(base, token, payment_id, "7.00")
    expect(refunds).to_have_count(3)
    expect(flashes).to_contain_text(re.compile(r"Only AED\s564\.00 of"))
    expect(page.locator("#refund-form").get_by_label("Amount")).to_have_value("9,999.00")
    assert page.evaluate("window.__notReloaded") is True


def test_record_dialog_pays_the_rest_once(browser: Browser, shop):
    base, facts = shop
    invoice_id = facts["invoice_id"]
    page = signed_in_page(browser, base, "admin@acme.ae", f"/invoicing/invoices/{invoice_id}")
    held = []  # the dialog's form, asked for by the click, answered only when released

    def hold_the_form(route):
        if route.request.method == "GET" and not held:
            held.append(route)
        else:
            route.continue_()

    page.route(f"**/payments/invoices/{invoice_id}/record", hold_the_form)
    page.get_by_role("button", name="Record payment").click()
    while not held:
        page.wait_for_timeout(50)
    # A colleague's payment arrives meanwhile: the live update replaces the invoice section,
    # the clicked button with it. The dialog still opens, for what is left to pay.
    pay_through_api(base, facts["token"], invoice_id, "75.00")
    expect(page.locator("#invoice-detail [data-payment-status]")).to_have_text("Partly paid")
    held[0].continue_()
    dialog = page.locator("#record-payment-dialog")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_label("Amount")).to_have_value("1,500.00")
    dialog.get_by_label("Reference").fill("TT-1")
    dialog.get_by_role("button", name="Record payment").dblclick()

    expect(dialog).to_contain_text("recorded.")
    history = page.locator("#invoice-payments")
    expect(history.locator("[data-balance]")).to_have_text("AED\u00a00.00")
    expect(history.locator("[data-payment-status]")).to_have_text("Paid")
    expect(history.locator("tbody tr")).to_have_count(2)  # the API payment and one from the form
    dialog.get_by_role("button", name="Close").click()
    expect(dialog).to_be_hidden()
    expect(page.locator("#invoice-detail [data-payment-status]")).to_have_text("Paid")
    assert page.evaluate("window.__notReloaded") is True
