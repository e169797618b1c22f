"""Every money-moving payments transition, fired 20 times at once at a real server.

Exactly one request wins; the others get a clear 4xx JSON error (never a 500), the money adds
up, and both hash chains (payments, invoices) still verify. On PostgreSQL this needs the row
locks (``core.api.lock_for_update``); on SQLite writers are serialized by ``BEGIN IMMEDIATE``.
"""

from __future__ import annotations

from collections import Counter

import pytest

from core.api import db
from plugins.payments.tests.helpers import allocation, pay
from tests.support import races
from tests.support.races import TIMES, fire, report, same, tally

live_server = races.live_server  # the fixture, used by name below

REASON = {"reason": "race"}


@pytest.fixture
def token(admin, api_token):
    return api_token(admin)


@pytest.fixture
def paid(api, invoice_for):
    """A finalized invoice of 105.00 (100.00 + 5 % VAT) paid in full by one payment."""
    inv = invoice_for("100.00")
    payment = pay(api, allocation(inv["id"], "105.00"))
    assert payment.status_code == 201, payment.get_json()
    return inv, payment.get_json()


def _get(api, path):
    db.session.expire_all()
    resp = api.get(path)
    assert resp.status_code == 200, resp.get_json()
    return resp.get_json()


def _invoice(api, inv_id):
    inv = _get(api, f"/api/v1/invoices/{inv_id}")
    return inv["amount_due"], inv["payment_status"]


def _chains_intact(api):
    assert _get(api, "/api/v1/payments/chain/verify")["ok"] is True
    assert _get(api, "/api/v1/chain/verify")["ok"] is True


def _one_winner(answers, server, ok: int, loser: tuple[int, str]):
    assert tally(answers) == Counter({(ok, None): 1, loser: TIMES - 1}), report(answers, server)


def _refund(api, payment_id, amount="105.00"):
    body = {"payment_id": payment_id, "amount": amount, "reason": "returned"}
    resp = api.post("/api/v1/refunds", json=body)
    assert resp.status_code == 201, resp.get_json()
    return resp.get_json()


def test_twenty_reversals_of_one_payment_make_one(api, paid, token, live_server):
    inv, payment = paid
    answers = fire(live_server, token, same("POST", f"/api/v1/payments/{payment['id']}/reverse"))
    _one_winner(answers, live_server, 201, (409, "payment_already_reversed"))
    listed = _get(api, "/api/v1/payments")
    assert sorted(p["amount"] for p in listed["data"]) == ["-105.00", "105.00"]
    assert _invoice(api, inv["id"]) == ("105.00", "unpaid")
    _chains_intact(api)


def test_twenty_full_refund_requests_make_one(api, paid, token, live_server):
    _, payment = paid
    body = {"payment_id": payment["id"], "amount": "105.00", "reason": "returned"}
    answers = fire(live_server, token, same("POST", "/api/v1/refunds", body))
    _one_winner(answers, live_server, 201, (422, "refund_exceeds_payment"))
    refunds = _get(api, f"/api/v1/refunds?payment_id={payment['id']}")
    assert [r["amount"] for r in refunds["data"]] == ["105.00"]
    _chains_intact(api)


@pytest.mark.parametrize("action", ["approve", "reject"])
def test_twenty_approvals_or_rejections_of_one_refund_make_one(
    api, paid, token, live_server, action
):
    _, payment = paid
    refund = _refund(api, payment["id"])
    path = f"/api/v1/refunds/{refund['id']}/{action}"
    answers = fire(live_server, token, same("POST", path, REASON))
    _one_winner(answers, live_server, 200, (409, "invalid_transition"))
    events = _get(api, f"/api/v1/refunds/{refund['id']}")
    assert events["status"] == {"approve": "approved", "reject": "rejected"}[action]
    _chains_intact(api)


def test_twenty_processings_of_one_refund_give_the_money_back_once(api, paid, token, live_server):
    inv, payment = paid
    refund = _refund(api, payment["id"])
    assert api.post(f"/api/v1/refunds/{refund['id']}/approve").status_code == 200
    answers = fire(live_server, token, same("POST", f"/api/v1/refunds/{refund['id']}/process"))
    _one_winner(answers, live_server, 200, (409, "invalid_transition"))
    allocations = _get(api, f"/api/v1/payments/{payment['id']}")["allocations"]
    assert [a["amount"] for a in allocations] == ["105.00", "-105.00"]
    assert _invoice(api, inv["id"]) == ("105.00", "unpaid")
    _chains_intact(api)


def test_twenty_payments_racing_for_one_amount_due_pay_it_once(
    api, invoice_for, token, live_server
):
    inv = invoice_for("1000.00")  # 1050.00 due; every request pays all of it
    body = {"amount": "1050.00", "allocations": [allocation(inv["id"], "1050.00")]}
    answers = fire(live_server, token, same("POST", "/api/v1/payments", body))
    _one_winner(answers, live_server, 201, (422, "overpayment"))
    assert _invoice(api, inv["id"]) == ("0.00", "paid")
    assert _get(api, "/api/v1/payments")["pagination"]["total"] == 1
    _chains_intact(api)


