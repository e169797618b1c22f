"""Payments list, payment detail (reversal, refund request), refunds queue: pages over services."""

import re

import pytest

from core.api import db
from plugins.invoicing.models import Invoice
from plugins.payments.models import Payment, Refund
from plugins.payments.tests.helpers import HX, allocation, pay
from plugins.payments.tests.test_receipt import _text
from tests.support.fixtures import csrf_token


def _post(client, path, data=None, page="/payments/", **kw):
    return client.post(path, data={"csrf_token": csrf_token(client, page), **(data or {})}, **kw)


def _rows(html):
    return [int(n) for n in re.findall(r'id="payment-row-(\d+)"', html)]


def _invoice(inv_id):
    db.session.expire_all()
    return db.session.get(Invoice, inv_id)


@pytest.fixture
def three(api, invoice_for):
    inv = invoice_for("1000.00")
    a = pay(api, allocation(inv["id"], "10.00"), date="2026-03-01", method="cash").get_json()
    b = pay(api, allocation(inv["id"], "20.00"), date="2026-03-10", method="card").get_json()
    c = pay(api, allocation(inv["id"], "30.00"), date="2026-03-20", method="cash").get_json()
    return inv, a, b, c


def test_list_filters_and_pages_in_a_stable_order(signed_in, three, customer):
    _, a, b, c = three
    html = signed_in.get("/payments/").get_data(as_text=True)
    assert _rows(html) == [c["id"], b["id"], a["id"]]
    assert "Gulf Buyer LLC" in html and "AED\xa030.00" in html
    get = signed_in.get
    assert _rows(get("/payments/?method=cash").get_data(as_text=True)) == [c["id"], a["id"]]
    window = "/payments/?date_from=2026-03-05&date_to=2026-03-15"
    assert _rows(get(window).get_data(as_text=True)) == [b["id"]]
    assert _rows(get(f"/payments/?customer_id={customer.id + 99}").get_data(as_text=True)) == []
    first = get("/payments/?limit=2", headers=HX).get_data(as_text=True)
    second = get("/payments/?limit=2&offset=2", headers=HX).get_data(as_text=True)
    assert _rows(first) + _rows(second) == [c["id"], b["id"], a["id"]]
    assert first.lstrip().startswith('<section id="payment-table"') and 'rel="next"' in first


def test_bad_filter_is_a_message_not_a_500(signed_in, three):
    resp = signed_in.get("/payments/?method=barter")
    assert resp.status_code == 400
    assert "method must be one of" in resp.get_data(as_text=True)
    assert signed_in.get("/payments/?date_from=soon").status_code == 400


def test_detail_shows_allocations_with_invoice_balance_and_receipt(signed_in, three):
    inv, a, _, _ = three
    html = signed_in.get(f"/payments/{a['id']}").get_data(as_text=True)
    assert a["number"] in html and inv["number"] in html
    assert "AED\xa0990.00" in html  # 1050 - 10 - 20 - 30: the invoice's balance due
    assert f"/api/v1/payments/{a['id']}/receipt" in html
    assert "Reverse payment" in html and "Request refund" in html


def test_reversal_from_the_page_reopens_the_invoice(signed_in, api, invoice_for):
    inv = invoice_for("1000.00")
    paid = pay(api, allocation(inv["id"], "1050.00")).get_json()
    assert _invoice(inv["id"]).payment_status == "paid"
    resp = _post(signed_in, f"/payments/{paid['id']}/reverse", {"reason": "bounced"}, headers=HX)
    assert resp.status_code == 200
    body = resp.get_data(as_text=True)
    reversal = db.session.query(Payment).filter(Payment.reversal_of_id == paid["id"]).one()
    assert f"reversed by {reversal.number}" in body and 'data-payment-state="reversed"' in body
    assert "Reverse payment" not in body  # nothing left to reverse
    assert (reversal.amount, reversal.notes) == (-1050, "bounced")
    invoice = _invoice(inv["id"])
    assert (invoice.payment_status, str(invoice.amount_due)) == ("unpaid", "1050.00")
    again = _post(signed_in, f"/payments/{paid['id']}/reverse", {}, headers=HX)
    assert again.status_code == 409 and "reversed already" in again.get_data(as_text=True)
    page = signed_in.get(f"/invoicing/invoices/{inv['id']}").get_data(as_text=True)
    assert 'data-payment-state="reversed"' in page and 'data-payment-state="reversal"' in page


