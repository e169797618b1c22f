"""Hostile input on the payments API and pages: a 4xx naming the field, never a 500 (issue 7),
and core's API conventions on payments' blueprint (issue 8)."""

from __future__ import annotations

import pytest

from plugins.payments.tests.helpers import HX, allocation, form_keys, pay

HUGE = "99999999999999999999999"
BEYOND_64 = 2**63


def fields_of(resp) -> dict:
    assert resp.status_code == 422, resp.get_data(as_text=True)[:300]
    body = resp.get_json()
    assert body["error"]["code"] == "validation_failed"
    return body["error"]["details"]["fields"]


@pytest.fixture
def paid(api, invoice_for):
    inv = invoice_for("1000.00")
    payment = pay(api, allocation(inv["id"], "100.00")).get_json()
    return inv, payment


@pytest.mark.parametrize("amount", ["1e30", "1e400", "-1e400", "NaN", "1e-400"])
def test_payment_amount_with_exponent_is_422(api, invoice_for, amount):
    inv = invoice_for("1000.00")
    resp = pay(api, allocation(inv["id"], "10.00"), amount=amount)
    assert "amount" in fields_of(resp)


@pytest.mark.parametrize(
    "extra",
    [
        {"customer_id": BEYOND_64},
        {"reference": "R\ud800"},
        {"notes": "n\x00"},
        {"provider_transaction_id": "\x07"},
        {"colour": "red"},
    ],
)
def test_payment_hostile_fields_are_422_naming_them(api, invoice_for, extra):
    inv = invoice_for("1000.00")
    assert set(fields_of(pay(api, allocation(inv["id"], "10.00"), **extra))) & set(extra)


@pytest.mark.parametrize("invoice_id", [BEYOND_64, 2**63 - 1, 2**31])
def test_allocation_invoice_id_beyond_a_key_is_422(api, invoice_id):
    resp = pay(api, allocation(invoice_id, "10.00"))
    assert "allocations[0].invoice_id" in fields_of(resp)


@pytest.mark.parametrize("amount", ["1e30", "1e400"])
def test_refund_and_credit_amounts_with_exponent_are_422(api, paid, customer, amount):
    inv, payment = paid
    refund = api.post(
        "/api/v1/refunds", json={"payment_id": payment["id"], "amount": amount, "reason": "r"}
    )
    assert "amount" in fields_of(refund)
    use = api.post(
        "/api/v1/payments/credit-allocations",
        json={"customer_id": customer.id, "invoice_id": inv["id"], "amount": amount},
    )
    assert "amount" in fields_of(use)


def test_refund_reason_with_surrogate_is_422(api, paid):
    _, payment = paid
    resp = api.post(
        "/api/v1/refunds", json={"payment_id": payment["id"], "amount": "1.00", "reason": "\udfff"}
    )
    assert "reason" in fields_of(resp)


def test_reverse_with_an_unknown_field_is_422(api, paid):
    _, payment = paid
    resp = api.post(f"/api/v1/payments/{payment['id']}/reverse", json={"reasn": "typo"})
    assert fields_of(resp) == {"reasn": "is not a known field"}


@pytest.mark.parametrize(
    "query",
    [
        f"/api/v1/payments?customer_id={HUGE}",
        f"/api/v1/payments?user_id={BEYOND_64}",
        f"/api/v1/payments?customer_id={2**31}",
        "/api/v1/payments?customer_id=²",
        f"/api/v1/payments?offset={HUGE}",
        f"/api/v1/refunds?payment_id={HUGE}",
        f"/api/v1/payments/transactions?user_id={HUGE}",
        "/api/v1/payments?date_from=9999-99-99",
    ],
)
def test_hostile_query_parameters_are_400(api, query):
    resp = api.get(query)
    assert resp.status_code == 400, resp.get_data(as_text=True)[:300]


@pytest.mark.parametrize(
    "path",
    [
        f"/api/v1/payments/{HUGE}",
        f"/api/v1/refunds/{BEYOND_64}",
        f"/api/v1/customers/{HUGE}/credit",
    ],
)
def test_path_ids_beyond_64_bits_are_404(api, path):
    assert api.get(path).status_code == 404


@pytest.mark.parametrize(
    "path",
    [f"/payments/{HUGE}", f"/payments/?customer_id={HUGE}", f"/payments/?offset={HUGE}"],
)
def test_pages_with_huge_numbers_are_4xx(signed_in, path):
    assert signed_in.get(path).status_code in (400, 404)


@pytest.mark.parametrize("amount", ["1e30", "1e400"])
def test_record_payment_form_with_exponent_is_422(signed_in, invoice_for, amount):
    inv = invoice_for("1000.00")
    url = f"/payments/invoices/{inv['id']}/record"
    html = signed_in.get(url, headers=HX).get_data(as_text=True)
    data = {**form_keys(html), "amount": amount, "method": "cash", "date": "2026-03-02"}
    resp = signed_in.post(url, data=data, headers=HX)
    assert resp.status_code == 422


def test_five_payments_with_one_key_make_one(api, invoice_for):
    inv = invoice_for("1000.00")
    answers = [pay(api, allocation(inv["id"], "10.00"), key="pay-once") for _ in range(5)]
    assert len({a.get_json()["id"] for a in answers}) == 1
    assert api.get("/api/v1/payments").get_json()["pagination"]["total"] == 1
