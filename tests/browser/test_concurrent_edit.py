"""Two browsers, two users of one company, one draft open in both editors.

Each sees the other listed as "also editing" (never themselves). The finance user saves
first; the admin's editor says so at once, live, with their name. The admin's own save is
then refused and shows, field by field, what the other changed; the admin keeps their note,
takes the colleague's quantity, and the merged draft is saved. Then the same two open one
vendor's edit page in AP: each is listed there, and the finance user's save is announced live
on the admin's page.
"""

from __future__ import annotations

import json
import urllib.request

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.server import AppServer
from tests.browser.shop import seed_shop
from tests.browser.test_invoice_live import signed_in_page

pytestmark = pytest.mark.browser


@pytest.fixture
def shop(app, db_url, tmp_path, make_company, make_user, api_token):
    facts = seed_shop(make_company, make_user, api_token, finalized=False)
    server = AppServer(db_url, tmp_path)
    yield server.url, facts
    server.stop()


def create_vendor_through_api(base: str, token: str) -> int:
    request = urllib.request.Request(
        f"{base}/api/v1/vendors",
        data=json.dumps({"name": "Desert Supplies LLC", "country": "AE"}).encode(),
        method="POST",
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=30) as resp:
        return json.load(resp)["id"]


def test_stale_save_is_refused_shown_and_merged_with_live_notice(browser: Browser, shop):
    base, facts = shop
    invoice_id = facts["invoice_id"]
    edit = f"/invoicing/invoices/{invoice_id}/edit"
    admin = signed_in_page(browser, base, "admin@acme.ae", edit)
    finance = signed_in_page(browser, base, "finance@acme.ae", edit)

    room = f'[data-presence-room="edit.invoicing_invoice:{invoice_id}"]'
    expect(admin.locator(f"{room} li")).to_have_text(["finance@acme.ae"])
    expect(finance.locator(f"{room} li")).to_have_text(["admin@acme.ae"])

    admin.get_by_label("Notes").fill("Admin's note")
    admin.locator("#buyer_reference").fill("ADMIN-REF")

    notice = admin.locator("[data-edit-watch]")
    expect(notice).to_be_hidden()
    finance.get_by_label("Notes").fill("Finance's note")
    finance.locator('[name="lines-0-quantity"]').fill("12")
    finance.get_by_role("button", name="Save draft").click()
    finance.wait_for_url(f"{base}/invoicing/invoices/{invoice_id}")

    expect(notice).to_be_visible()
    expect(notice).to_contain_text("finance@acme.ae saved this record just now")
    assert admin.evaluate("window.__notReloaded") is True  # live, not a reload
    # The finance user left the editor: nobody else is editing any more.
    expect(admin.locator(f"{room} li")).to_have_count(0)

    admin.get_by_role("button", name="Save draft").click()
    stale = admin.locator("#stale-edit")
    expect(stale).to_contain_text("saved this record after you opened it")
    notes = stale.locator('tr[data-change="notes"]')
    expect(notes.locator('[data-value="mine"]')).to_have_text("Admin's note")
    expect(notes.locator('[data-value="theirs"]')).to_have_text("Finance's note")
    expect(notes).to_contain_text("both changed")
    lines = stale.locator('tr[data-change="lines"]')
    expect(lines.locator('[data-value="original"]')).to_contain_text("— 10 C62")
    expect(lines.locator('[data-value="theirs"]')).to_contain_text("— 12 C62")
    expect(stale.locator('tr[data-change="buyer_reference"] [data-value="mine"]')).to_have_text(
        "ADMIN-REF"
    )

    notes.get_by_label("Yours").check()
    admin.get_by_role("button", name="Save merged version").click()
    admin.wait_for_url(f"{base}/invoicing/invoices/{invoice_id}")
    detail = admin.locator("main")
    expect(detail).to_contain_text("Admin's note")
    expect(detail).to_contain_text("ADMIN-REF")

    admin.goto(base + edit)
    expect(admin.get_by_label("Notes")).to_have_value("Admin's note")
    expect(admin.locator('[name="lines-0-quantity"]')).to_have_value("12")

    # The same live pieces on an AP edit page: a vendor's.
    vendor_id = create_vendor_through_api(base, facts["token"])
    vendor_edit = f"{base}/ap/vendors/{vendor_id}/edit"
    for page in (admin, finance):
        page.goto(vendor_edit)
        expect(page.locator("#ll-connection")).to_have_attribute("data-state", "online")
    admin.evaluate("window.__notReloaded = true")
    room = f'[data-presence-room="edit.ap_vendor:{vendor_id}"]'
    expect(admin.locator(f"{room} li")).to_have_text(["finance@acme.ae"])
    expect(finance.locator(f"{room} li")).to_have_text(["admin@acme.ae"])
    notice = admin.locator("[data-edit-watch]")
    expect(notice).to_be_hidden()
    finance.locator("#vendor-city").fill("Sharjah")
    # Enter in a field saves, as the Save button does (the hidden "See their changes" button,
    # which never saves, must not be the form's default button).
    finance.locator("#vendor-city").press("Enter")
    finance.wait_for_url(f"{base}/ap/vendors")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text("finance@acme.ae saved this record just now")
    assert admin.evaluate("window.__notReloaded") is True
    expect(admin.locator(f"{room} li")).to_have_count(0)
    # The notice's button compares (nothing saved): the admin's typing beside the colleague's.
    admin.locator("#vendor-city").fill("Ajman")
    admin.get_by_role("button", name="See their changes").click()
    city = admin.locator('#stale-edit tr[data-change="city"]')
    expect(city.locator('[data-value="mine"]')).to_have_text("Ajman")
    expect(city.locator('[data-value="theirs"]')).to_have_text("Sharjah")
