"""PAYMENTS_RECORD_QUOTA: payments and refunds beyond the company's quota get storage_full."""

import pytest

from plugins.payments.tests.helpers import allocation, pay


@pytest.fixture
def app_config(app_config):
    return {**app_config, "PAYMENTS_RECORD_QUOTA": 2}


def test_a_payment_beyond_the_quota_is_refused(api, invoice_for):
    inv = invoice_for("1000.00")
    assert pay(api, allocation(inv["id"], "10.00")).status_code == 201
    assert pay(api, allocation(inv["id"], "10.00"), key="k-2").status_code == 201
    resp = pay(api, allocation(inv["id"], "10.00"), key="k-3")
    assert resp.status_code == 507
    error = resp.get_json()["error"]
    assert error["code"] == "storage_full"
    assert "quota of 2" in error["message"]
    assert error["details"] == {"quota": 2, "used": 2}
    listed = api.get("/api/v1/payments").get_json()["pagination"]["total"]
    assert listed == 2
    # The key was released: once there is room, the same retry succeeds.
    api.client.application.config["PAYMENTS_RECORD_QUOTA"] = 3
    assert pay(api, allocation(inv["id"], "10.00"), key="k-3").status_code == 201


def test_refunds_and_reversals_count_too(api, invoice_for):
    inv = invoice_for("1000.00")
    payment = pay(api, allocation(inv["id"], "10.00")).get_json()
    refund = api.post(
        "/api/v1/refunds", json={"payment_id": payment["id"], "amount": "1.00", "reason": "x"}
    )
    assert refund.status_code == 201
    api.post(f"/api/v1/refunds/{refund.get_json()['id']}/reject")
    reversal = api.post(f"/api/v1/payments/{payment['id']}/reverse")
    assert reversal.status_code == 507
    assert reversal.get_json()["error"]["code"] == "storage_full"


def test_archived_records_still_use_the_quota(api, invoice_for):
    inv = invoice_for("1000.00")
    for key in ("a", "b"):
        pay(api, allocation(inv["id"], "10.00"), date="2026-01-02", key=key)
    assert api.post("/api/v1/admin/archive", json={"before": "2026-02-01"}).status_code == 202
    assert api.get("/api/v1/payments").get_json()["pagination"]["total"] == 0
    assert pay(api, allocation(inv["id"], "10.00")).status_code == 507


def test_no_quota_means_unlimited(app, api, invoice_for):
    app.config["PAYMENTS_RECORD_QUOTA"] = None
    inv = invoice_for("1000.00")
    for key in "abc":
        assert pay(api, allocation(inv["id"], "1.00"), key=key).status_code == 201
