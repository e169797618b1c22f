"""In a real browser, with no login: the customer's stablecoin payment page shows the QR code,
amount, token and address, counts down to the quote's expiry, and turns Settled by itself once
the payment is on chain (a real anvil node) and the watcher has run."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, expect

from plugins.invoicing.tests.helpers import *  # noqa: F403
from plugins.payments.tests.helpers import *  # noqa: F403
from plugins.wallet.tests.anvil import ALPHA_USD
from plugins.wallet.tests.helpers import *  # noqa: F403
from tests.browser.server import AppServer
from tests.conftest import _base_config

pytestmark = pytest.mark.browser
WAIT = 30_000  # ms, a ceiling: the status block re-fetches itself every 5 s


@pytest.fixture
def app_config(db_url, tmp_path, anvil):
    return {**_base_config(db_url, tmp_path), "WALLET_RPC_URLS": anvil.url}


@pytest.fixture
def pay_page(db_url, tmp_path, anvil, request_for):
    from core.api import db

    req = request_for("100.00")  # 105.00 USD with VAT
    db.session.commit()
    db.session.remove()
    server = AppServer(db_url, tmp_path, env={"LEDGERLINE_WALLET_RPC_URLS": anvil.url})
    yield server.url + urlsplit(req["pay_url"]).path, req
    server.stop()


def test_the_public_pay_page_counts_down_and_turns_settled_live(
    browser: Browser, pay_page, anvil, scan
):
    url, req = pay_page
    page = browser.new_page()
    page.goto(url)  # no login: the unguessable link is the key
    expect(page.locator("h1")).to_contain_text("Pay 105")
    expect(page.locator("#wallet-address")).to_have_text(req["address"])
    expect(page.get_by_text(ALPHA_USD)).to_be_visible()
    qr = page.get_by_role("img", name=re.compile("QR code"))
    expect(qr).to_have_attribute("alt", f"QR code: {req['uri']}")
    assert qr.evaluate("img => img.complete && img.naturalWidth > 0")
    countdown = page.locator("#wallet-countdown")
    expect(countdown).to_have_text(re.compile(r"^1[45] min \d\d s left$"))
    first = countdown.text_content()
    expect(countdown).not_to_have_text(first, timeout=5_000)  # it ticks
    status = page.locator("#wallet-status [data-status]")
    expect(status).to_have_attribute("data-status", "New")
    page.evaluate("window.__notReloaded = true")

    anvil.pay(ALPHA_USD, req["address"], 105_000_000)
    scan()

    expect(status).to_have_attribute("data-status", "Settled", timeout=WAIT)
    expect(page.locator("#wallet-status")).to_contain_text("the payment is confirmed")
    assert page.evaluate("window.__notReloaded") is True
    page.close()
