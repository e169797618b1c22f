"""Overpayment as customer credit: the company setting, keeping, using, reversing, refunding."""

import pytest
from sqlalchemy.exc import DBAPIError

from core.api import db
from plugins.payments.tests.helpers import allocation, pay


def _invoice(api, inv_id):
    db.session.expire_all()
    return api.get(f"/api/v1/invoices/{inv_id}").get_json()


def _credit(api, customer_id):
    db.session.expire_all()
    return api.get(f"/api/v1/customers/{customer_id}/credit").get_json()


def _use(api, customer_id, invoice_id, amount, key=None):
    headers = {"Idempotency-Key": key} if key else None
    body = {"customer_id": customer_id, "invoice_id": invoice_id, "amount": amount}
    return api.post("/api/v1/payments/credit-allocations", json=body, headers=headers)


@pytest.fixture
def credit_policy(api):
    resp = api.patch("/api/v1/payments/settings", json={"overpayment_policy": "credit"})
    assert resp.status_code == 200, resp.get_json()
    assert resp.get_json() == {"overpayment_policy": "credit"}


@pytest.fixture
def overpaid(api, customer, invoice_for, credit_policy):
    """1200.00 paid on an invoice of 1050.00: 150.00 kept as credit."""
    inv = invoice_for("1000.00")
    resp = pay(api, allocation(inv["id"], "1200.00"))
    assert resp.status_code == 201, resp.get_json()
    return inv, resp.get_json()


def test_default_policy_rejects_overpayment(api, customer, invoice_for):
    assert api.get("/api/v1/payments/settings").get_json() == {"overpayment_policy": "reject"}
    inv = invoice_for("1000.00")
    resp = pay(api, allocation(inv["id"], "1100.00"))
    assert resp.status_code == 422 and resp.get_json()["error"]["code"] == "overpayment"
    resp = pay(api, allocation(inv["id"], "1000.00"), amount="1100.00")
    assert resp.status_code == 422 and resp.get_json()["error"]["code"] == "overpayment"
    assert _credit(api, customer.id) == {"customer_id": customer.id, "balance": {}, "entries": []}


def test_overpayment_becomes_customer_credit(api, customer, overpaid):
    inv, payment = overpaid
    assert payment["amount"] == "1200.00" and payment["credit_created"] == "150.00"
    assert [a["amount"] for a in payment["allocations"]] == ["1050.00"]
    assert _invoice(api, inv["id"])["payment_status"] == "paid"
    credit = _credit(api, customer.id)
    assert credit["balance"] == {inv["currency"]: "150.00"}
    [entry] = credit["entries"]
    assert (entry["kind"], entry["amount"], entry["payment_id"]) == (
        "overpayment",
        "150.00",
        payment["id"],
    )


def test_unallocated_remainder_becomes_credit(api, customer, invoice_for, credit_policy):
    inv = invoice_for("1000.00")
    resp = pay(api, allocation(inv["id"], "1000.00"), amount="1100.00")
    assert resp.status_code == 201, resp.get_json()
    assert resp.get_json()["credit_created"] == "100.00"
    assert _invoice(api, inv["id"])["amount_due"] == "50.00"
    assert _credit(api, customer.id)["balance"] == {inv["currency"]: "100.00"}
    # Allocations above the payment stay refused under either policy.
    resp = pay(api, allocation(inv["id"], "50.00"), amount="40.00")
    assert resp.get_json()["error"]["code"] == "allocation_exceeds_payment"


def test_credit_pays_a_later_invoice_once_per_idempotency_key(api, customer, invoice_for, overpaid):
    _, payment = overpaid
    later = invoice_for("100.00")  # 105.00 due
    resp = _use(api, customer.id, later["id"], "105.00", key="use-1")
    assert resp.status_code == 201, resp.get_json()
    body = resp.get_json()
    assert body["invoice"] == {"amount_due": "0.00", "payment_status": "paid"}
    assert body["balance"] == {later["currency"]: "45.00"}
    again = _use(api, customer.id, later["id"], "105.00", key="use-1")
    assert again.status_code == 201 and again.get_json() == body
    assert _credit(api, customer.id)["balance"] == {later["currency"]: "45.00"}
    kinds = [(e["kind"], e["amount"]) for e in _credit(api, customer.id)["entries"]]
    assert kinds == [("overpayment", "150.00"), ("applied", "-105.00")]
    # The money is the overpaying payment's: it now shows as its allocation to the invoice.
    history = api.get(f"/api/v1/invoices/{later['id']}/payments").get_json()
    assert [p["id"] for p in history["data"]] == [payment["id"]]
    assert _invoice(api, later["id"])["payment_status"] == "paid"


