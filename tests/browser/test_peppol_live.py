"""In a real browser: "Send via Peppol" on the invoice page, then the transmission's state
follows a retry made elsewhere, live.

The provider is an ``http_forward`` account pointing at a fake access point in the test
process (real HTTP): its first answer is a 503, so the send ends FAILED (will retry); a
colleague then retries through the API and the open page shows SENT without reloading.
"""

from __future__ import annotations

import json
import urllib.request

import pytest
from playwright.sync_api import Browser, expect

from plugins.peppol.tests.fakes import FakeServer, Reply
from tests.browser.server import AppServer
from tests.browser.shop import seed_shop
from tests.browser.test_invoice_live import signed_in_page

pytestmark = pytest.mark.browser
# ms, a ceiling, not a speed claim: each send validates with the official rules first, and on
# a loaded 2-core CI machine (the PostgreSQL pass beside it) a retry's round trip took > 20 s.
WAIT = 60_000


@pytest.fixture
def peppol_shop(app, db_url, tmp_path, make_company, make_user, api_token):
    from core.api import Company, db
    from plugins.peppol import manage

    access_point = FakeServer({("POST", "/"): Reply(202, {"id": "ap-1"})})
    access_point.script("POST", "/", Reply(503, "maintenance"))
    facts = seed_shop(make_company, make_user, api_token, finalized=True)
    company = db.session.scalars(db.select(Company)).first()
    app.config["PEPPOL_ALLOW_PRIVATE_URLS"] = True  # the fake access point is on 127.0.0.1
    manage.create(
        company.id,
        {"name": "acme-ap", "type": "http_forward", "base_url": access_point.url + "/in"},
    )
    db.session.commit()
    db.session.remove()
    server = AppServer(db_url, tmp_path)
    yield server.url, facts, access_point
    server.stop()
    access_point.stop()


def _api(base: str, token: str, path: str) -> dict:
    request = urllib.request.Request(
        base + path, data=b"", method="POST", headers={"Authorization": f"Bearer {token}"}
    )
    with urllib.request.urlopen(request, timeout=30) as resp:
        return json.load(resp)


def test_send_via_peppol_and_watch_the_state_change(browser: Browser, peppol_shop):
    base, facts, access_point = peppol_shop
    invoice_id = facts["invoice_id"]
    page = signed_in_page(browser, base, "admin@acme.ae", f"/invoicing/invoices/{invoice_id}")
    panel = page.locator("#peppol-panel")
    expect(panel).to_contain_text("Not sent via Peppol yet.")
    panel.get_by_role("button", name="Send via Peppol").click()
    state = panel.locator("[data-peppol-state]")
    expect(state).to_have_attribute("data-peppol-state", "FAILED", timeout=WAIT)
    expect(panel).to_contain_text("answered 503")

    transmissions = json.load(
        urllib.request.urlopen(
            urllib.request.Request(
                base + "/api/v1/peppol/transmissions",
                headers={"Authorization": f"Bearer {facts['token']}"},
            ),
            timeout=30,
        )
    )["data"]
    _api(base, facts["token"], f"/api/v1/peppol/transmissions/{transmissions[0]['id']}/retry")

    expect(state).to_have_attribute("data-peppol-state", "SENT", timeout=WAIT)
    expect(panel).to_contain_text("via acme-ap")
    assert len(access_point.requests_to("POST", "/in")) == 2
    assert page.evaluate("window.__notReloaded") is True
