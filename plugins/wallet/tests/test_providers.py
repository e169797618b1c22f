"""Provider failover with circuit breakers, and the health report."""

import socket

import pytest

from plugins.wallet.tests.anvil import ALPHA_USD, free_port


@pytest.fixture
def hung():
    """An endpoint that accepts connections and never answers (a hung provider)."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)
    yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    sock.close()


@pytest.fixture
def app_config(app_config, anvil, hung):
    dead = f"http://127.0.0.1:{free_port()}"  # nothing listens: connection refused
    urls = ",".join([dead, hung, anvil.url])
    return {**app_config, "WALLET_RPC_URLS": urls, "WALLET_RPC_TIMEOUT": 0.3}


def test_scan_fails_over_to_the_next_provider(app, anvil, wallet_api, request_for, scan):
    req = request_for("100.00")
    anvil.pay(ALPHA_USD, req["address"], 105_000_000)

    scan()

    got = wallet_api.get(f"/api/v1/wallet/payment-requests/{req['id']}").get_json()
    assert got["status"] == "Settled"
    health = wallet_api.get("/api/v1/wallet/health").get_json()
    dead, stuck, live = health["providers"]
    assert health["status"] == "ok" and health["best_head"] == anvil.head()
    assert (dead["ok"], stuck["ok"], live["ok"]) == (False, False, True)
    assert dead["breaker"] == "open" and stuck["breaker"] == "open"
    assert live["breaker"] == "closed" and live["lag"] == 0 and live["chain_id"] == 31337


def test_health_flags_a_provider_on_another_chain(wallet_api):
    wallet_api.patch("/api/v1/wallet/settings", json={"chain_id": 4217})
    health = wallet_api.get("/api/v1/wallet/health").get_json()
    assert health["providers"][2]["error"] == "chain id 31337, expected 4217"
    assert health["status"] == "down"


def test_a_backup_behind_the_best_head_does_not_undo_a_payment(
    app, anvil, wallet_api, request_for, scan
):
    from plugins.wallet.tests.anvil import Anvil

    req = request_for("100.00")
    anvil.pay(ALPHA_USD, req["address"], 105_000_000)
    scan()
    behind = Anvil("--hardfork", "t4")  # an independent node, still at block 0
    try:
        app.config["WALLET_RPC_URLS"] = behind.url
        out = scan()
    finally:
        behind.stop()
    assert any("provider lagging, waiting" in line for line in out)
    got = wallet_api.get(f"/api/v1/wallet/payment-requests/{req['id']}").get_json()
    assert got["status"] == "Settled" and got["payments"][0]["orphaned"] is False
