"""What the merchant sees live: socket events in the invoice room, the invoice page's section,
and the scheduled watcher job."""

from plugins.wallet.tests.anvil import ALPHA_USD


def listener(app, token, room):
    sio = app.extensions["socketio"].test_client(app, auth={"token": token})
    assert sio.emit("join", {"room": room}, callback=True)["ok"] is True
    sio.get_received()
    return sio


def test_detection_and_status_change_reach_the_invoice_room(
    app, anvil, admin, api_token, wallet_api, request_for, scan
):
    req = request_for("100.00")
    room = listener(app, api_token(admin), f"invoice:{req['invoice_id']}")
    anvil.pay(ALPHA_USD, req["address"], 105_000_000)

    scan()

    got = {e["name"]: e["args"][0] for e in room.get_received()}
    assert got["wallet_payment_detected"]["id"] == req["id"]
    assert got["wallet_payment_detected"]["amount_units"] == "105000000"
    assert got["wallet_status_changed"]["status"] == "Settled"
    assert got["wallet_status_changed"]["previous_status"] == "New"
    assert got["invoicing_status_changed"]["payment_status"] == "paid"  # the invoice's own event


def test_invoice_page_shows_the_request_and_refreshes_it(
    anvil, admin, login, wallet_api, request_for, scan
):
    req = request_for("100.00")
    client = login()
    page = client.get(f"/invoicing/invoices/{req['invoice_id']}").get_data(as_text=True)
    assert "Stablecoin payment requests" in page and req["address"] in page
    assert "ll:wallet_status_changed" in page
    anvil.pay(ALPHA_USD, req["address"], 105_000_000)
    scan()
    fragment = client.get(f"/wallet/invoices/{req['invoice_id']}/requests").get_data(as_text=True)
    assert "<strong>Settled</strong>" in fragment


def test_the_scheduled_job_runs_a_pass(app, anvil, wallet_api, request_for):
    from core.api import enqueue_job

    req = request_for("100.00")
    anvil.pay(ALPHA_USD, req["address"], 105_000_000)

    job = enqueue_job("wallet.scan", {}, company_id=None, user_id=None, type="scheduled")

    assert job.status == "completed" and len(job.result["recorded"]) == 1
    got = wallet_api.get(f"/api/v1/wallet/payment-requests/{req['id']}").get_json()
    assert got["status"] == "Settled"


def test_the_watcher_is_scheduled_only_when_a_chain_is_configured(monkeypatch):
    from plugins.wallet.jobs import schedules

    monkeypatch.delenv("LEDGERLINE_WALLET_RPC_URLS", raising=False)
    assert schedules() == {}
    monkeypatch.setenv("LEDGERLINE_WALLET_RPC_URLS", "http://127.0.0.1:8545")
    assert schedules() == {"wallet.scan": {"minute": "*"}}
