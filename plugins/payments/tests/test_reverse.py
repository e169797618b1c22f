"""Reversal: a new linked record with the negative amount; the invoice reopens by itself."""

from core.api import db
from plugins.payments.tests.helpers import allocation, pay


def _invoice(api, inv_id):
    db.session.expire_all()
    return api.get(f"/api/v1/invoices/{inv_id}").get_json()


def test_reversal_is_a_new_record_and_reopens_the_invoices(api, invoice_for):
    a, b = invoice_for("1000.00"), invoice_for("100.00")
    paid = pay(api, allocation(a["id"], "1050.00"), allocation(b["id"], "50.00")).get_json()
    assert _invoice(api, a["id"])["payment_status"] == "paid"

    resp = api.post(f"/api/v1/payments/{paid['id']}/reverse", json={"reason": "bounced"})
    assert resp.status_code == 201, resp.get_json()
    reversal = resp.get_json()
    assert reversal["reversal_of"] == paid["id"]
    assert reversal["amount"] == "-1100.00"
    assert reversal["notes"] == "bounced"
    assert reversal["number"] != paid["number"]
    assert sorted((x["invoice_id"], x["amount"]) for x in reversal["allocations"]) == sorted(
        [(a["id"], "-1050.00"), (b["id"], "-50.00")]
    )

    db.session.expire_all()
    original = api.get(f"/api/v1/payments/{paid['id']}").get_json()
    assert original["status"] == "reversed"
    assert original["amount"] == "1100.00"  # the original is kept as it was
    assert [x["amount"] for x in original["allocations"]] == ["1050.00", "50.00"]
    assert (_invoice(api, a["id"])["payment_status"], _invoice(api, a["id"])["amount_due"]) == (
        "unpaid",
        "1050.00",
    )
    assert _invoice(api, b["id"])["amount_due"] == "105.00"


def test_partial_reversal_brings_paid_back_to_partial(api, invoice_for):
    inv = invoice_for("1000.00")
    first = pay(api, allocation(inv["id"], "1000.00")).get_json()
    second = pay(api, allocation(inv["id"], "50.00")).get_json()
    assert _invoice(api, inv["id"])["payment_status"] == "paid"
    api.post(f"/api/v1/payments/{second['id']}/reverse")
    assert (_invoice(api, inv["id"])["payment_status"], _invoice(api, inv["id"])["amount_due"]) == (
        "partial",
        "50.00",
    )
    assert first["status"] == "posted"


def test_reversing_twice_or_reversing_a_reversal_is_refused(api, invoice_for):
    inv = invoice_for("1000.00")
    paid = pay(api, allocation(inv["id"], "100.00")).get_json()
    reversal = api.post(f"/api/v1/payments/{paid['id']}/reverse").get_json()
    again = api.post(f"/api/v1/payments/{paid['id']}/reverse")
    assert again.status_code == 409
    assert again.get_json()["error"]["code"] == "payment_already_reversed"
    back = api.post(f"/api/v1/payments/{reversal['id']}/reverse")
    assert back.get_json()["error"]["code"] == "payment_is_reversal"
    assert _invoice(api, inv["id"])["amount_due"] == "1050.00"


def test_a_reversed_payments_invoice_can_be_paid_again(api, invoice_for):
    inv = invoice_for("1000.00")
    paid = pay(api, allocation(inv["id"], "1050.00")).get_json()
    api.post(f"/api/v1/payments/{paid['id']}/reverse")
    assert pay(api, allocation(inv["id"], "1050.00")).status_code == 201
    assert _invoice(api, inv["id"])["payment_status"] == "paid"


def test_reversing_an_unknown_payment_is_not_found(api):
    resp = api.post("/api/v1/payments/4242/reverse")
    assert resp.status_code == 404 and resp.get_json()["error"]["code"] == "not_found"
