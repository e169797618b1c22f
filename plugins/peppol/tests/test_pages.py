"""The Peppol pages: invoice panel with "Send via Peppol", transmissions, providers, health,
inbox, and the customer look-up panel."""

import re

from plugins.peppol.tests.helpers import add_provider

HX = {"HX-Request": "true"}


def _csrf(html):
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def test_send_from_the_invoice_page(api, login, mock_account, sealed_invoice):
    browser = login()
    page = browser.get(f"/invoicing/invoices/{sealed_invoice['id']}").get_data(as_text=True)
    assert 'id="peppol-panel"' in page and "Send via Peppol" in page
    resp = browser.post(
        f"/peppol/invoices/{sealed_invoice['id']}/send",
        data={"csrf_token": _csrf(page)},
        headers=HX,
    )
    assert resp.status_code == 200
    html = resp.get_data(as_text=True)
    assert 'data-peppol-state="SENT"' in html and "Send via Peppol" not in html
    listing = browser.get("/peppol/").get_data(as_text=True)
    assert "primary-mock" in listing and 'data-peppol-state="SENT"' in listing
    tid = api.get("/api/v1/peppol/transmissions").get_json()["data"][0]["id"]
    detail = browser.get(f"/peppol/transmissions/{tid}").get_data(as_text=True)
    assert 'data-attempt="1"' in detail and "(kept on every retry)" in detail


def test_send_without_provider_shows_why(login, sealed_invoice):
    browser = login()
    page = browser.get(f"/invoicing/invoices/{sealed_invoice['id']}").get_data(as_text=True)
    resp = browser.post(
        f"/peppol/invoices/{sealed_invoice['id']}/send",
        data={"csrf_token": _csrf(page)},
        headers=HX,
    )
    assert "Add a Peppol provider account" in resp.get_data(as_text=True)


def test_providers_page_adds_an_account_without_showing_its_secret(admin, login):
    browser = login()
    page = browser.get("/peppol/providers").get_data(as_text=True)
    resp = browser.post(
        "/peppol/providers",
        data={
            "csrf_token": _csrf(page),
            "name": "fwd",
            "type": "http_forward",
            "base_url": "https://example.test/in",
            "api_key": "hidden-key-123",
            "priority": "5",
            "outbound": "on",
        },
    )
    assert resp.status_code == 303
    after = browser.get("/peppol/providers").get_data(as_text=True)
    assert 'data-provider="fwd"' in after and "hidden-key-123" not in after and "stored" in after
    bad = browser.post(
        "/peppol/providers", data={"csrf_token": _csrf(page), "name": "", "type": "mock"}
    )
    assert bad.status_code == 422 and "data-error-message" in bad.get_data(as_text=True)


def test_health_and_inbox_pages(api, login, mock_account):
    browser = login()
    health = browser.get("/peppol/health").get_data(as_text=True)
    assert 'data-provider="primary-mock" data-status="up"' in health
    inbox = browser.get("/peppol/inbox").get_data(as_text=True)
    assert "Fetch now" in inbox and "02:00 (Asia/Dubai)" in inbox
    resp = browser.post("/peppol/inbox/fetch", data={"csrf_token": _csrf(inbox)})
    assert resp.status_code == 303 and "/jobs/" in resp.headers["Location"]


def test_customer_page_shows_the_lookup(api, login, customer, mock_account):
    mock_account.registered["0235:1009876543"] = ["invoice"]
    browser = login()
    page = browser.get(f"/invoicing/customers/{customer.id}").get_data(as_text=True)
    assert "not looked up yet" in page
    browser.post(f"/peppol/customers/{customer.id}/lookup", data={"csrf_token": _csrf(page)})
    page = browser.get(f"/invoicing/customers/{customer.id}").get_data(as_text=True)
    assert 'data-registered="yes"' in page


def test_pages_need_the_permission(client, make_user, company, login):
    make_user(email="nobody@acme.ae", company=company, role="FINANCE_USER")
    browser = login("nobody@acme.ae")
    assert browser.get("/peppol/providers").status_code == 200  # finance may read
    page = browser.get("/peppol/providers").get_data(as_text=True)
    assert "Add a provider account" not in page
    assert browser.post("/peppol/providers", data={"csrf_token": _csrf(page)}).status_code == 403
    _ = add_provider


def test_dashboard_widget_counts_states(api, login, mock_account, invoice_for):
    mock_account.script("rejected")
    for amount in ("1.00", "2.00"):
        api.post(f"/api/v1/invoices/{invoice_for(amount)['id']}/transmit")
    page = login().get("/").get_data(as_text=True)
    assert 'data-peppol-count="SENT">1<' in page
    assert 'data-peppol-count="PERMANENTLY_FAILED">1<' in page
