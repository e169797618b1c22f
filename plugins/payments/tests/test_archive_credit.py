"""Archiving leaves a payment live while it still has unused customer credit: credit is used
by adding allocations to that payment, which an archived payment can no longer get."""

import pytest

from core.api import db
from plugins.payments.tests.helpers import allocation, pay


def _archive(api, before="2026-06-01"):
    resp = api.post("/api/v1/admin/archive", json={"before": before})
    assert resp.status_code == 202, resp.get_json()
    job = api.get(f"/api/v1/jobs/{resp.get_json()['job_id']}").get_json()
    assert job["status"] == "completed", job
    return job


def _use(api, customer_id, invoice_id, amount):
    body = {"customer_id": customer_id, "invoice_id": invoice_id, "amount": amount}
    return api.post("/api/v1/payments/credit-allocations", json=body)


@pytest.fixture
def old_overpayment(api, invoice_for):
    """January: 1200.00 paid on an invoice of 1050.00, so 150.00 of credit is kept."""
    resp = api.patch("/api/v1/payments/settings", json={"overpayment_policy": "credit"})
    assert resp.status_code == 200
    inv = invoice_for("1000.00")
    payment = pay(api, allocation(inv["id"], "1200.00"), date="2026-01-15").get_json()
    assert payment["credit_created"] == "150.00"
    return payment


def test_a_payment_with_unused_credit_is_not_archived_and_its_credit_stays_usable(
    api, customer, invoice_for, old_overpayment
):
    job = _archive(api)
    assert (job["processed"], job["total"]) == (0, 0)
    db.session.expire_all()
    assert api.get(f"/api/v1/payments/{old_overpayment['id']}").get_json()["archived"] is False

    later = invoice_for("100.00")  # 105.00 due
    resp = _use(api, customer.id, later["id"], "105.00")
    assert resp.status_code == 201, resp.get_json()
    assert resp.get_json()["balance"] == {"AED": "45.00"}
    assert resp.get_json()["invoice"]["payment_status"] == "paid"


def test_once_its_credit_is_used_up_the_payment_archives(
    api, customer, invoice_for, old_overpayment
):
    small = invoice_for("200.00")  # 210.00 due, more than the credit
    assert _use(api, customer.id, small["id"], "150.00").status_code == 201

    job = _archive(api)
    assert (job["processed"], job["total"]) == (1, 1)
    db.session.expire_all()
    read = api.get(f"/api/v1/payments/{old_overpayment['id']}").get_json()
    assert read["archived"] is True
    assert api.get("/api/v1/payments/chain/verify").get_json()["ok"] is True


def test_a_reversed_overpayment_has_no_credit_left_and_may_move(api, company, old_overpayment):
    import datetime as dt

    from plugins.payments.archive import move

    far = dt.date(2099, 1, 1)  # the reversal is dated today; the API refuses future cut-offs
    assert move.next_batch(company.id, far) == []
    resp = api.post(f"/api/v1/payments/{old_overpayment['id']}/reverse", json={})
    assert resp.status_code == 201, resp.get_json()
    db.session.expire_all()
    assert move.next_batch(company.id, far) == [old_overpayment["id"]]
