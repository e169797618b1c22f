"""The payments list page leaves archived payments out unless "Include archived" is on."""

import re

import pytest

from plugins.payments.tests.helpers import HX, allocation, pay


def _rows(html):
    return [int(n) for n in re.findall(r'id="payment-row-(\d+)"', html)]


@pytest.fixture
def old_and_new(api, invoice_for, admin, login):
    inv = invoice_for("1000.00")
    old = pay(api, allocation(inv["id"], "300.00"), date="2026-01-15").get_json()
    new = pay(api, allocation(inv["id"], "200.00"), date="2026-10-01").get_json()
    assert api.post("/api/v1/admin/archive", json={"before": "2026-06-01"}).status_code == 202
    return old, new


def test_archived_payments_show_only_with_the_toggle(client, login, admin, old_and_new):
    old, new = old_and_new
    login()
    page = client.get("/payments/").get_data(as_text=True)
    assert _rows(page) == [new["id"]]
    assert 'name="include_archived"' in page and "Include archived payments" in page
    assert re.search(r'name="include_archived" value="1"\s*>', page)  # off by default

    page = client.get("/payments/?include_archived=1").get_data(as_text=True)
    assert _rows(page) == [new["id"], old["id"]]
    assert re.search(r'name="include_archived" value="1" checked', page)
    row = page[page.index(f'id="payment-row-{old["id"]}"') :].split("</tr>")[0]
    assert 'data-payment-state="archived"' in row and old["number"] in row
    assert f'href="/payments/{old["id"]}"' in row  # its own page, not the API's JSON
    live_row = page[page.index(f'id="payment-row-{new["id"]}"') :].split("</tr>")[0]
    assert "archived" not in live_row


def test_the_toggle_combines_with_filters_and_htmx(client, login, admin, old_and_new):
    old, _ = old_and_new
    login()
    resp = client.get("/payments/?include_archived=1&date_to=2026-02-01", headers=HX)
    assert resp.status_code == 200
    html = resp.get_data(as_text=True)
    assert _rows(html) == [old["id"]] and "<html" not in html
    assert "1–1 of 1" in html


def test_an_archived_payment_has_a_read_only_page(client, login, admin, old_and_new, api):
    old, _ = old_and_new
    login()
    resp = client.get(f"/payments/{old['id']}")
    assert resp.status_code == 200
    html = resp.get_data(as_text=True)
    assert old["number"] in html and 'data-payment-state="archived"' in html
    assert "AED\xa0300.00" in html  # the amount and its allocation
    invoice = api.get(f"/api/v1/invoices/{old['allocations'][0]['invoice_id']}").get_json()
    assert f'href="/invoicing/invoices/{invoice["id"]}"' in html and invoice["number"] in html
    assert "reverse-form" not in html and "refund-form" not in html  # nothing to act on
    arabic = client.get(f"/payments/{old['id']}", headers={"Accept-Language": "ar"})
    assert "مؤرشفة" in arabic.get_data(as_text=True)
    assert client.get("/payments/999999").status_code == 404
