"""Approval for payment: clean matches by ap.approve, anything else by ap.override + reason."""

from plugins.ap.tests.helpers import post_bill, receive


def _variance_bill(api, vendor, sent_po):
    po = sent_po()
    receive(api, po, ("100", "100"), ("10", "10"))
    bill = post_bill(api, vendor, po, (0, "100", "2.55"), (1, "10", "100.00")).get_json()
    assert bill["match_status"] == "VARIANCE_DETECTED"
    return bill


def test_full_match_is_approved_by_a_finance_user(api, finance_api, vendor, sent_po):
    po = sent_po()
    receive(api, po, ("100", "100"), ("10", "10"))
    bill = post_bill(api, vendor, po, (0, "100", "2.50"), (1, "10", "100.00")).get_json()
    resp = finance_api.post(f"/api/v1/bills/{bill['id']}/approve")
    assert resp.status_code == 200, resp.get_json()
    assert resp.get_json()["status"] == "APPROVED"
    assert resp.get_json()["override_reason"] is None


def test_variance_needs_a_reason(api, vendor, sent_po):
    bill = _variance_bill(api, vendor, sent_po)
    resp = api.post(f"/api/v1/bills/{bill['id']}/approve", json={})
    assert resp.status_code == 409
    error = resp.get_json()["error"]
    assert error["code"] == "match_not_clean"
    assert error["details"]["missing"] == ["a written reason"]
    assert error["message"] == "The bill is VARIANCE_DETECTED: approving it needs a written reason."
    arabic = api.post(
        f"/api/v1/bills/{bill['id']}/approve", json={}, headers={"Accept-Language": "ar"}
    ).get_json()["error"]
    assert "VARIANCE_DETECTED" not in arabic["message"] and "written" not in arabic["message"]
    assert arabic["details"]["missing"] == ["a written reason"]  # the details keep the API's
    assert api.get(f"/api/v1/bills/{bill['id']}").get_json()["status"] == "MATCHED"


def test_variance_needs_the_override_permission(api, finance_api, vendor, sent_po):
    bill = _variance_bill(api, vendor, sent_po)
    resp = finance_api.post(f"/api/v1/bills/{bill['id']}/approve", json={"reason": "Agreed"})
    assert resp.status_code == 409
    assert resp.get_json()["error"]["details"]["missing"] == ["the permission ap.override"]


def test_override_with_reason_is_audited_with_the_variances(app, api, vendor, sent_po):
    bill = _variance_bill(api, vendor, sent_po)
    reason = "Price rise agreed by phone with the vendor"
    resp = api.post(f"/api/v1/bills/{bill['id']}/approve", json={"reason": reason})
    assert resp.status_code == 200, resp.get_json()
    assert (resp.get_json()["status"], resp.get_json()["override_reason"]) == ("APPROVED", reason)
    audit = api.get(f"/api/v1/audit?record_type=bill&record_id={bill['id']}").get_json()["data"]
    approved = [entry for entry in audit if entry["action"] == "BillApproved"]
    assert approved, audit
    details = approved[0]["details"]
    assert details["override"] is True and details["reason"] == reason
    assert details["variances"]["lines"][0]["price_variance"] == "0.05"
    assert details["variances"]["total_variance"] == "5.00"


def test_approved_bill_cannot_be_matched_or_approved_again(api, vendor, sent_po):
    po = sent_po()
    receive(api, po, ("100", "100"), ("10", "10"))
    bill = post_bill(api, vendor, po, (0, "100", "2.50"), (1, "10", "100.00")).get_json()
    assert api.post(f"/api/v1/bills/{bill['id']}/approve").status_code == 200
    again = api.post(f"/api/v1/bills/{bill['id']}/match")
    assert (again.status_code, again.get_json()["error"]["code"]) == (409, "bill_not_open")
    twice = api.post(f"/api/v1/bills/{bill['id']}/approve")
    assert twice.status_code == 409
    # a later receipt does not touch the approved bill's stored match
    receive(api, po, ("0", "0"), None)
    assert api.get(f"/api/v1/bills/{bill['id']}").get_json()["status"] == "APPROVED"


def test_not_matched_bill_can_be_overridden_by_an_admin(api, vendor):
    bill = post_bill(api, vendor, None, (None, "1", "10.00")).get_json()
    resp = api.post(f"/api/v1/bills/{bill['id']}/approve", json={"reason": "Utility bill"})
    assert resp.status_code == 200
    assert resp.get_json()["match_status"] == "NOT_MATCHED"


def test_reject_needs_a_reason(api, vendor):
    bill = post_bill(api, vendor, None, (None, "1", "10.00")).get_json()
    resp = api.post(f"/api/v1/bills/{bill['id']}/reject", json={})
    assert resp.status_code == 422
    resp = api.post(f"/api/v1/bills/{bill['id']}/reject", json={"reason": "Not ours"})
    assert (resp.status_code, resp.get_json()["rejection_reason"]) == (200, "Not ours")
