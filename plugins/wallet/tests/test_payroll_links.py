"""Payroll batches are built unsigned, with memos; amounts refuse excess precision."""

from plugins.wallet.tests.anvil import ALPHA_USD


def test_payroll_batch_is_an_unsigned_call_list_that_pays_on_chain(anvil, wallet_api):
    payees = [
        {"address": anvil.accounts[5], "amount": "1250.50", "memo": "salary 2026-12"},
        {"address": anvil.accounts[6], "amount": "0.000001"},
    ]
    resp = wallet_api.post("/api/v1/wallet/payroll-batches", json={"payees": payees})
    batch = resp.get_json()
    assert resp.status_code == 200 and batch["signed"] is False and batch["type"] == "0x76"
    assert batch["total_units"] == "1250500001"
    first, second = batch["calls"]
    assert first["amount_units"] == "1250500000" and first["to"] == ALPHA_USD
    assert first["memo"] == "0x" + b"salary 2026-12".ljust(32, b"\0").hex()
    before = anvil.balance(ALPHA_USD, anvil.accounts[5])
    # An external signer sends the calls; here each call goes as its own transaction.
    for c in batch["calls"]:
        tx = anvil.rpc(
            "eth_sendTransaction", {"from": anvil.accounts[2], "to": c["to"], "data": c["data"]}
        )
        anvil.receipt(tx)
    assert anvil.balance(ALPHA_USD, anvil.accounts[5]) - before == 1_250_500_000


def test_payroll_refuses_excess_precision_and_bad_payees(wallet_api):
    payees = [
        {"address": "0x12", "amount": "1.5"},
        {"address": "0x" + "11" * 20, "amount": 5.5},
    ]
    resp = wallet_api.post("/api/v1/wallet/payroll-batches", json={"payees": payees})
    assert resp.status_code == 422
    assert set(resp.get_json()["error"]["details"]["fields"]) == {
        "payees[0].address",
        "payees[1].amount",
    }
    precise = [{"address": "0x" + "11" * 20, "amount": "1.0000001"}]
    resp = wallet_api.post("/api/v1/wallet/payroll-batches", json={"payees": precise})
    assert resp.status_code == 422
    fields = resp.get_json()["error"]["details"]["fields"]
    assert fields == {"payees[0].amount": "has more than 6 decimals"}


def test_request_to_pay_link(wallet_api):
    resp = wallet_api.post(
        "/api/v1/wallet/request-links", json={"to_address": "0x" + "ab" * 20, "amount": "25.5"}
    )
    link = resp.get_json()
    assert resp.status_code == 200 and link["amount_units"] == "25500000"
    assert link["uri"].endswith("&uint256=25500000") and "@31337/transfer?address=0x" in link["uri"]
    assert link["qr_svg"].startswith("data:image/svg+xml")
    refused = wallet_api.post(
        "/api/v1/wallet/request-links", json={"to_address": "0x" + "ab" * 20, "amount": "0.0000001"}
    )
    assert (refused.status_code, refused.get_json()["error"]["code"]) == (422, "too_precise")
