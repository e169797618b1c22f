def test_po_receipt_bill_full_match(api, vendor, sent_po):
    po = sent_po()
    assert po["status"] == "SENT" and po["number"].startswith("PO/2026/")
    r = receive(api, po, ("100", "100"), ("10", "10"))
    assert r.status_code == 201, r.get_json()
    b = post_bill(api, vendor, po, (0, "100", "2.50"), (1, "10", "100.00"))
    assert b.status_code == 201, b.get_json()
    bill = b.get_json()
    assert bill["match_status"] == "FULL_MATCH", bill["match"]
    a = api.post(f"/api/v1/bills/{bill['id']}/approve")
    assert a.status_code == 200, a.get_json()
    assert a.get_json()["status"] == "APPROVED"


from plugins.ap.tests.helpers import post_bill, receive  # noqa: E402