def test_a_reversal_names_what_it_reverses_in_the_readers_language(signed_in, api, invoice_for):
    paid = pay(api, allocation(invoice_for("100.00")["id"], "105.00")).get_json()
    original = signed_in.get(f"/payments/{paid['id']}", headers={"Accept-Language": "ar"})
    assert f'hx-confirm="عكس {paid["number"]}؟' in original.get_data(as_text=True)  # the dialog
    reversal = api.post(f"/api/v1/payments/{paid['id']}/reverse").get_json()
    assert reversal["reference"] == f"Reversal of {paid['number']}"  # the API's record as stored
    english = signed_in.get(f"/payments/{reversal['id']}", headers={"Accept-Language": "en"})
    assert f"Reversal of {paid['number']}" in english.get_data(as_text=True)
    arabic = {"Accept-Language": "ar"}
    for page in (f"/payments/{reversal['id']}", "/payments/"):
        html = signed_in.get(page, headers=arabic).get_data(as_text=True)
        assert f"عكس الدفعة {paid['number']}" in html and "Reversal of" not in html, page
    receipt = _text(api.get(f"/api/v1/payments/{reversal['id']}/receipt?lang=ar"))
    assert paid["number"] in receipt and "Reversal of" not in receipt


def test_refund_request_is_capped_by_the_service(signed_in, three):
    _, a, _, _ = three
    url = f"/payments/{a['id']}/refunds"
    page = signed_in.get(f"/payments/{a['id']}").get_data(as_text=True)
    # The refund's reason and the reversal's reason are two fields, each with its own label.
    assert page.count('id="reason"') == 1 and page.count('id="refund-reason"') == 1
    assert 'for="refund-reason"' in page and 'for="reason"' in page
    key = re.search(r'name="idempotency_key"[^>]*value="([^"]+)"', page) or re.search(
        r'value="([^"]+)"[^>]*name="idempotency_key"', page
    )
    too_much = {"amount": "10.01", "reason": "oops", "idempotency_key": "k-" + key.group(1)}
    resp = _post(signed_in, url, too_much, headers=HX)
    assert resp.status_code == 422
    assert f"Only {a['currency']}\xa010.00 of" in resp.get_data(as_text=True)  # as money
    ok = {"amount": "4.00", "reason": "damaged box", "idempotency_key": key.group(1)}
    # A double click posts the very same form, CSRF token included (a fresh token is signed
    # with the time, so a second one would be another body for the idempotency key).
    ok["csrf_token"] = csrf_token(signed_in, "/payments/")
    assert signed_in.post(url, data=ok, headers=HX).status_code == 200
    assert signed_in.post(url, data=ok, headers=HX).status_code == 200  # a double click
    db.session.expire_all()
    (refund,) = db.session.query(Refund).all()
    assert (str(refund.amount), refund.status, refund.reason) == (
        "4.00",
        "requested",
        "damaged box",
    )


