"""Two requests drawing on the same customer credit at once never spend it twice."""

import json
import threading
import urllib.error
import urllib.request

from core.api import db


def test_parallel_credit_uses_never_overdraw(app, api, admin, customer, api_token, invoice_for):
    from werkzeug.serving import make_server

    api.patch("/api/v1/payments/settings", json={"overpayment_policy": "credit"})
    first = invoice_for("1000.00")
    paid = api.post(
        "/api/v1/payments",
        json={
            "amount": "1200.00",
            "allocations": [{"invoice_id": first["id"], "amount": "1200.00"}],
        },
    )
    assert paid.get_json()["credit_created"] == "150.00"
    targets = [invoice_for("100.00")["id"] for _ in range(4)]  # 105.00 due each
    secret, customer_id = api_token(admin), customer.id  # no lazy loads from the threads
    db.session.commit()  # on SQLite an open transaction here would hold the write lock
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}/api/v1/payments/credit-allocations"
    start, outcomes = threading.Barrier(4), []

    def attempt(invoice_id) -> None:
        body = {"customer_id": customer_id, "invoice_id": invoice_id, "amount": "100.00"}
        req = urllib.request.Request(
            url,
            data=json.dumps(body).encode(),
            method="POST",
            headers={"Authorization": f"Bearer {secret}", "Content-Type": "application/json"},
        )
        start.wait()
        try:
            with urllib.request.urlopen(req, timeout=60) as resp:
                outcomes.append(resp.status)
        except urllib.error.HTTPError as exc:
            outcomes.append(json.loads(exc.read())["error"]["code"])

    threads = [threading.Thread(target=attempt, args=(i,)) for i in targets]
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join(90)
    finally:
        server.shutdown()
    assert sorted(map(str, outcomes)) == ["201"] + ["insufficient_credit"] * 3
    credit = api.get(f"/api/v1/customers/{customer_id}/credit").get_json()
    assert credit["balance"] == {first["currency"]: "50.00"}
    assert api.get("/api/v1/payments/chain/verify").get_json()["ok"] is True
