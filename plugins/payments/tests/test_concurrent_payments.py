"""Different payments racing for one invoice never pay it beyond its total."""

import json
import threading
import urllib.error
import urllib.request


def test_parallel_payments_never_overpay_an_invoice(app, api, admin, api_token, invoice_for):
    from werkzeug.serving import make_server

    inv = invoice_for("1000.00")  # 1050.00 due: room for five payments of 200.00
    secret = api_token(admin)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}/api/v1/payments"
    body = json.dumps(
        {"amount": "200.00", "allocations": [{"invoice_id": inv["id"], "amount": "200.00"}]}
    ).encode()
    start = threading.Barrier(10)
    statuses, codes = [], []

    def attempt() -> None:
        req = urllib.request.Request(
            url,
            data=body,
            method="POST",
            headers={"Authorization": f"Bearer {secret}", "Content-Type": "application/json"},
        )
        start.wait()
        try:
            with urllib.request.urlopen(req, timeout=60) as resp:
                statuses.append(resp.status)
        except urllib.error.HTTPError as exc:
            statuses.append(exc.code)
            codes.append(json.loads(exc.read())["error"]["code"])

    threads = [threading.Thread(target=attempt) for _ in range(10)]
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join(90)
    finally:
        server.shutdown()
    assert sorted(statuses) == [201] * 5 + [422] * 5
    assert codes == ["overpayment"] * 5
    invoice = api.get(f"/api/v1/invoices/{inv['id']}").get_json()
    assert (invoice["amount_due"], invoice["payment_status"]) == ("50.00", "partial")
