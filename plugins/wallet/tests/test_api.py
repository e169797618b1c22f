"""The automation contract: settings, payment requests, refusals, destroy, the public page."""

from plugins.wallet.tests.anvil import ALPHA_USD, BETA_USD

KEYS = {
    "id", "address", "token_address", "chain_id", "amount_units", "decimals", "expires_at",
    "monitor_until", "uri", "memo", "status", "exception",
}  # fmt: skip


def test_settings_default_then_patch(api, xpub):
    got = api.get("/api/v1/wallet/settings").get_json()
    assert (got["mode"], got["confirmations"], got["expiry_minutes"]) == ("hd", 1, 15)
    assert (got["monitor_minutes"], got["tolerance_percent"], got["xpub"]) == (1440, "0", None)
    body = {"xpub": xpub, "chain_id": 31337, "tolerance_percent": "0.5", "expiry_minutes": 30}
    changed = api.patch("/api/v1/wallet/settings", json=body).get_json()
    assert changed["xpub"] == xpub and changed["tolerance_percent"] == "0.5"
    assert api.get("/api/v1/wallet/settings").get_json()["expiry_minutes"] == 30


def test_settings_refuse_private_keys_and_bad_values(api):
    private = "xprv9s21ZrQH143K3QTDL4LXw2F7HEK3wJUD2nW2nRk4stbPy6cq3jPPqjiChkVvvNKmPGJxWUtg6LnF5kejMRNNU3TGtRBeJgk33yuGBxrMPHi"  # noqa: E501
    body = {"xpub": private, "mode": "cold", "confirmations": -1, "tolerance_percent": 0.5}
    resp = api.patch("/api/v1/wallet/settings", json={**body, "colour": "red"})
    assert resp.status_code == 422
    fields = resp.get_json()["error"]["details"]["fields"]
    assert set(fields) == {"mode", "confirmations", "tolerance_percent", "colour"}  # shapes first
    resp = api.patch("/api/v1/wallet/settings", json={"xpub": private})
    assert resp.get_json()["error"]["details"]["fields"] == {
        "xpub": "must be an account-level extended public key (xpub...)"
    }
    virtual = api.patch("/api/v1/wallet/settings", json={"mode": "virtual"})
    assert set(virtual.get_json()["error"]["details"]["fields"]) == {"master_address", "master_id"}


def test_payment_request_shape_and_unique_addresses(wallet_api, request_for):
    first = request_for("100.00")
    second = request_for("100.00", token_address=BETA_USD)
    assert set(first) >= KEYS
    assert first["address"] != second["address"]
    assert second["token_address"] == BETA_USD and first["token_address"] == ALPHA_USD
    assert first["memo"].startswith("0x") and len(first["memo"]) == 66  # the invoice's hash
    assert (first["status"], first["exception"]) == ("New", None)
    got = wallet_api.get(f"/api/v1/wallet/payment-requests/{first['id']}").get_json()
    assert got["payments"] == [] and set(got) >= KEYS
    listed = wallet_api.get("/api/v1/wallet/payment-requests").get_json()
    assert [r["id"] for r in listed["data"]] == [second["id"], first["id"]]


def test_refusals_are_json_409s(api, wallet_api, invoice_for, request_for):
    draft = invoice_for("10.00", currency="USD", finalize=False)
    resp = wallet_api.post(f"/api/v1/invoices/{draft['id']}/payment-requests")
    assert (resp.status_code, resp.get_json()["error"]["code"]) == (409, "invoice_not_payable")
    live = request_for("10.00")
    again = wallet_api.post(f"/api/v1/invoices/{live['invoice_id']}/payment-requests")
    assert (again.status_code, again.get_json()["error"]["code"]) == (
        409,
        "payment_request_exists",
    )
    aed = invoice_for("100.00")  # an AED invoice, no AED rate set
    refused = wallet_api.post(f"/api/v1/invoices/{aed['id']}/payment-requests")
    assert (refused.status_code, refused.get_json()["error"]["code"]) == (409, "no_exchange_rate")
    missing = wallet_api.get("/api/v1/wallet/payment-requests/99999")
    assert missing.status_code == 404 and missing.get_json()["error"]["code"] == "not_found"


def test_unconfigured_wallet_is_refused(api, invoice_for):
    inv = invoice_for("10.00", currency="USD")
    resp = api.post(f"/api/v1/invoices/{inv['id']}/payment-requests")
    assert (resp.status_code, resp.get_json()["error"]["code"]) == (409, "wallet_not_configured")


