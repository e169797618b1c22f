"""An exact stablecoin payment on a real anvil chain settles the request and pays the invoice."""

from plugins.wallet.tests.anvil import ALPHA_USD


def test_exact_payment_settles_and_pays_the_invoice(anvil, wallet_api, request_for, scan):
    req = request_for("100.00")  # 105.00 USD with 5 % VAT
    assert req["status"] == "New" and req["exception"] is None
    assert req["amount_units"] == "105000000" and req["decimals"] == 6
    assert req["uri"] == (
        f"ethereum:{ALPHA_USD}@31337/transfer?address={req['address']}&uint256=105000000"
    )
    receipt = anvil.pay(ALPHA_USD, req["address"], 105_000_000)

    out = scan()

    assert any(receipt["transactionHash"] in line and "105000000 units" in line for line in out)
    assert any("New -> Settled" in line for line in out)
    got = wallet_api.get(f"/api/v1/wallet/payment-requests/{req['id']}").get_json()
    assert got["status"] == "Settled" and got["exception"] is None
    [payment] = got["payments"]
    assert payment["tx_hash"] == receipt["transactionHash"]
    assert payment["amount_units"] == "105000000" and payment["orphaned"] is False
    assert payment["confirmations"] == 1
    invoice = wallet_api.get(f"/api/v1/invoices/{req['invoice_id']}").get_json()
    assert (invoice["payment_status"], invoice["amount_due"]) == ("paid", "0.00")
    [posted] = wallet_api.get(f"/api/v1/invoices/{req['invoice_id']}/payments").get_json()["data"]
    assert posted["method"] == "stablecoin" and posted["reference"] == receipt["transactionHash"]
    assert posted["amount"] == "105.00"


def test_the_fee_transfer_and_other_addresses_are_ignored(anvil, wallet_api, request_for, scan):
    req = request_for("100.00")
    other = request_for("50.00")
    anvil.pay(ALPHA_USD, other["address"], 1_000_000)  # someone else's request, partly

    scan()

    got = wallet_api.get(f"/api/v1/wallet/payment-requests/{req['id']}").get_json()
    assert got["payments"] == [] and got["status"] == "New"
    other_got = wallet_api.get(f"/api/v1/wallet/payment-requests/{other['id']}").get_json()
    assert [p["amount_units"] for p in other_got["payments"]] == ["1000000"]
    assert other_got["exception"] == "PaidPartial"


def test_transfer_with_memo_ties_the_payment_to_the_sealed_invoice(
    anvil, wallet_api, request_for, scan
):
    req = request_for("100.00")
    anvil.pay(ALPHA_USD, req["address"], 105_000_000, memo=req["memo"])

    scan()

    got = wallet_api.get(f"/api/v1/wallet/payment-requests/{req['id']}").get_json()
    assert got["status"] == "Settled"
    [payment] = got["payments"]
    assert payment["memo"] == req["memo"] and payment["amount_units"] == "105000000"
