"""BTCPay-style exceptions judged by block timestamps: partial, over, late, tolerance."""

from plugins.wallet.tests.anvil import ALPHA_USD


def status(api, req):
    got = api.get(f"/api/v1/wallet/payment-requests/{req['id']}").get_json()
    return got["status"], got["exception"]


def invoice(api, req):
    inv = api.get(f"/api/v1/invoices/{req['invoice_id']}").get_json()
    return inv["payment_status"], inv["amount_due"]


def test_partial_payment_is_paid_partial_then_expired(anvil, wallet_api, request_for, scan):
    req = request_for("100.00")
    anvil.pay(ALPHA_USD, req["address"], 50_000_000)
    scan()
    assert status(wallet_api, req) == ("New", "PaidPartial")
    assert invoice(wallet_api, req) == ("unpaid", "105.00")

    anvil.advance(16 * 60)  # past the 15-minute quote
    out = scan()

    assert any("New/PaidPartial -> Expired/PaidPartial" in line for line in out)
    assert status(wallet_api, req) == ("Expired", "PaidPartial")
    assert invoice(wallet_api, req) == ("unpaid", "105.00")


def test_unpaid_request_expires_by_chain_time(anvil, wallet_api, request_for, scan):
    req = request_for("100.00")
    scan()
    assert status(wallet_api, req) == ("New", None)
    anvil.advance(16 * 60)
    scan()
    assert status(wallet_api, req) == ("Expired", None)


def test_two_payments_adding_up_settle(anvil, wallet_api, request_for, scan):
    req = request_for("100.00")
    anvil.pay(ALPHA_USD, req["address"], 100_000_000)
    scan()
    assert status(wallet_api, req) == ("New", "PaidPartial")
    anvil.pay(ALPHA_USD, req["address"], 5_000_000)
    scan()
    assert status(wallet_api, req) == ("Settled", None)
    assert invoice(wallet_api, req) == ("paid", "0.00")


def test_overpayment_is_paid_over_with_customer_credit(anvil, wallet_api, request_for, scan):
    resp = wallet_api.patch("/api/v1/payments/settings", json={"overpayment_policy": "credit"})
    assert resp.status_code == 200, resp.get_json()
    req = request_for("100.00")
    anvil.pay(ALPHA_USD, req["address"], 110_000_000)  # 5.00 more than asked

    scan()

    assert status(wallet_api, req) == ("Settled", "PaidOver")
    assert invoice(wallet_api, req) == ("paid", "0.00")
    [posted] = wallet_api.get(f"/api/v1/invoices/{req['invoice_id']}/payments").get_json()["data"]
    assert posted["amount"] == "110.00"
    customer = wallet_api.get(f"/api/v1/invoices/{req['invoice_id']}").get_json()["customer_id"]
    credit = wallet_api.get(f"/api/v1/customers/{customer}/credit").get_json()
    assert credit["balance"] == {"USD": "5.00"}
    got = wallet_api.get(f"/api/v1/wallet/payment-requests/{req['id']}").get_json()
    assert (got["refund_units"], got["refund"]) == ("0", None)  # credit: nothing owed on chain


def test_overpayment_under_reject_policy_posts_the_due_and_owes_a_refund(
    anvil, wallet_api, request_for, scan
):
    req = request_for("100.00")
    anvil.pay(ALPHA_USD, req["address"], 110_000_000)

    scan()

    got = wallet_api.get(f"/api/v1/wallet/payment-requests/{req['id']}").get_json()
    assert (got["status"], got["exception"]) == ("Settled", "PaidOver")
    assert got["refund_units"] == "5000000"
    assert invoice(wallet_api, req) == ("paid", "0.00")
    payer = got["payments"][0]["from_address"]
    assert payer.lower() == anvil.accounts[1].lower()  # anvil.pay sends from dev account 1
    assert got["refund"] == {
        "from": req["address"], "to": payer, "token_address": ALPHA_USD,
        "amount_units": "5000000", "memo": req["memo"], "signed": False,
        "uri": f"ethereum:{ALPHA_USD}@{req['chain_id']}/transfer?address={payer}&uint256=5000000",
    }  # fmt: skip


def test_late_payment_is_settled_paid_late(anvil, wallet_api, request_for, scan):
    req = request_for("100.00")
    anvil.advance(20 * 60)  # the quote expired on chain before the customer paid
    anvil.pay(ALPHA_USD, req["address"], 105_000_000)

    scan()

    assert status(wallet_api, req) == ("Settled", "PaidLate")
    assert invoice(wallet_api, req) == ("paid", "0.00")


def test_payment_after_the_monitoring_window_does_not_count(anvil, wallet_api, request_for, scan):
    req = request_for("100.00")
    anvil.advance(25 * 60 * 60)
    anvil.pay(ALPHA_USD, req["address"], 105_000_000)

    scan("--from-block", "0")

    assert status(wallet_api, req) == ("Expired", None)
    assert invoice(wallet_api, req) == ("unpaid", "105.00")


def test_tolerance_edge(anvil, wallet_api, request_for, scan):
    resp = wallet_api.patch("/api/v1/wallet/settings", json={"tolerance_percent": "1"})
    assert resp.status_code == 200 and resp.get_json()["tolerance_percent"] == "1"
    exact_edge = request_for("100.00")  # 105.000000; 1 % less is 103.950000
    below = request_for("200.00")  # 210.000000; 1 % less is 207.900000
    anvil.pay(ALPHA_USD, exact_edge["address"], 103_950_000)
    anvil.pay(ALPHA_USD, below["address"], 207_899_999)

    scan()

    assert status(wallet_api, exact_edge) == ("Settled", None)
    assert status(wallet_api, below) == ("New", "PaidPartial")
    [posted] = wallet_api.get(f"/api/v1/invoices/{exact_edge['invoice_id']}/payments").get_json()[
        "data"
    ]
    assert posted["amount"] == "103.95"


def test_top_up_after_settlement_is_listed_for_refund_not_posted(
    anvil, wallet_api, request_for, scan
):
    req = request_for("100.00")
    anvil.pay(ALPHA_USD, req["address"], 105_000_000)
    scan()
    anvil.pay(ALPHA_USD, req["address"], 2_000_000)  # the customer sends 2.00 more later

    out = scan()

    got = wallet_api.get(f"/api/v1/wallet/payment-requests/{req['id']}").get_json()
    assert (got["status"], got["exception"], got["refund_units"]) == (
        "Settled",
        "PaidOver",
        "2000000",
    )
    assert any("2000000 units arrived beyond what was posted" in line for line in out)
    [posted] = wallet_api.get(f"/api/v1/invoices/{req['invoice_id']}/payments").get_json()["data"]
    assert posted["amount"] == "105.00"
    assert scan()[1:] == []  # the next pass has nothing left to do


def test_a_transfer_beyond_64_bits_is_recorded_exactly(anvil, wallet_api, request_for, scan):
    req = request_for("100.00")
    huge = 2**63 + 12345  # more than SQLite's INTEGER holds; NUMERIC would round it via float
    anvil.pay(ALPHA_USD, req["address"], huge)

    scan()

    got = wallet_api.get(f"/api/v1/wallet/payment-requests/{req['id']}").get_json()
    assert got["payments"][0]["amount_units"] == str(huge)
    assert (got["status"], got["exception"]) == ("Settled", "PaidOver")
    assert got["refund_units"] == str(huge - 105_000_000)  # reject policy: the due was posted
