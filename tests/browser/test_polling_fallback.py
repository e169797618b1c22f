"""In a real browser: when the server refuses WebSockets, the page falls back to long-polling.

The server runs with ``LEDGERLINE_SOCKETIO_TRANSPORTS='["polling"]'``, as behind a proxy that
cannot pass WebSocket upgrades. The page must still go live and receive updates without reload.
"""

from __future__ import annotations

import pytest
import socketio as sio_client
from playwright.sync_api import Page, expect

from tests.browser.server import AppServer, seed
from tests.browser.test_live import patch_company, sign_in
from tests.support import sockets

pytestmark = pytest.mark.browser


@pytest.fixture
def polling_only(app, db_url, tmp_path, make_company, make_user, api_token, monkeypatch):
    facts = seed(app, make_company, make_user, api_token)
    monkeypatch.setenv("LEDGERLINE_SOCKETIO_TRANSPORTS", '["polling"]')
    server = AppServer(db_url, tmp_path)
    yield server, facts
    server.stop()


def test_server_really_refuses_websockets(polling_only):
    server, facts = polling_only
    client = sockets.client(reconnection=False)
    with pytest.raises(sio_client.exceptions.ConnectionError):
        client.connect(server.url, auth={"token": facts["token"]}, transports=["websocket"])


def test_page_goes_live_over_polling_and_shows_a_change_made_elsewhere(page: Page, polling_only):
    server, facts = polling_only
    sign_in(page, server.url, facts["admin"])  # waits for #ll-connection to be online
    expect(page.locator("#ll-connection")).to_have_text("live")
    assert page.evaluate("window.llSocket.io.engine.transport.name") == "polling"

    activity = page.locator("#ll-live-activity")
    expect(activity).to_contain_text("Nothing has happened yet.")
    patch_company(server.url, facts["admin_token"], city="Abu Dhabi")
    expect(activity.locator("[data-event=CompanyUpdated]")).to_contain_text(
        "updated the company profile"
    )
    assert page.evaluate("window.__notReloaded") is True