def test_refund_approve_and_process_flow_reopens_the_invoice(signed_in, api, invoice_for):
    inv = invoice_for("1000.00")
    paid = pay(api, allocation(inv["id"], "1050.00")).get_json()
    body = {"payment_id": paid["id"], "amount": "50.00", "reason": "goodwill"}
    refund = api.post("/api/v1/refunds", json=body).get_json()

    queue = signed_in.get("/payments/refunds").get_data(as_text=True)
    assert f'id="refund-row-{refund["id"]}"' in queue and "goodwill" in queue
    assert re.search(r'value="approve">Approve', queue)
    base = f"/payments/refunds/{refund['id']}"
    early = _post(signed_in, f"{base}/process", page="/payments/refunds", headers=HX)
    assert early.status_code == 409 and "cannot be processed" in early.get_data(as_text=True)

    approved = _post(signed_in, f"{base}/approve", page="/payments/refunds", headers=HX)
    assert approved.status_code == 200 and "Mark paid out" in approved.get_data(as_text=True)
    done = _post(signed_in, f"{base}/process", page="/payments/refunds")
    assert done.status_code == 303
    db.session.expire_all()
    assert db.session.get(Refund, refund["id"]).status == "processed"
    invoice = _invoice(inv["id"])
    assert (invoice.payment_status, str(invoice.amount_due)) == ("partial", "50.00")
    after = signed_in.get(done.headers["Location"]).get_data(as_text=True)
    assert f"Refund of AED\xa050.00 on {paid['number']} paid out." in after  # the flashed notice
    assert f'id="refund-row-{refund["id"]}"' not in after  # no longer waiting
    listed = signed_in.get("/payments/refunds?status=processed").get_data(as_text=True)
    assert f'id="refund-row-{refund["id"]}"' in listed


def test_reject_with_reason(signed_in, api, three):
    _, a, _, _ = three
    refund = api.post(
        "/api/v1/refunds", json={"payment_id": a["id"], "amount": "1.00", "reason": "x"}
    ).get_json()
    resp = _post(
        signed_in,
        f"/payments/refunds/{refund['id']}/reject",
        {"reason": "not eligible"},
        page="/payments/refunds",
        headers=HX,
    )
    assert resp.status_code == 200
    assert f'id="refund-row-{refund["id"]}"' not in resp.get_data(as_text=True)  # left the queue
    db.session.expire_all()
    got = db.session.get(Refund, refund["id"])
    assert (got.status, got.rejection_reason) == ("rejected", "not eligible")


def test_finance_user_requests_but_cannot_decide(
    app, company, make_user, client, login, api, three
):
    _, a, _, _ = three
    make_user(email="finance@acme.ae", company=company, role="FINANCE_USER")
    login("finance@acme.ae")
    refund = api.post(
        "/api/v1/refunds", json={"payment_id": a["id"], "amount": "1.00", "reason": "x"}
    ).get_json()
    queue = client.get("/payments/refunds").get_data(as_text=True)
    assert "goodwill" not in queue and f'id="refund-row-{refund["id"]}"' in queue
    assert "Approve</button>" not in queue
    denied = _post(client, f"/payments/refunds/{refund['id']}/approve", page="/payments/refunds")
    assert denied.status_code == 403
    detail = client.get(f"/payments/{a['id']}").get_data(as_text=True)
    assert "Request refund" in detail and "Reverse payment" in detail


def test_another_companys_payment_is_404(signed_in, three, make_company, make_user, client):
    _, a, _, _ = three
    other = make_company(name="Other LLC", trn="100555555500003")
    make_user(email="boss@other.ae", company=other)
    _post(client, "/logout", page="/")
    data = {"email": "boss@other.ae", "password": "correct horse"}
    _post(client, "/login", data, page="/login")
    assert client.get(f"/payments/{a['id']}").status_code == 404
    assert _post(client, f"/payments/{a['id']}/reverse", {}).status_code == 404
    assert _rows(client.get("/payments/").get_data(as_text=True)) == []
    assert client.get(f"/api/v1/payments/{a['id']}/receipt").status_code == 404


def test_menu_shows_payments_and_refunds(signed_in):
    html = signed_in.get("/").get_data(as_text=True)
    assert ">Payments</a>" in html and ">Refunds</a>" in html


def test_a_long_reference_is_cut_short_with_the_whole_text_on_hover(signed_in, api, invoice_for):
    inv = invoice_for("100.00")
    reference = "REF-" + "x" * 196
    made = pay(api, allocation(inv["id"], "10.00"), reference=reference).get_json()
    html = signed_in.get("/payments/").get_data(as_text=True)
    row = html.split(f'id="payment-row-{made["id"]}"', 1)[1].split("</tr>", 1)[0]
    assert f'<td class="ll-truncate" title="{reference}">{reference}</td>' in row
