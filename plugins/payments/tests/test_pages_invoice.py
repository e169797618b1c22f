"""The invoice page's payments: history and balance slot, the record dialog, double submits."""

import re

import pytest

from core.api import db
from plugins.invoicing.models import Invoice
from plugins.payments.models import Payment
from plugins.payments.tests.helpers import (
    HX,
    allocation,
    form_keys,
    form_value,
    fragment,
    pay,
    post_amount_form,
)
from tests.support.fixtures import csrf_token


def _open_dialog(client, invoice_id):
    return fragment(client, f"/payments/invoices/{invoice_id}/record")


def _submit(client, invoice_id, form_html, **fields):
    typed = {"method": "bank_transfer", "date": "2026-03-05", "reference": "TT-991", **fields}
    return post_amount_form(client, f"/payments/invoices/{invoice_id}/record", form_html, **typed)


def _invoice_page(client, invoice_id):
    resp = client.get(f"/invoicing/invoices/{invoice_id}")
    assert resp.status_code == 200
    return resp.get_data(as_text=True)


def _payments():
    db.session.expire_all()
    return db.session.query(Payment).all()


def test_invoice_page_shows_balance_history_and_record_button(signed_in, api, invoice_for):
    inv = invoice_for("1000.00")
    html = _invoice_page(signed_in, inv["id"])
    assert 'id="invoice-payments"' in html and "No payments yet." in html
    assert re.search(r"Balance due: <strong data-balance>AED\xa01,050.00", html)
    assert "Record payment" in html and '<dialog id="record-payment-dialog"' in html

    paid = pay(api, allocation(inv["id"], "50.00"), method="cash").get_json()
    html = _invoice_page(signed_in, inv["id"])
    assert paid["number"] in html and "Cash" in html and "AED\xa01,000.00" in html


def test_draft_invoice_page_has_no_payments_block(signed_in, invoice_for):
    draft = invoice_for("10.00", finalize=False)
    assert 'id="invoice-payments"' not in _invoice_page(signed_in, draft["id"])


def test_dialog_prefills_the_amount_due(signed_in, api, invoice_for):
    inv = invoice_for("1000.00")
    pay(api, allocation(inv["id"], "50.00"))
    html = _open_dialog(signed_in, inv["id"])
    assert html.lstrip().startswith('<div id="record-payment">')  # a fragment for the dialog
    assert form_value(html, "amount") == "1,000.00"
    assert re.fullmatch(r"[0-9a-f-]{36}", form_value(html, "idempotency_key"))
    assert 'value="bank_transfer"' in html and 'value="cheque"' in html
    # Every method by its name in the reader's language, the wallet plugin's too.
    arabic = signed_in.get(
        f"/payments/invoices/{inv['id']}/record", headers={"Accept-Language": "ar"}
    ).get_data(as_text=True)
    assert '<option value="stablecoin">عملة مستقرة</option>' in arabic
    assert '<option value="bank_transfer">تحويل مصرفي</option>' in arabic


def test_recording_updates_history_balance_and_payment_status(signed_in, invoice_for):
    inv = invoice_for("1000.00")
    resp = _submit(signed_in, inv["id"], _open_dialog(signed_in, inv["id"]), amount="400.00")
    assert resp.status_code == 201
    body = resp.get_data(as_text=True)
    (payment,) = _payments()
    assert "Payment <a" in body and payment.number in body
    assert 'hx-swap-oob="true"' in body and "AED\xa0650.00" in body  # history swapped in place
    db.session.expire_all()
    invoice = db.session.get(Invoice, inv["id"])
    assert (invoice.payment_status, str(invoice.amount_due)) == ("partial", "650.00")
    assert (payment.reference, str(payment.date)) == ("TT-991", "2026-03-05")

    history = signed_in.get(f"/payments/invoices/{inv['id']}/history", headers=HX)
    text = history.get_data(as_text=True)
    assert text.lstrip().startswith('<section id="invoice-payments"')
    assert payment.number in text and 'data-payment-status="partial"' in text