def test_twenty_uses_of_one_customer_credit_spend_it_once(
    api, customer, invoice_for, token, live_server
):
    api.patch("/api/v1/payments/settings", json={"overpayment_policy": "credit"})
    first = invoice_for("100.00")
    over = pay(api, allocation(first["id"], "205.00"), amount="305.00")
    assert over.get_json()["credit_created"] == "200.00", over.get_json()
    targets = [invoice_for("100.00")["id"] for _ in range(TIMES)]  # 105.00 due each
    requests = [
        (
            "POST",
            "/api/v1/payments/credit-allocations",
            {"customer_id": customer.id, "invoice_id": i, "amount": "105.00"},
        )
        for i in targets
    ]
    answers = fire(live_server, token, requests)
    _one_winner(answers, live_server, 201, (422, "insufficient_credit"))
    credit = _get(api, f"/api/v1/customers/{customer.id}/credit")
    assert credit["balance"] == {first["currency"]: "95.00"}
    assert sorted(_invoice(api, i)[1] for i in targets) == ["paid"] + ["unpaid"] * (TIMES - 1)
    _chains_intact(api)


def test_twenty_credit_uses_on_one_invoice_never_overpay_it(
    api, customer, invoice_for, token, live_server
):
    api.patch("/api/v1/payments/settings", json={"overpayment_policy": "credit"})
    first = invoice_for("100.00")
    over = pay(api, allocation(first["id"], "105.00"), amount="5000.00")
    assert over.get_json()["credit_created"] == "4895.00", over.get_json()
    target = invoice_for("100.00")
    body = {"customer_id": customer.id, "invoice_id": target["id"], "amount": "105.00"}
    answers = fire(live_server, token, same("POST", "/api/v1/payments/credit-allocations", body))
    _one_winner(answers, live_server, 201, (422, "overpayment"))
    assert _invoice(api, target["id"]) == ("0.00", "paid")
    credit = _get(api, f"/api/v1/customers/{customer.id}/credit")
    assert credit["balance"] == {first["currency"]: "4790.00"}
    _chains_intact(api)


def test_payments_and_credit_notes_racing_for_one_amount_due_settle_it_once(
    api, invoice_for, token, live_server
):
    inv = invoice_for("1000.00")  # 1050.00 due: a payment or a credit note may take all of it
    notes = []
    for _ in range(TIMES // 2):
        reason = {"credit_reason": "DL8.61.1.A"}  # PINT-AE ibr-158-ae: finalize needs it
        resp = api.post(f"/api/v1/invoices/{inv['id']}/credit-notes", json=reason)
        assert resp.status_code == 201, resp.get_json()
        notes.append(resp.get_json()["id"])
    body = {"amount": "1050.00", "allocations": [allocation(inv["id"], "1050.00")]}
    requests = [("POST", f"/api/v1/invoices/{n}/finalize", None) for n in notes]
    requests += same("POST", "/api/v1/payments", body, TIMES // 2)
    answers = fire(live_server, token, requests)
    won = [a for a in answers if a.status < 400]
    lost = Counter(a.code for a in answers if a.status >= 400)
    assert len(won) == 1 and sum(lost.values()) == TIMES - 1, report(answers, live_server)
    assert set(lost) <= {"overpayment", "credit_exceeds_amount_due"}, report(answers, live_server)
    payments = _get(api, "/api/v1/payments")["pagination"]["total"]
    finalized = _get(api, "/api/v1/invoices?type=credit_note&status=FINALIZED")
    assert payments + finalized["pagination"]["total"] == 1
    assert _invoice(api, inv["id"]) == ("0.00", "paid")
    _chains_intact(api)


def test_twenty_payments_of_twenty_invoices_all_land_on_a_gapless_chain(
    api, invoice_for, token, live_server
):
    """Different invoices do not wait for each other's row lock, only for the company's chain
    head: every payment succeeds and the chain has one entry per payment, in order."""
    invoices = [invoice_for("100.00")["id"] for _ in range(TIMES)]
    requests = [
        ("POST", "/api/v1/payments", {"amount": "105.00", "allocations": [allocation(i, "105.00")]})
        for i in invoices
    ]
    answers = fire(live_server, token, requests)
    assert tally(answers) == Counter({(201, None): TIMES}), report(answers, live_server)
    chain = _get(api, "/api/v1/payments/chain/verify")
    assert (chain["ok"], chain["checked"]) == (True, TIMES)
    assert {_invoice(api, i) for i in invoices} == {("0.00", "paid")}
    _chains_intact(api)
