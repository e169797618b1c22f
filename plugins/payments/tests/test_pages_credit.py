"""Customer credit in the pages: the admin setting, the record dialog's note, the customer's
credit panel and "Apply credit" on the invoice page (CSRF on, idempotency key, refusals)."""

import re

import pytest

from core.api import db
from plugins.invoicing.models import Invoice
from plugins.payments.credit import CreditEntry
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


def _policy(api):
    return api.get("/api/v1/payments/settings").get_json()["overpayment_policy"]


def _set_policy(client, value, token=True):
    data = {"overpayment_policy": value}
    if token:
        data["csrf_token"] = csrf_token(client, "/payments/admin/")
    return client.post("/payments/admin/settings", data=data)


@pytest.fixture
def credit_policy(api):
    assert (
        api.patch("/api/v1/payments/settings", json={"overpayment_policy": "credit"}).status_code
        == 200
    )


@pytest.fixture
def overpaid(api, invoice_for, credit_policy):
    """150.00 of credit: 1200.00 paid on an invoice of 1050.00."""
    inv = invoice_for("1000.00")
    assert pay(api, allocation(inv["id"], "1200.00")).get_json()["credit_created"] == "150.00"
    return inv


# --- admin settings -------------------------------------------------------------------------


def test_admin_page_shows_and_changes_the_overpayment_policy(signed_in, api):
    page = signed_in.get("/payments/admin/").get_data(as_text=True)
    assert 'id="payments-settings"' in page
    assert re.search(r'value="reject"[^>]*checked|checked[^>]*value="reject"', page)

    saved = _set_policy(signed_in, "credit")
    assert saved.status_code == 200
    text = saved.get_data(as_text=True)
    assert "Settings saved: keep the difference as customer credit." in text
    assert re.search(r'value="credit"[^>]*checked|checked[^>]*value="credit"', text)
    assert _policy(api) == "credit"


def test_settings_form_refuses_bad_input_and_missing_csrf(signed_in, api):
    assert _set_policy(signed_in, "credit", token=False).status_code == 400
    bad = _set_policy(signed_in, "give-away")
    assert bad.status_code == 400
    assert 'class="ll-field-error"' in bad.get_data(as_text=True)
    empty = signed_in.post(
        "/payments/admin/settings", data={"csrf_token": csrf_token(signed_in, "/payments/admin/")}
    )
    assert empty.status_code == 400
    assert "Choose what happens to an overpayment." in empty.get_data(as_text=True)
    assert _policy(api) == "reject"


def test_only_payments_admins_change_settings(client, admin, company, make_user, login, api):
    make_user("clerk@acme.ae", company, role="FINANCE_USER")
    login("clerk@acme.ae")
    assert client.get("/payments/admin/").status_code == 403
    token = csrf_token(client, "/payments/")
    resp = client.post(
        "/payments/admin/settings", data={"overpayment_policy": "credit", "csrf_token": token}
    )
    assert resp.status_code == 403
    assert _policy(api) == "reject"
    make_user("root@acme.ae", role="SUPER_ADMIN")  # reads every company, changes none
    post_form = {"overpayment_policy": "credit"}
    client.post("/logout", data={"csrf_token": token})
    login("root@acme.ae")
    token = csrf_token(client, "/payments/")
    resp = client.post("/payments/admin/settings", data=post_form | {"csrf_token": token})
    assert resp.status_code == 403
    assert "Your role cannot do this." in resp.get_data(as_text=True)  # a writing permission
    assert _policy(api) == "reject"


# --- record dialog --------------------------------------------------------------------------


def test_record_dialog_says_overpayment_becomes_credit_only_under_that_policy(
    signed_in, api, invoice_for
):
    inv = invoice_for("1000.00")
    url = f"/payments/invoices/{inv['id']}/record"
    assert "becomes customer credit" not in signed_in.get(url, headers=HX).get_data(as_text=True)
    assert _set_policy(signed_in, "credit").status_code == 200
    form = signed_in.get(url, headers=HX).get_data(as_text=True)
    assert "An amount above the amount due becomes customer credit" in form

    data = {
        **form_keys(form),
        "amount": "1100.00",
        "method": "bank_transfer",
        "date": "2026-03-05",
    }
    resp = signed_in.post(url, data=data, headers=HX)
    assert resp.status_code == 201, resp.get_data(as_text=True)
    credit = api.get(f"/api/v1/customers/{inv['customer_id']}/credit").get_json()
    assert credit["balance"] == {"AED": "50.00"}


# --- customer page --------------------------------------------------------------------------


def test_customer_page_shows_credit_balance_and_entries(signed_in, api, customer, overpaid):
    later = api.post(
        "/api/v1/invoices",
        json={
            "customer_id": customer.id,
            "issue_date": "2026-03-02",
            "buyer_reference": "PO-2",
            "lines": [{"description": "More", "quantity": "1", "unit_price": "40.00"}],
        },
    ).get_json()
    api.post(f"/api/v1/invoices/{later['id']}/finalize")
    body = {"customer_id": customer.id, "invoice_id": later["id"], "amount": "42.00"}
    assert api.post("/api/v1/payments/credit-allocations", json=body).status_code == 201

    page = signed_in.get(f"/invoicing/customers/{customer.id}").get_data(as_text=True)
    panel = page[page.index('id="customer-credit"') :]
    assert re.search(r'data-credit-balance="AED">AED\xa0108\.00<', panel)
    kinds = re.findall(r'data-kind="(\w+)"', panel)
    assert kinds == ["overpayment", "applied"]
    assert "Overpayment kept" in panel and "Applied to an invoice" in panel
    assert "-AED\xa042.00" in panel and "AED\xa0150.00" in panel
    db.session.expire_all()
    assert db.session.get(Invoice, later["id"]).number in panel


