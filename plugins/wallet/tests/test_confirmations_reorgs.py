"""Confirmations, reorgs (anvil_reorg / anvil_rollback) and rescans on a real chain."""

from plugins.wallet.tests.anvil import ALPHA_USD


def detail(api, req):
    return api.get(f"/api/v1/wallet/payment-requests/{req['id']}").get_json()


def invoice_payments(api, req):
    return api.get(f"/api/v1/invoices/{req['invoice_id']}/payments").get_json()["data"]


def payment_status(api, req):
    return api.get(f"/api/v1/invoices/{req['invoice_id']}").get_json()["payment_status"]


def test_processing_until_enough_confirmations(anvil, wallet_api, request_for, scan):
    wallet_api.patch("/api/v1/wallet/settings", json={"confirmations": 3})
    req = request_for("100.00")
    anvil.pay(ALPHA_USD, req["address"], 105_000_000)

    scan()
    got = detail(wallet_api, req)
    assert (got["status"], got["payments"][0]["confirmations"]) == ("Processing", 1)
    assert payment_status(wallet_api, req) == "unpaid"

    anvil.mine(1)
    scan()
    assert detail(wallet_api, req)["status"] == "Processing"

    anvil.mine(1)
    out = scan()
    got = detail(wallet_api, req)
    assert (got["status"], got["payments"][0]["confirmations"]) == ("Settled", 3)
    assert any("Processing -> Settled" in line for line in out)
    assert payment_status(wallet_api, req) == "paid"


def test_unconfirmed_past_the_monitoring_window_is_invalid(anvil, wallet_api, request_for, scan):
    wallet_api.patch("/api/v1/wallet/settings", json={"confirmations": 6, "monitor_minutes": 60})
    req = request_for("100.00")
    anvil.pay(ALPHA_USD, req["address"], 105_000_000)
    scan()
    anvil.rpc("evm_increaseTime", 2 * 60 * 60)
    anvil.rpc("evm_mine")  # one block, 2 h later: the payment has 2 of 6 confirmations
    scan()
    assert detail(wallet_api, req)["status"] == "Invalid"


def test_reorg_orphans_the_payment_and_reverses_the_payments_record(
    anvil, wallet_api, request_for, scan
):
    req = request_for("100.00")
    receipt = anvil.pay(ALPHA_USD, req["address"], 105_000_000)
    scan()
    assert detail(wallet_api, req)["status"] == "Settled"
    assert payment_status(wallet_api, req) == "paid"

    anvil.rpc("anvil_reorg", 1, [])  # the paying block is replaced by an empty one
    out = scan()

    assert any(f"orphaned {receipt['transactionHash']}" in line for line in out)
    assert any("Settled -> New" in line for line in out)
    got = detail(wallet_api, req)
    assert got["status"] == "New" and got["payment_id"] is None
    assert [p["orphaned"] for p in got["payments"]] == [True]
    posted = invoice_payments(wallet_api, req)
    assert sorted(p["amount"] for p in posted) == ["-105.00", "105.00"]  # reversed, not edited
    assert payment_status(wallet_api, req) == "unpaid"

    anvil.pay(ALPHA_USD, req["address"], 105_000_000)  # the customer pays again
    scan()
    assert detail(wallet_api, req)["status"] == "Settled"
    assert payment_status(wallet_api, req) == "paid"


def test_rollback_below_the_paying_block_orphans_it(anvil, wallet_api, request_for, scan):
    req = request_for("100.00")
    anvil.pay(ALPHA_USD, req["address"], 105_000_000)
    anvil.mine(2)
    scan()
    assert detail(wallet_api, req)["status"] == "Settled"

    anvil.rpc("anvil_rollback", 3)
    out = scan()
    assert any("provider lagging, waiting" in line for line in out)  # could be a lagging node
    assert detail(wallet_api, req)["status"] == "Settled"

    anvil.mine(3)  # the chain grows again: the paying block now has another hash
    scan()

    got = detail(wallet_api, req)
    assert got["status"] == "New" and got["payments"][0]["orphaned"] is True
    assert payment_status(wallet_api, req) == "unpaid"


def test_full_rescan_changes_nothing(anvil, wallet_api, request_for, scan):
    req = request_for("100.00")
    partial = request_for("50.00")
    anvil.pay(ALPHA_USD, req["address"], 105_000_000)
    anvil.pay(ALPHA_USD, partial["address"], 1_000_000)
    scan()
    before = detail(wallet_api, req), detail(wallet_api, partial)

    out = scan("--from-block", "0")

    assert not [line for line in out if line.startswith(("recorded", "request", "orphaned"))]
    assert (detail(wallet_api, req), detail(wallet_api, partial)) == before
    assert len(invoice_payments(wallet_api, req)) == 1


def test_a_payment_mined_again_in_another_block_is_kept_once(anvil, wallet_api, request_for, scan):
    req = request_for("100.00")
    snapshot = anvil.rpc("evm_snapshot")
    sender = anvil.accounts[1]
    data = "0xa9059cbb" + req["address"].lower()[2:].rjust(64, "0") + format(105_000_000, "064x")
    raw = anvil.rpc(
        "eth_signTransaction", {"from": sender, "to": ALPHA_USD, "data": data, "gas": "0x100000"}
    )
    first = anvil.receipt(anvil.rpc("eth_sendRawTransaction", raw))
    scan()
    assert detail(wallet_api, req)["status"] == "Settled"

    anvil.rpc("evm_revert", snapshot)  # the block is gone; the same transaction is mined again,
    anvil.mine(2)  # two blocks later
    again = anvil.receipt(anvil.rpc("eth_sendRawTransaction", raw))
    assert again["transactionHash"] == first["transactionHash"]
    assert again["blockNumber"] != first["blockNumber"]
    scan()

    got = detail(wallet_api, req)
    [payment] = got["payments"]
    assert payment["orphaned"] is False and payment["block_number"] == int(again["blockNumber"], 16)
    assert got["status"] == "Settled"
    assert [p["amount"] for p in invoice_payments(wallet_api, req)] == ["105.00"]
