"""/api/v1/payments lists, reads, filters, per-invoice history, writers and tenancy."""

import pytest

from plugins.invoicing.tests.helpers import Api
from plugins.payments.tests.helpers import allocation, pay


@pytest.fixture
def three(api, invoice_for):
    inv = invoice_for("1000.00")
    a = pay(api, allocation(inv["id"], "10.00"), date="2026-03-01", method="cash").get_json()
    b = pay(api, allocation(inv["id"], "20.00"), date="2026-03-10", method="card").get_json()
    c = pay(api, allocation(inv["id"], "30.00"), date="2026-03-20", method="cash").get_json()
    return inv, a, b, c


def _ids(resp):
    assert resp.status_code == 200, resp.get_json()
    return [p["id"] for p in resp.get_json()["data"]]


def test_list_is_newest_first_and_paginated(api, three):
    _, a, b, c = three
    assert _ids(api.get("/api/v1/payments")) == [c["id"], b["id"], a["id"]]
    page = api.get("/api/v1/payments?limit=2&offset=2").get_json()
    assert [p["id"] for p in page["data"]] == [a["id"]]
    assert page["pagination"] == {"limit": 2, "offset": 2, "total": 3, "next_offset": None}


def test_filters(api, three, customer):
    _, a, b, c = three
    assert _ids(api.get("/api/v1/payments?method=cash")) == [c["id"], a["id"]]
    assert _ids(api.get("/api/v1/payments?date_from=2026-03-05&date_to=2026-03-10")) == [b["id"]]
    assert _ids(api.get(f"/api/v1/payments?customer_id={customer.id}")) == [
        c["id"],
        b["id"],
        a["id"],
    ]
    assert _ids(api.get("/api/v1/payments?customer_id=9999")) == []
    api.post(f"/api/v1/payments/{b['id']}/reverse")
    assert _ids(api.get("/api/v1/payments?status=reversed")) == [b["id"]]
    for bad in ("method=barter", "status=gone", "date_from=soon", "customer_id=x", "limit=0"):
        resp = api.get(f"/api/v1/payments?{bad}")
        assert resp.status_code == 400, bad
        assert resp.get_json()["error"]["code"] == "invalid_parameter"


def test_payment_json_shape(api, three, customer):
    inv, a, _, _ = three
    got = api.get(f"/api/v1/payments/{a['id']}").get_json()
    assert {
        "id",
        "number",
        "customer_id",
        "amount",
        "currency",
        "method",
        "date",
        "reference",
        "status",
        "allocations",
        "reversal_of",
    } <= set(got)
    assert (got["customer_id"], got["currency"], got["date"]) == (customer.id, "AED", "2026-03-01")
    assert got["allocations"][0]["invoice_id"] == inv["id"]
    assert got["reversal_of"] is None
    assert api.get("/api/v1/payments/99999").get_json()["error"]["code"] == "not_found"


def test_invoice_payment_history_includes_reversals(api, three, invoice_for):
    inv, a, b, c = three
    reversal = api.post(f"/api/v1/payments/{a['id']}/reverse").get_json()
    other = invoice_for("5.00")
    pay(api, allocation(other["id"], "1.00"))
    history = api.get(f"/api/v1/invoices/{inv['id']}/payments").get_json()
    assert [p["id"] for p in history["data"]] == [a["id"], b["id"], c["id"], reversal["id"]]
    assert api.get("/api/v1/invoices/99999/payments").status_code == 404


def test_read_only_token_and_super_admin_cannot_write(
    client, api, admin, api_token, make_user, invoice_for
):
    inv = invoice_for("1000.00")
    reader = Api(client, api_token(admin, scopes="read"))
    resp = pay(reader, allocation(inv["id"], "1.00"))
    assert resp.status_code == 403
    assert resp.get_json()["error"]["code"] == "insufficient_scope"
    assert reader.get("/api/v1/payments").status_code == 200

    root = make_user(email="root@ledgerline.local", role="SUPER_ADMIN")
    resp = pay(Api(client, api_token(root)), allocation(inv["id"], "1.00"))
    assert resp.status_code == 403
    assert resp.get_json()["error"]["code"] == "read_only"
    assert api.get("/api/v1/payments").get_json()["pagination"]["total"] == 0


def test_finance_user_records_but_cannot_approve_refunds(
    client, api, company, make_user, api_token, invoice_for
):
    finance = make_user(email="fin@acme.ae", company=company, role="FINANCE_USER")
    clerk = Api(client, api_token(finance))
    inv = invoice_for("1000.00")
    payment = pay(clerk, allocation(inv["id"], "100.00"))
    assert payment.status_code == 201
    refund = clerk.post(
        "/api/v1/refunds",
        json={"payment_id": payment.get_json()["id"], "amount": "5.00", "reason": "typo"},
    ).get_json()
    resp = clerk.post(f"/api/v1/refunds/{refund['id']}/approve")
    assert resp.status_code == 403
    err = resp.get_json()["error"]
    assert err["code"] == "forbidden" and err["details"]["permission"] == "payments.refund.approve"
    assert api.post(f"/api/v1/refunds/{refund['id']}/approve").status_code == 200


def test_another_company_sees_and_touches_nothing(
    client, api, three, make_company, make_user, api_token
):
    inv, a, _, _ = three
    other = make_user(email="x@other.ae", company=make_company(name="Other", trn=None))
    them = Api(client, api_token(other))
    assert them.get("/api/v1/payments").get_json()["data"] == []
    assert them.get(f"/api/v1/payments/{a['id']}").status_code == 404
    assert them.post(f"/api/v1/payments/{a['id']}/reverse").status_code == 404
    assert them.get(f"/api/v1/invoices/{inv['id']}/payments").status_code == 404
    resp = pay(them, allocation(inv["id"], "1.00"))
    assert resp.status_code == 404


def test_anonymous_gets_401(client):
    resp = client.get("/api/v1/payments")
    assert resp.status_code == 401
    assert resp.get_json()["error"]["code"] == "unauthorized"
