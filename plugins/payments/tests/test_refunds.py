"""Refunds: capped at what is left of a payment; processing reopens the invoice."""

import pytest

from core.api import db
from plugins.payments.tests.helpers import allocation, pay


def _invoice(api, inv_id):
    db.session.expire_all()
    return api.get(f"/api/v1/invoices/{inv_id}").get_json()


@pytest.fixture
def paid(api, invoice_for):
    inv = invoice_for("1000.00")
    payment = pay(api, allocation(inv["id"], "1050.00")).get_json()
    return inv, payment


def _request(api, payment_id, amount, reason="Customer returned goods"):
    return api.post(
        "/api/v1/refunds", json={"payment_id": payment_id, "amount": amount, "reason": reason}
    )


def test_request_approve_process_reopens_the_amount_due(api, paid):
    inv, payment = paid
    resp = _request(api, payment["id"], "200.00")
    assert resp.status_code == 201, resp.get_json()
    refund = resp.get_json()
    assert (refund["status"], refund["amount"]) == ("requested", "200.00")
    assert _invoice(api, inv["id"])["payment_status"] == "paid"  # nothing moves yet

    approved = api.post(f"/api/v1/refunds/{refund['id']}/approve").get_json()
    assert approved["status"] == "approved" and approved["approved_at"]
    assert _invoice(api, inv["id"])["amount_due"] == "0.00"

    processed = api.post(f"/api/v1/refunds/{refund['id']}/process").get_json()
    assert processed["status"] == "processed" and processed["processed_at"]
    after = _invoice(api, inv["id"])
    assert (after["amount_due"], after["payment_status"]) == ("200.00", "partial")
    allocations = api.get(f"/api/v1/payments/{payment['id']}").get_json()["allocations"]
    assert [(a["amount"], a["refund_id"]) for a in allocations] == [
        ("1050.00", None),
        ("-200.00", refund["id"]),
    ]


def test_refunds_are_capped_at_what_is_left(api, paid):
    _, payment = paid
    assert _request(api, payment["id"], "1000.00").status_code == 201
    resp = _request(api, payment["id"], "50.01")
    assert resp.status_code == 422
    err = resp.get_json()["error"]
    assert err["code"] == "refund_exceeds_payment" and err["details"]["refundable"] == "50.00"
    assert _request(api, payment["id"], "50.00").status_code == 201


def test_a_rejected_refund_frees_its_amount_again(api, paid):
    inv, payment = paid
    refund = _request(api, payment["id"], "1050.00").get_json()
    rejected = api.post(f"/api/v1/refunds/{refund['id']}/reject", json={"reason": "No proof"})
    assert rejected.get_json()["status"] == "rejected"
    assert rejected.get_json()["rejection_reason"] == "No proof"
    assert _request(api, payment["id"], "1050.00").status_code == 201
    assert _invoice(api, inv["id"])["payment_status"] == "paid"


@pytest.mark.parametrize(
    ("steps", "action"),
    [((), "process"), (("approve", "process"), "approve"), (("reject",), "approve")],
)
def test_wrong_order_is_refused(api, paid, steps, action):
    _, payment = paid
    refund = _request(api, payment["id"], "10.00").get_json()
    for step in steps:
        assert api.post(f"/api/v1/refunds/{refund['id']}/{step}").status_code == 200
    resp = api.post(f"/api/v1/refunds/{refund['id']}/{action}")
    assert resp.status_code == 409
    assert resp.get_json()["error"]["code"] == "invalid_transition"


def test_reversed_payment_cannot_be_refunded_and_open_refunds_block_reversal(api, paid):
    _, payment = paid
    refund = _request(api, payment["id"], "10.00").get_json()
    blocked = api.post(f"/api/v1/payments/{payment['id']}/reverse")
    assert blocked.status_code == 409
    assert blocked.get_json()["error"]["code"] == "refund_pending"
    api.post(f"/api/v1/refunds/{refund['id']}/reject")
    reversal = api.post(f"/api/v1/payments/{payment['id']}/reverse").get_json()
    resp = _request(api, payment["id"], "10.00")
    assert resp.get_json()["error"]["code"] == "payment_not_refundable"
    assert _request(api, reversal["id"], "10.00").status_code == 409


def test_reversal_after_a_processed_refund_reverses_only_the_rest(api, paid):
    inv, payment = paid
    refund = _request(api, payment["id"], "50.00").get_json()
    api.post(f"/api/v1/refunds/{refund['id']}/approve")
    api.post(f"/api/v1/refunds/{refund['id']}/process")
    reversal = api.post(f"/api/v1/payments/{payment['id']}/reverse").get_json()
    assert reversal["amount"] == "-1000.00"
    after = _invoice(api, inv["id"])
    assert (after["amount_due"], after["payment_status"]) == ("1050.00", "unpaid")


def test_refund_spreads_over_invoices_newest_allocation_first(api, invoice_for):
    a, b = invoice_for("100.00"), invoice_for("100.00")
    payment = pay(api, allocation(a["id"], "105.00"), allocation(b["id"], "105.00")).get_json()
    refund = _request(api, payment["id"], "150.00").get_json()
    api.post(f"/api/v1/refunds/{refund['id']}/approve")
    api.post(f"/api/v1/refunds/{refund['id']}/process")
    assert _invoice(api, b["id"])["amount_due"] == "105.00"
    assert _invoice(api, a["id"])["amount_due"] == "45.00"


def test_refund_list_read_and_bad_input(api, paid):
    _, payment = paid
    refund = _request(api, payment["id"], "10.00").get_json()
    assert api.get(f"/api/v1/refunds/{refund['id']}").get_json()["reason"] == (
        "Customer returned goods"
    )
    listed = api.get("/api/v1/refunds?status=requested").get_json()
    assert [r["id"] for r in listed["data"]] == [refund["id"]]
    assert api.get("/api/v1/refunds?status=approved").get_json()["data"] == []
    assert api.get("/api/v1/refunds?status=lost").get_json()["error"]["code"] == (
        "invalid_parameter"
    )
    # The body's shape first (core, against the request schema), then the service's rules.
    bad = api.post("/api/v1/refunds", json={"payment_id": payment["id"], "amount": "0"})
    assert set(bad.get_json()["error"]["details"]["fields"]) == {"reason"}
    bad = api.post(
        "/api/v1/refunds", json={"payment_id": payment["id"], "amount": "0", "reason": " "}
    )
    assert set(bad.get_json()["error"]["details"]["fields"]) == {"amount", "reason"}
    missing = _request(api, 99999, "1.00")
    assert missing.status_code == 404
    assert api.get("/api/v1/refunds/99999").status_code == 404
