"""Paying vendor bills: partial and full payments, reversals, refusals, idempotency, and a
ledger the database keeps append-only."""

import datetime as dt

import pytest

from plugins.ap.tests.helpers import post_bill, receive
from plugins.ap.tests.test_concurrency import _race


@pytest.fixture
def approved(api, vendor, sent_po):
    """An APPROVED bill of 1312.50 AED (1250.00 + 5 % VAT)."""
    po = sent_po()
    assert receive(api, po, ("100", "100"), ("10", "10")).status_code == 201
    bill = post_bill(api, vendor, po, (0, "100", "2.50"), (1, "10", "100.00")).get_json()
    resp = api.post(f"/api/v1/bills/{bill['id']}/approve")
    assert resp.status_code == 200 and resp.get_json()["status"] == "APPROVED"
    return resp.get_json()


def _pay(api, bill, amount, **extra):
    body = {"amount": amount, "method": "bank_transfer", "date": "2026-03-20", **extra}
    return api.post(f"/api/v1/bills/{bill['id']}/payments", json=body)


def _bill(api, bill):
    return api.get(f"/api/v1/bills/{bill['id']}").get_json()


def test_a_partial_then_a_final_payment_make_the_bill_paid(api, approved):
    first = _pay(api, approved, "500.00", reference="TRF-1")
    assert first.status_code == 201, first.get_json()
    assert first.get_json()["bill"] == {
        "id": approved["id"], "status": "PARTIALLY_PAID", "amount_paid": "500.00",
        "amount_due": "812.50",
    }  # fmt: skip
    assert _bill(api, approved)["status"] == "PARTIALLY_PAID"
    last = _pay(api, approved, "812.50", reference="TRF-2").get_json()
    assert last["bill"]["status"] == "PAID" and last["bill"]["amount_due"] == "0.00"
    bill = _bill(api, approved)
    assert (bill["status"], bill["amount_paid"]) == ("PAID", "1312.50") and bill["paid_at"]
    listed = api.get(f"/api/v1/bills/{approved['id']}/payments").get_json()["data"]
    assert [(p["amount"], p["reference"]) for p in listed] == [
        ("500.00", "TRF-1"), ("812.50", "TRF-2")
    ]  # fmt: skip
    again = _pay(api, approved, "0.01")
    assert again.status_code == 409 and again.get_json()["error"]["code"] == "bill_not_approved"


def test_paying_more_than_is_due_is_refused_and_records_nothing(api, approved):
    _pay(api, approved, "1300.00")
    resp = _pay(api, approved, "12.51")
    assert resp.status_code == 422
    error = resp.get_json()["error"]
    assert error["code"] == "validation_failed" and "12.50" in error["details"]["fields"]["amount"]
    assert _bill(api, approved)["amount_paid"] == "1300.00"


def test_only_an_approved_bill_is_paid(api, vendor, sent_po):
    po = sent_po()
    bill = post_bill(api, vendor, po, (0, "100", "2.50")).get_json()
    resp = _pay(api, bill, "10.00")
    assert resp.status_code == 409
    assert resp.get_json()["error"]["details"]["status"] == "MATCHED"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"amount": 10.5}, "amount"),
        ({"amount": "-1.00"}, "amount"),
        ({"amount": "0"}, "amount"),
        ({"amount": "1.005"}, "amount"),
        ({"amount": "ten"}, "amount"),
        ({"method": "barter"}, "method"),
        ({"currency": "USD"}, "currency"),
        ({"date": (dt.date.today() + dt.timedelta(days=2)).isoformat()}, "date"),
    ],
)
def test_bad_payment_input_names_the_field(api, approved, body, field):
    resp = _pay(api, approved, **{"amount": "10.00", **body})
    assert resp.status_code == 422, resp.get_json()
    assert field in resp.get_json()["error"]["details"]["fields"]
    assert _bill(api, approved)["amount_paid"] == "0.00"


