"""Reserve reconciliation lists differences between the chain and the ledger, fixing none."""

from plugins.wallet.tests.anvil import ALPHA_USD


def test_reconciliation_finds_a_planted_difference(app, anvil, wallet_api, request_for, scan):
    from core.api import db
    from plugins.wallet.models import ChainPayment

    clean = request_for("100.00")
    planted = request_for("50.00")
    anvil.pay(ALPHA_USD, clean["address"], 105_000_000)
    scan()
    report = wallet_api.post("/api/v1/wallet/reconcile", json={}).get_json()
    assert report["balances"] == {"checked": 2, "differences": []}
    assert report["rescan"]["missing_from_ledger"] == []
    assert report["rescan"]["not_on_chain"] == []

    # Plant: a payment the ledger says arrived but the chain never saw, and a transfer the
    # ledger never recorded (the address is no longer watched).
    payment = db.session.query(ChainPayment).filter_by(request_id=clean["id"]).one()
    db.session.add(
        ChainPayment(
            company_id=payment.company_id,
            request_id=planted["id"],
            chain_id=31337,
            tx_hash="0x" + "ab" * 32,
            log_index=0,
            block_number=payment.block_number,
            block_hash=payment.block_hash,
            block_time=payment.block_time,
            token_address=ALPHA_USD,
            from_address=payment.from_address,
            to_address=planted["address"],
            amount_units=7,
        )
    )
    db.session.commit()
    wallet_api.post(f"/api/v1/wallet/payment-requests/{clean['id']}/destroy")
    receipt = anvil.pay(ALPHA_USD, clean["address"], 3)
    scan()

    report = wallet_api.post("/api/v1/wallet/reconcile", json={"to_block": anvil.head()})

    body = report.get_json()
    assert report.status_code == 200
    [diff] = body["balances"]["differences"]
    assert (diff["request_id"], diff["on_chain_units"], diff["ledger_units"]) == (
        planted["id"],
        "0",
        "7",
    )
    assert [m["tx_hash"] for m in body["rescan"]["missing_from_ledger"]] == [
        receipt["transactionHash"]
    ]
    assert [u["tx_hash"] for u in body["rescan"]["not_on_chain"]] == ["0x" + "ab" * 32]
    again = wallet_api.post("/api/v1/wallet/reconcile", json={"to_block": anvil.head()})
    assert again.get_json() == body  # listed, never corrected
