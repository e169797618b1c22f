"""Payroll batches are built unsigned, with memos; amounts refuse excess precision."""

from plugins.wallet.tests.anvil import ALPHA_USD

# anvil's first dev account: the key stands for the external signer (a hardware wallet); the
# server under test never sees it.
SIGNER_KEY = bytes.fromhex("ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80")


def _sign_outside(batch) -> str:
    """What an external signer does: sign the hash, assemble the raw 0x76 transaction."""
    import coincurve
    import rlp

    signature = coincurve.PrivateKey(SIGNER_KEY).sign_recoverable(
        bytes.fromhex(batch["transaction"]["signing_hash"][2:]), hasher=None
    )
    fields = rlp.decode(bytes.fromhex(batch["transaction"]["unsigned"][4:]))
    raw = rlp.encode([*fields, signature[:64] + bytes([signature[64] + 27])])
    return "0x76" + raw.hex()


def test_payroll_batch_is_one_tempo_0x76_transaction_that_pays_everyone(anvil, wallet_api):
    payer = anvil.accounts[0]
    payees = [
        {"address": anvil.accounts[5], "amount": "1250.50", "memo": "salary 2026-12"},
        {"address": anvil.accounts[6], "amount": "0.000001"},
    ]
    body = {"payees": payees, "from": payer}
    resp = wallet_api.post("/api/v1/wallet/payroll-batches", json=body)
    batch = resp.get_json()
    assert resp.status_code == 200 and batch["signed"] is False and batch["type"] == "0x76"
    assert batch["total_units"] == "1250500001"
    first, _second = batch["calls"]
    assert first["amount_units"] == "1250500000" and first["to"] == ALPHA_USD
    assert first["memo"] == "0x" + b"salary 2026-12".ljust(32, b"\0").hex()
    tx = batch["transaction"]
    assert tx["unsigned"].startswith("0x76") and tx["from"].lower() == payer.lower()
    assert tx["nonce"] == int(anvil.rpc("eth_getTransactionCount", payer, "pending"), 16)
    assert tx["fee_token"] == ALPHA_USD and tx["gas_limit"] > 0
    before = [anvil.balance(ALPHA_USD, anvil.accounts[i]) for i in (5, 6)]

    receipt = anvil.receipt(anvil.rpc("eth_sendRawTransaction", _sign_outside(batch)))
    assert receipt["from"].lower() == payer.lower()
    paid = [
        anvil.balance(ALPHA_USD, anvil.accounts[i]) - b for i, b in zip((5, 6), before, strict=True)
    ]
    assert paid == [1_250_500_000, 1]  # both payees, in one transaction
    logged = ["".join(log["topics"]) + log["data"] for log in receipt["logs"]]
    assert any(first["memo"][2:] in text for text in logged)  # the memo went on chain


def test_payroll_needs_a_paying_address(wallet_api):
    payees = [{"address": "0x" + "11" * 20, "amount": "1.5"}]
    resp = wallet_api.post("/api/v1/wallet/payroll-batches", json={"payees": payees})
    assert resp.status_code == 422
    assert "from" in resp.get_json()["error"]["details"]["fields"]


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