def test_aed_invoice_is_converted_at_the_company_rate(wallet_api, invoice_for):
    wallet_api.patch("/api/v1/wallet/settings", json={"exchange_rates": {"AED": "0.272294"}})
    inv = invoice_for("100.00")  # 105.00 AED
    req = wallet_api.post(f"/api/v1/invoices/{inv['id']}/payment-requests").get_json()
    assert req["amount_units"] == "28590870"  # 105.00 × 0.272294 = 28.590870 USD
    page = wallet_api.client.get(req["pay_url"].replace("http://localhost", ""))
    assert "AED\u00a0105.00 at 0.272294 USD/AED" in page.get_data(as_text=True)
    assert (req["invoice_currency"], req["rate"], req["token_currency"]) == (
        "AED",
        "0.272294",
        "USD",
    )


def test_destroy_stops_watching_with_a_sweep_instruction_and_audit(
    app, anvil, company, wallet_api, request_for, scan
):
    from core.api import audit_timeline, db

    req = request_for("100.00")
    anvil.pay(ALPHA_USD, req["address"], 1_000_000)
    scan()
    resp = wallet_api.post(f"/api/v1/wallet/payment-requests/{req['id']}/destroy")
    body = resp.get_json()
    assert resp.status_code == 200 and body["destroyed"] is True
    assert body["sweep"] == {
        "derivation_path": "0/0",
        "index": 0,
        "address": req["address"],
        "token_address": ALPHA_USD,
        "chain_id": 31337,
        "balance_units": "1000000",
    }
    anvil.pay(ALPHA_USD, req["address"], 104_000_000)
    scan()
    got = wallet_api.get(f"/api/v1/wallet/payment-requests/{req['id']}").get_json()
    assert len(got["payments"]) == 1 and got["status"] == "New"  # no longer watched
    db.session.expire_all()
    actions = [e.action for e in audit_timeline("wallet_payment_request", req["id"], company.id)]
    assert "wallet_destroyed" in actions
    again = wallet_api.post(f"/api/v1/wallet/payment-requests/{req['id']}/destroy")
    assert again.status_code == 409


def test_public_payment_page_needs_no_login(app, anvil, wallet_api, request_for, scan):
    req = request_for("100.00")
    page = app.test_client().get(req["pay_url"].replace("http://localhost", ""))
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert req["address"] in html and "105.000000" in html and "data:image/svg+xml" in html
    assert 'data-status="New"' in html and "wallet-countdown" in html
    anvil.pay(ALPHA_USD, req["address"], 105_000_000)
    scan()
    status = app.test_client().get(
        req["pay_url"].replace("http://localhost", "") + "/status", headers={"HX-Request": "true"}
    )
    assert 'data-status="Settled"' in status.get_data(as_text=True)
    assert app.test_client().get("/wallet/pay/" + "x" * 43).status_code == 404


def test_two_companies_on_one_xpub_get_a_clear_refusal(
    app, make_company, make_user, api_token, client, wallet_api, request_for, xpub
):
    from plugins.invoicing.tests.helpers import Api

    request_for("10.00")
    address = {"address_line1": "1 Sheikh Zayed Rd", "city": "Dubai"}
    other = make_company(
        "Globex FZE", trn="100222333400003", iban="AE070331234567890123456", **address
    )
    other_api = Api(client, api_token(make_user("admin@globex.ae", company=other)))
    body = {"xpub": xpub, "chain_id": 31337}
    assert other_api.patch("/api/v1/wallet/settings", json=body).status_code == 200
    buyer = {"name": "Buyer", "country": "AE", "trn": "100987654300003", "city": "Abu Dhabi"}
    buyer |= {"address_line1": "2 Corniche", "peppol_id": "0235:1009876543"}
    customer = other_api.post("/api/v1/customers", json=buyer).get_json()
    lines = [{"description": "Work", "quantity": "1", "unit_price": "10.00"}]
    draft = {"customer_id": customer["id"], "issue_date": "2026-03-01", "currency": "USD"}
    draft |= {"exchange_rate": "3.6725", "buyer_reference": "PO-1"}
    inv = other_api.post("/api/v1/invoices", json={**draft, "lines": lines}).get_json()
    finalized = other_api.post(f"/api/v1/invoices/{inv['id']}/finalize")
    assert finalized.status_code == 200, finalized.get_json()

    resp = other_api.post(f"/api/v1/invoices/{inv['id']}/payment-requests")

    assert (resp.status_code, resp.get_json()["error"]["code"]) == (409, "address_in_use")
