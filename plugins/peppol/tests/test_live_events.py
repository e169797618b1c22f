"""``peppol_status_changed`` reaches the company room and the invoice's room, once committed."""


def test_status_changes_are_announced(app, api, admin, api_token, mock_account, sealed_invoice):
    sio = app.extensions["socketio"].test_client(app, auth={"token": api_token(admin)})
    assert sio.emit("join", {"room": f"invoice:{sealed_invoice['id']}"}, callback=True)["ok"]
    sio.get_received()
    tid = api.post(f"/api/v1/invoices/{sealed_invoice['id']}/transmit").get_json()["id"]
    events = [e["args"][0] for e in sio.get_received() if e["name"] == "peppol_status_changed"]
    states = [e["state"] for e in events if e["id"] == tid]
    assert "SENDING" in states and states[-1] == "SENT"
    assert all(e["invoice_id"] == sealed_invoice["id"] for e in events)
