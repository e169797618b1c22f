"""Transitions that move money hold under concurrency (run with LEDGERLINE_TEST_DB=postgresql)."""

import json
import threading
import urllib.error
import urllib.request

from plugins.ap.tests.helpers import post_bill, receive


def _race(app, secret, requests_):
    """Send ``(path, body)`` requests at the same moment; their (status, error code) pairs."""
    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    start = threading.Barrier(len(requests_))
    results = []

    def attempt(path, body):
        req = urllib.request.Request(
            base + path,
            data=json.dumps(body).encode(),
            method="POST",
            headers={"Authorization": f"Bearer {secret}", "Content-Type": "application/json"},
        )
        start.wait()
        try:
            with urllib.request.urlopen(req, timeout=60) as resp:
                results.append((resp.status, None))
        except urllib.error.HTTPError as exc:
            results.append((exc.code, json.loads(exc.read())["error"]["code"]))

    threads = [threading.Thread(target=attempt, args=r) for r in requests_]
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join(90)
    finally:
        server.shutdown()
    return sorted(results, key=lambda r: r[0])


def test_parallel_receipts_never_take_a_line_beyond_what_was_ordered(
    app, api, admin, api_token, sent_po
):
    po = sent_po()  # 100 bolts: room for four receipts of 25
    body = {
        "received_date": "2026-03-05",
        "lines": [{"po_line_id": po["lines"][0]["id"], "received_quantity": "25",
                   "accepted_quantity": "25"}],
    }  # fmt: skip
    path = f"/api/v1/purchase-orders/{po['id']}/receipts"
    results = _race(app, api_token(admin), [(path, body)] * 6)
    assert results == [(201, None)] * 4 + [(422, "over_receipt")] * 2
    order = api.get(f"/api/v1/purchase-orders/{po['id']}").get_json()
    assert order["lines"][0]["received_quantity"] == "100"
    numbers = [r["number"] for r in api.get(path).get_json()["data"]]
    assert numbers == [f"GRN/2026/0000{n}" for n in range(1, 5)]


def test_parallel_approvals_approve_once(app, api, admin, api_token, vendor, sent_po):
    po = sent_po()
    receive(api, po, ("100", "100"), ("10", "10"))
    bill = post_bill(api, vendor, po, (0, "100", "2.50"), (1, "10", "100.00")).get_json()
    path = f"/api/v1/bills/{bill['id']}/approve"
    results = _race(app, api_token(admin), [(path, {})] * 4)
    assert results == [(200, None)] + [(409, "bill_not_open")] * 3
    audit = api.get(f"/api/v1/audit?record_type=bill&record_id={bill['id']}&action=BillApproved")
    assert len(audit.get_json()["data"]) == 1


def test_a_receipt_racing_an_approval_leaves_a_consistent_bill(
    app, api, admin, api_token, vendor, sent_po
):
    po = sent_po()
    receive(api, po, ("60", "60"), ("10", "10"))
    bill = post_bill(api, vendor, po, (0, "60", "2.50"), (1, "10", "100.00")).get_json()
    receipt = {
        "received_date": "2026-03-06",
        "lines": [{"po_line_id": po["lines"][0]["id"], "received_quantity": "40",
                   "accepted_quantity": "40"}],
    }  # fmt: skip
    results = _race(
        app,
        api_token(admin),
        [
            (f"/api/v1/bills/{bill['id']}/approve", {}),
            (f"/api/v1/purchase-orders/{po['id']}/receipts", receipt),
        ],
    )
    assert (201, None) in results
    final = api.get(f"/api/v1/bills/{bill['id']}").get_json()
    if (200, None) in results:  # approved first, on the match as it was: 60 of 60 accepted
        assert (final["status"], final["match_status"]) == ("APPROVED", "FULL_MATCH")
    else:  # the receipt came first: 60 billed of 100 accepted is no longer clean
        assert (409, "match_not_clean") in results
        assert (final["status"], final["match_status"]) == ("MATCHED", "PARTIAL_MATCH")