def test_a_reversal_is_a_new_record_and_moves_the_bill_back(api, approved):
    paid = _pay(api, approved, "1312.50").get_json()
    path = f"/api/v1/bills/{approved['id']}/payments/{paid['id']}/reverse"
    assert api.post(path, json={"reason": " "}).status_code == 422
    resp = api.post(path, json={"reason": "Sent to the wrong IBAN"})
    assert resp.status_code == 201, resp.get_json()
    reversal = resp.get_json()
    assert (reversal["amount"], reversal["reversal_of"]) == ("-1312.50", paid["id"])
    assert reversal["bill"] == {
        "id": approved["id"], "status": "APPROVED", "amount_paid": "0.00", "amount_due": "1312.50"
    }  # fmt: skip
    assert api.post(path, json={"reason": "twice"}).get_json()["error"]["code"] == (
        "payment_already_reversed"
    )
    listed = api.get(f"/api/v1/bills/{approved['id']}/payments").get_json()["data"]
    assert [(p["amount"], p["reversed_by"]) for p in listed] == [
        ("1312.50", reversal["id"]), ("-1312.50", None)
    ]  # fmt: skip
    assert _bill(api, approved)["paid_at"] is None


def test_the_same_idempotency_key_pays_once(api, approved):
    headers = {"Idempotency-Key": "pay-bill-once"}
    body = {"amount": "100.00", "method": "cheque"}
    path = f"/api/v1/bills/{approved['id']}/payments"
    first = api.post(path, json=body, headers=headers)
    second = api.post(path, json=body, headers=headers)
    assert first.status_code == second.status_code == 201
    assert first.get_json()["id"] == second.get_json()["id"]
    assert _bill(api, approved)["amount_paid"] == "100.00"


def test_the_database_refuses_to_edit_or_delete_a_payment(api, approved):
    from sqlalchemy.exc import DBAPIError

    from core.api import db
    from plugins.invoicing.tests.helpers import raw_sql

    _pay(api, approved, "100.00")
    for statement in ("UPDATE ap_bill_payment SET amount = 1", "DELETE FROM ap_bill_payment"):
        with pytest.raises(DBAPIError, match="ap_payment_immutable"):
            raw_sql(statement)
        db.session.rollback()
    assert _bill(api, approved)["amount_paid"] == "100.00"
    assert api.get(f"/api/v1/bills/{approved['id']}/payments").get_json()["data"][0]["amount"] == (
        "100.00"
    )


def test_parallel_payments_never_pay_more_than_the_total(app, api, admin, api_token, approved):
    path = f"/api/v1/bills/{approved['id']}/payments"
    body = {"amount": "600.00", "method": "bank_transfer"}
    results = _race(app, api_token(admin), [(path, body)] * 3)
    assert results == [(201, None), (201, None), (422, "validation_failed")]
    bill = _bill(api, approved)
    assert (bill["status"], bill["amount_paid"], bill["amount_due"]) == (
        "PARTIALLY_PAID", "1200.00", "112.50"
    )  # fmt: skip
    assert len(api.get(path).get_json()["data"]) == 2


def test_pay_and_reverse_on_the_bill_page(api, approved, login):
    from tests.support.fixtures import csrf_token

    client = login()
    url = f"/ap/bills/{approved['id']}"
    page = client.get(url).get_data(as_text=True)
    assert "Record payment" in page and 'value="1312.50"' in page  # prefilled with what is due
    token = csrf_token(client, url)
    form = {"csrf_token": token, "amount": "500.00", "method": "bank_transfer", "reference": "T-9"}
    assert client.post(f"{url}/payments", data=form).status_code == 302
    page = client.get(url).get_data(as_text=True)
    assert "Partially paid" in page and "812.50" in page and "T-9" in page

    too_much = client.post(
        f"{url}/payments", data={**form, "amount": "900.00"}, follow_redirects=True
    )
    assert "Amount: is more than the 812.50 AED still due" in too_much.get_data(as_text=True)
    [paid] = api.get(f"/api/v1/bills/{approved['id']}/payments").get_json()["data"]
    reverse = {"csrf_token": token, "reason": "Duplicate transfer"}
    assert client.post(f"{url}/payments/{paid['id']}/reverse", data=reverse).status_code == 302
    page = client.get(url).get_data(as_text=True)
    assert "Reversal of payment" in page and "Duplicate transfer" in page
    assert _bill(api, approved)["status"] == "APPROVED"