def test_credit_use_is_refused_clearly(api, customer, invoice_for, overpaid, make_company):
    later = invoice_for("1000.00")  # 1050.00 due, only 150.00 of credit
    resp = _use(api, customer.id, later["id"], "200.00")
    assert resp.status_code == 422
    error = resp.get_json()["error"]
    assert error["code"] == "insufficient_credit" and error["details"]["available"] == "150.00"
    small = invoice_for("10.00")  # 10.50 due
    assert _use(api, customer.id, small["id"], "20.00").get_json()["error"]["code"] == (
        "overpayment"
    )
    draft = invoice_for("10.00", finalize=False)
    resp = _use(api, customer.id, draft["id"], "5.00")
    assert (resp.status_code, resp.get_json()["error"]["code"]) == (409, "invoice_not_payable")
    resp = _use(api, customer.id, later["id"], 5)
    assert resp.status_code == 201  # whole numbers are fine, floats are not
    resp = _use(api, customer.id, later["id"], 1.5)
    assert resp.status_code == 422 and "amount" in resp.get_json()["error"]["details"]["fields"]
    resp = _use(api, 999999, later["id"], "1.00")
    assert resp.status_code == 404
    assert _credit(api, customer.id)["balance"] == {later["currency"]: "145.00"}


def test_reversal_takes_unused_credit_back(api, customer, overpaid):
    inv, payment = overpaid
    resp = api.post(f"/api/v1/payments/{payment['id']}/reverse", json={"reason": "bounced"})
    assert resp.status_code == 201, resp.get_json()
    assert resp.get_json()["amount"] == "-1200.00"
    assert _invoice(api, inv["id"])["amount_due"] == "1050.00"
    credit = _credit(api, customer.id)
    assert credit["balance"] == {inv["currency"]: "0.00"}
    assert [e["kind"] for e in credit["entries"]] == ["overpayment", "reversed"]
    assert credit["entries"][1]["reversal_id"] == resp.get_json()["id"]


def test_reversal_is_refused_once_its_credit_was_used(api, customer, invoice_for, overpaid):
    inv, payment = overpaid
    later = invoice_for("10.00")
    assert _use(api, customer.id, later["id"], "10.50").status_code == 201
    resp = api.post(f"/api/v1/payments/{payment['id']}/reverse")
    assert resp.status_code == 409
    error = resp.get_json()["error"]
    assert error["code"] == "credit_already_used" and error["details"]["credit_used"] == "10.50"
    assert _invoice(api, inv["id"])["payment_status"] == "paid"  # nothing moved
    assert _credit(api, customer.id)["balance"] == {inv["currency"]: "139.50"}


def test_refund_pays_back_unused_credit_before_reopening_invoices(api, customer, overpaid):
    inv, payment = overpaid
    body = {"payment_id": payment["id"], "amount": "200.00", "reason": "returned"}
    refund = api.post("/api/v1/refunds", json=body).get_json()
    api.post(f"/api/v1/refunds/{refund['id']}/approve")
    resp = api.post(f"/api/v1/refunds/{refund['id']}/process")
    assert resp.status_code == 200, resp.get_json()
    assert _credit(api, customer.id)["balance"] == {inv["currency"]: "0.00"}
    assert _invoice(api, inv["id"])["amount_due"] == "50.00"  # 150 from credit, 50 reopened


def test_credit_entries_are_immutable(app, overpaid):
    from plugins.invoicing.tests.helpers import raw_sql

    for sql in (
        "UPDATE payments_credit_entry SET amount = 9999",
        "DELETE FROM payments_credit_entry",
    ):
        with pytest.raises(DBAPIError, match="payment_immutable"):
            raw_sql(sql)
        db.session.rollback()


def test_settings_need_the_admin_permission_and_valid_values(
    api, client, api_token, make_user, company
):
    resp = api.patch("/api/v1/payments/settings", json={"overpayment_policy": "keep", "x": 1})
    assert resp.status_code == 422
    fields = resp.get_json()["error"]["details"]["fields"]
    assert set(fields) == {"overpayment_policy", "x"}
    clerk = make_user(email="clerk@acme.ae", company=company, role="FINANCE_USER")
    headers = {"Authorization": f"Bearer {api_token(clerk)}"}
    body = {"overpayment_policy": "credit"}
    resp = client.patch("/api/v1/payments/settings", json=body, headers=headers)
    assert resp.status_code == 403
    assert api.get("/api/v1/payments/settings").get_json() == {"overpayment_policy": "reject"}


def test_credit_routes_are_in_the_openapi_document(api):
    doc = api.get("/api/v1/openapi.json").get_json()
    post = doc["paths"]["/api/v1/payments/credit-allocations"]["post"]
    assert "insufficient_credit" in post["description"]
    assert "/api/v1/customers/{customer_id}/credit" in doc["paths"]
    assert "patch" in doc["paths"]["/api/v1/payments/settings"]