def test_customer_without_credit_says_so(signed_in, customer):
    page = signed_in.get(f"/invoicing/customers/{customer.id}").get_data(as_text=True)
    assert 'id="customer-credit"' in page and "No unused credit." in page


# --- apply credit on the invoice page -------------------------------------------------------


def _section(client, inv_id):
    return fragment(client, f"/payments/invoices/{inv_id}/history")


def _apply(client, inv_id, html, **fields):
    return post_amount_form(client, f"/payments/invoices/{inv_id}/apply-credit", html, **fields)


def _applied():
    db.session.expire_all()
    return db.session.query(CreditEntry).filter_by(kind="applied").count()


def test_apply_credit_pays_the_invoice_from_the_customers_credit(signed_in, invoice_for, overpaid):
    inv = invoice_for("100.00")  # 105.00 due, 150.00 of credit
    page = signed_in.get(f"/invoicing/invoices/{inv['id']}").get_data(as_text=True)
    assert 'id="apply-credit"' in page and "Apply credit" in page
    html = _section(signed_in, inv["id"])
    assert form_value(html, "amount") == "105.00"  # no more than is due
    assert re.search(r"data-credit-available>AED\xa0150\.00<", html)

    resp = _apply(signed_in, inv["id"], html)
    assert resp.status_code == 201, resp.get_data(as_text=True)
    text = resp.get_data(as_text=True)
    assert text.lstrip().startswith('<section id="invoice-payments"')
    assert "AED\xa0105.00 of credit applied." in text
    assert 'data-payment-status="paid"' in text
    assert 'id="apply-credit"' not in text  # nothing left to pay
    db.session.expire_all()
    assert str(db.session.get(Invoice, inv["id"]).amount_due) == "0.00"


def test_double_submit_applies_credit_once(signed_in, invoice_for, overpaid):
    inv = invoice_for("100.00")
    html = _section(signed_in, inv["id"])
    first = _apply(signed_in, inv["id"], html, amount="10.00")
    second = _apply(signed_in, inv["id"], html, amount="10.00")
    assert (first.status_code, second.status_code) == (201, 201)
    assert second.headers.get("Idempotent-Replayed") == "true"
    assert _applied() == 1
    db.session.expire_all()
    assert str(db.session.get(Invoice, inv["id"]).amount_due) == "95.00"


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("200.00", "is more than the AED\xa0105.00 still due"),
        ("abc", "Amount must be"),
        ("0", "Amount must be"),
    ],
)
def test_refused_credit_amounts_show_in_the_section(
    signed_in, invoice_for, overpaid, amount, message
):
    inv = invoice_for("100.00")
    resp = _apply(signed_in, inv["id"], _section(signed_in, inv["id"]), amount=amount)
    assert resp.status_code == 422
    text = resp.get_data(as_text=True)
    assert "data-credit-error" in text and message in text
    assert _applied() == 0


def test_more_than_the_credit_is_refused(signed_in, api, invoice_for, overpaid):
    inv = invoice_for("500.00")  # 525.00 due, 150.00 of credit
    resp = _apply(signed_in, inv["id"], _section(signed_in, inv["id"]), amount="200.00")
    assert resp.status_code == 422
    assert "The customer has 150.00 AED of credit, not 200.00." in resp.get_data(as_text=True)
    assert _applied() == 0


def test_apply_credit_needs_csrf_and_a_key(signed_in, invoice_for, overpaid):
    inv = invoice_for("100.00")
    html = _section(signed_in, inv["id"])
    url = f"/payments/invoices/{inv['id']}/apply-credit"
    no_csrf = signed_in.post(url, data={"amount": "1.00", "idempotency_key": "k1"}, headers=HX)
    assert no_csrf.status_code == 400
    no_key = signed_in.post(
        url, data={"csrf_token": form_value(html, "csrf_token"), "amount": "1.00"}, headers=HX
    )
    assert no_key.status_code == 422 and "Reload the form" in no_key.get_data(as_text=True)
    assert _applied() == 0


def test_apply_credit_shows_only_when_the_customer_has_credit(signed_in, api, invoice_for):
    inv = invoice_for("100.00")
    assert 'id="apply-credit"' not in _section(signed_in, inv["id"])  # no credit yet
    api.patch("/api/v1/payments/settings", json={"overpayment_policy": "credit"})
    pay(api, allocation(inv["id"], "200.00"))  # pays it in full, 95.00 left as credit
    assert 'id="apply-credit"' not in _section(signed_in, inv["id"])  # nothing due
    other = invoice_for("10.00")
    html = _section(signed_in, other["id"])
    assert 'id="apply-credit"' in html and form_value(html, "amount") == "10.50"