def test_double_submit_creates_one_payment(signed_in, invoice_for):
    inv = invoice_for("1000.00")
    form = _open_dialog(signed_in, inv["id"])
    first = _submit(signed_in, inv["id"], form, amount="100.00")
    second = _submit(signed_in, inv["id"], form, amount="100.00")
    assert (first.status_code, second.status_code) == (201, 201)
    assert second.headers.get("Idempotent-Replayed") == "true"
    assert len(_payments()) == 1
    db.session.expire_all()
    assert str(db.session.get(Invoice, inv["id"]).amount_due) == "950.00"
    # A freshly opened dialog is a new attempt: it pays again.
    assert _submit(signed_in, inv["id"], _open_dialog(signed_in, inv["id"]), amount="1.00")
    assert len(_payments()) == 2


def test_plain_form_post_redirects_to_the_invoice(signed_in, invoice_for):
    inv = invoice_for("1000.00")
    form = signed_in.get(f"/payments/invoices/{inv['id']}/record").get_data(as_text=True)
    assert "<html" in form and "Record payment for" in form
    data = {
        **form_keys(form),
        "amount": "1050.00",
        "method": "card",
        "date": "2026-03-05",
    }
    resp = signed_in.post(f"/payments/invoices/{inv['id']}/record", data=data)
    assert resp.status_code == 303 and resp.headers["Location"].endswith(f"/invoices/{inv['id']}")
    html = _invoice_page(signed_in, inv["id"])
    assert 'data-payment-status="paid"' in html and "Record payment</a>" not in html


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("5000.00", "still due"),
        ("abc", "must be a number"),
        ("1.001", "at most two decimals"),
        ("-3", "more than zero"),
    ],
)
def test_refused_amount_shows_in_the_dialog(signed_in, invoice_for, amount, message):
    inv = invoice_for("1000.00")
    form = _open_dialog(signed_in, inv["id"])
    resp = _submit(signed_in, inv["id"], form, amount=amount)
    assert resp.status_code == 422
    body = resp.get_data(as_text=True)
    assert message in body and body.lstrip().startswith('<div id="record-payment">')
    assert body.count(message) == 1  # said once, though the amount is also the allocation's
    # the retry is new
    assert form_value(body, "idempotency_key") != form_value(form, "idempotency_key")
    assert _payments() == []
    fixed = _submit(signed_in, inv["id"], body, amount="10.00")
    assert fixed.status_code == 201 and len(_payments()) == 1


def test_paying_a_void_invoice_is_refused_inline(signed_in, api, invoice_for):
    inv = invoice_for("1000.00")
    form = _open_dialog(signed_in, inv["id"])
    assert api.post(f"/api/v1/invoices/{inv['id']}/void").status_code == 200
    resp = _submit(signed_in, inv["id"], form)
    assert resp.status_code == 422
    assert "cannot be paid" in resp.get_data(as_text=True)
    assert _payments() == []


def test_form_without_csrf_or_key_is_refused(signed_in, invoice_for):
    inv = invoice_for("1000.00")
    form = _open_dialog(signed_in, inv["id"])
    url = f"/payments/invoices/{inv['id']}/record"
    no_csrf = signed_in.post(url, data={"amount": "1.00", "idempotency_key": "k1"})
    assert no_csrf.status_code == 400
    data = {"csrf_token": form_value(form, "csrf_token"), "amount": "1.00", "date": "2026-03-05"}
    no_key = signed_in.post(url, data=data, headers=HX)
    assert no_key.status_code == 422 and "Reload the form" in no_key.get_data(as_text=True)
    assert _payments() == []


def test_readers_without_payment_rights(app, make_user, company, client, invoice_for):
    inv = invoice_for("1000.00")
    make_user(email="root@ledgerline.local", role="SUPER_ADMIN")
    token = csrf_token(client)
    client.post(
        "/login",
        data={"email": "root@ledgerline.local", "password": "correct horse", "csrf_token": token},
    )
    resp = client.get(f"/payments/invoices/{inv['id']}/record")
    assert resp.status_code == 403


def test_another_companys_invoice_is_404(signed_in, make_company, make_user, client, invoice_for):
    inv = invoice_for("1000.00")
    other = make_company(name="Other LLC", trn="100555555500003")
    make_user(email="boss@other.ae", company=other)
    client.post("/logout", data={"csrf_token": csrf_token(client, "/")})
    token = csrf_token(client)
    client.post(
        "/login", data={"email": "boss@other.ae", "password": "correct horse", "csrf_token": token}
    )
    assert client.get(f"/payments/invoices/{inv['id']}/record").status_code == 404
    assert client.get(f"/payments/invoices/{inv['id']}/history").status_code == 404
