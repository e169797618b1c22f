"""Marking by hand: Marked requests keep their state; Settled posts what arrived."""

from plugins.wallet.tests.anvil import ALPHA_USD


def test_mark_a_partial_payment_settled(anvil, wallet_api, request_for, scan):
    req = request_for("100.00")
    anvil.pay(ALPHA_USD, req["address"], 100_000_000)  # 5.00 short: the customer's fees
    scan()
    url = f"/api/v1/wallet/payment-requests/{req['id']}/mark"

    got = wallet_api.post(url, json={"status": "Settled"}).get_json()

    assert (got["status"], got["exception"]) == ("Settled", "Marked")
    [posted] = wallet_api.get(f"/api/v1/invoices/{req['invoice_id']}/payments").get_json()["data"]
    assert posted["amount"] == "100.00"
    anvil.advance(60 * 60)
    scan()
    again = wallet_api.get(f"/api/v1/wallet/payment-requests/{req['id']}").get_json()
    assert (again["status"], again["exception"]) == ("Settled", "Marked")


def test_mark_refusals(wallet_api, request_for):
    req = request_for("100.00")
    url = f"/api/v1/wallet/payment-requests/{req['id']}/mark"
    nothing = wallet_api.post(url, json={"status": "Settled"})
    assert (nothing.status_code, nothing.get_json()["error"]["code"]) == (409, "nothing_received")
    assert wallet_api.post(url, json={"status": "Paid"}).status_code == 422
    invalid = wallet_api.post(url, json={"status": "Invalid"}).get_json()
    assert (invalid["status"], invalid["exception"]) == ("Invalid", "Marked")
