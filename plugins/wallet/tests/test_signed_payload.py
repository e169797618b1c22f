"""The payment payload is signed with the company's invoice key; anyone can verify it."""


def test_signed_payload_verifies_and_a_changed_address_does_not(app, wallet_api, request_for):
    req = request_for("100.00")
    signed = wallet_api.get(f"/api/v1/wallet/payment-requests/{req['id']}/signed").get_json()
    payload = signed["payload"]
    assert payload["address"] == req["address"] and payload["amount_units"] == "105000000"
    assert payload["invoice_hash"] == req["memo"][2:] and payload["invoice_number"]
    anonymous = app.test_client()

    ok = anonymous.post("/api/v1/wallet/verify", json=signed)
    assert ok.status_code == 200 and ok.get_json() == {"valid": True}

    forged = {**signed, "payload": {**payload, "address": "0x" + "66" * 20}}
    assert anonymous.post("/api/v1/wallet/verify", json=forged).get_json() == {"valid": False}
    bad = anonymous.post("/api/v1/wallet/verify", json={"payload": 1})
    assert bad.status_code == 422 and bad.get_json()["error"]["code"] == "validation_failed"
