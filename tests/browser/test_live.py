"""In a real browser: the dashboard updates live, and catches up after a reconnect.

The server is ``flask --app wsgi run`` in a subprocess on the test's database (SQLite or
PostgreSQL, as the run chooses).
"""

from __future__ import annotations

import json
import urllib.request

import pytest
from playwright.sync_api import Page, expect

from tests.browser.server import AppServer, seed
from tests.support import sockets

pytestmark = pytest.mark.browser


@pytest.fixture
def live(app, db_url, tmp_path, make_company, make_user, api_token):
    facts = seed(app, make_company, make_user, api_token)
    server = AppServer(db_url, tmp_path)
    yield server, facts
    server.stop()


def sign_in(page: Page, base: str, email: str) -> None:
    page.goto(base + "/login")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill("correct horse")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(base + "/")
    expect(page.locator("#ll-connection")).to_have_attribute("data-state", "online")
    page.evaluate("window.__notReloaded = true")


def patch_company(base: str, token: str, **fields) -> None:
    request = urllib.request.Request(
        base + "/api/v1/company",
        data=json.dumps(fields).encode(),
        method="PATCH",
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=10) as resp:
        assert resp.status == 200


def test_dashboard_shows_colleague_arriving_and_a_change_made_elsewhere(page: Page, live):
    server, facts = live
    sign_in(page, server.url, facts["admin"])
    online = page.locator(f'[data-presence-room="company:{facts["company_id"]}"] li')
    expect(online).to_have_text(["admin@acme.ae"])

    colleague = sockets.client(reconnection=False)
    colleague.connect(server.url, auth={"token": facts["token"]}, transports=["websocket"])
    try:
        room = f"company:{facts['company_id']}"
        colleague.call("join", {"room": room, "presence": True}, timeout=10)
        expect(online).to_have_text(["admin@acme.ae", "finance@acme.ae"])

        activity = page.locator("#ll-live-activity")
        expect(activity).to_contain_text("Nothing has happened yet.")
        patch_company(server.url, facts["admin_token"], city="Abu Dhabi")
        expect(activity.locator("[data-event=CompanyUpdated]")).to_contain_text(
            "updated the company profile"
        )
    finally:
        colleague.disconnect()
    expect(online).to_have_text(["admin@acme.ae"])
    assert page.evaluate("window.__notReloaded") is True


def test_page_catches_up_after_the_server_comes_back(page: Page, live, db_url, tmp_path):
    server, facts = live
    sign_in(page, server.url, facts["admin"])
    activity = page.locator("#ll-live-activity")
    expect(activity).to_contain_text("Nothing has happened yet.")

    server.stop()
    expect(page.locator("#ll-connection")).to_have_attribute("data-state", "reconnecting")
    # A change committed while the page is away: no socket can tell it...
    record_change_offline(facts["company_id"])
    replacement = AppServer(db_url, tmp_path, port=server.port)
    try:
        # ...so the page, reconnecting by itself, re-fetches and shows it.
        expect(page.locator("#ll-connection")).to_have_attribute(
            "data-state", "online", timeout=20_000
        )
        expect(activity.locator("[data-event=InvoiceFinalized]")).to_contain_text("finalized")
        assert page.evaluate("window.__notReloaded") is True
    finally:
        replacement.stop()


def record_change_offline(company_id: int) -> None:
    from core.db import db
    from core.events import DomainEvent, publish

    publish(DomainEvent("InvoiceFinalized", "invoice", 41, company_id, {"total": "105.00"}))
    db.session.commit()
    db.session.remove()
