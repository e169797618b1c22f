"""200 concurrent retries of one payment, over real HTTP, create exactly one payment."""

import json
import threading
import urllib.request

import pytest

RETRIES = 200


@pytest.fixture
def app_config(app_config):
    # 200 requests queue for the database here; give the losers time to see the stored answer.
    return {**app_config, "IDEMPOTENCY_WAIT_SECONDS": 120}


def test_two_hundred_concurrent_retries_make_one_payment(app, api, admin, api_token, invoice_for):
    from werkzeug.serving import make_server

    inv = invoice_for("1000.00")
    secret = api_token(admin)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}/api/v1/payments"
    body = json.dumps(
        {"amount": "100.00", "allocations": [{"invoice_id": inv["id"], "amount": "100.00"}]}
    ).encode()
    start = threading.Barrier(RETRIES)
    results, failures = [], []

    def retry() -> None:
        req = urllib.request.Request(
            url,
            data=body,
            method="POST",
            headers={
                "Authorization": f"Bearer {secret}",
                "Idempotency-Key": "pay-once-7f3a",
                "Content-Type": "application/json",
            },
        )
        start.wait()
        try:
            with urllib.request.urlopen(req, timeout=180) as resp:
                results.append((resp.status, json.loads(resp.read())))
        except Exception as exc:  # collected: the assertion below shows what went wrong
            failures.append(repr(exc))

    threads = [threading.Thread(target=retry) for _ in range(RETRIES)]
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join(240)
    finally:
        server.shutdown()
    assert failures == []
    assert {status for status, _ in results} == {201}
    assert len({payload["id"] for _, payload in results}) == 1
    listed = api.get("/api/v1/payments").get_json()
    assert listed["pagination"]["total"] == 1
    invoice = api.get(f"/api/v1/invoices/{inv['id']}").get_json()
    assert (invoice["amount_due"], invoice["payment_status"]) == ("950.00", "partial")
