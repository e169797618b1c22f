"""Wallet transitions fired 20 times at once at a real server: one wins, the rest are told why."""

from collections import Counter

import pytest

from plugins.wallet.tests.anvil import ALPHA_USD
from tests.support import races
from tests.support.races import TIMES, fire, report, same, tally

live_server = races.live_server  # the fixture, used by name below


@pytest.fixture
def token(admin, api_token):
    return api_token(admin)


def one_winner(answers, server, ok: int, loser: tuple[int, str]):
    assert tally(answers) == Counter({(ok, None): 1, loser: TIMES - 1}), report(answers, server)


def test_twenty_requests_for_one_invoice_make_one(wallet_api, invoice_for, token, live_server):
    inv = invoice_for("100.00", currency="USD")
    path = f"/api/v1/invoices/{inv['id']}/payment-requests"
    answers = fire(live_server, token, same("POST", path, {}))
    one_winner(answers, live_server, 201, (409, "payment_request_exists"))
    listed = wallet_api.get("/api/v1/wallet/payment-requests").get_json()
    assert listed["pagination"]["total"] == 1


def test_twenty_marks_post_one_payment(anvil, wallet_api, request_for, scan, token, live_server):
    req = request_for("100.00")
    anvil.pay(ALPHA_USD, req["address"], 100_000_000)
    scan()
    path = f"/api/v1/wallet/payment-requests/{req['id']}/mark"
    answers = fire(live_server, token, same("POST", path, {"status": "Settled"}))
    one_winner(answers, live_server, 200, (409, "already_marked"))
    posted = wallet_api.get(f"/api/v1/invoices/{req['invoice_id']}/payments").get_json()["data"]
    assert [p["amount"] for p in posted] == ["100.00"]


def test_twenty_destroys_make_one(wallet_api, request_for, token, live_server):
    req = request_for("100.00")
    path = f"/api/v1/wallet/payment-requests/{req['id']}/destroy"
    answers = fire(live_server, token, same("POST", path))
    one_winner(answers, live_server, 200, (409, "already_destroyed"))
