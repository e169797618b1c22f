"""Bulk payment requests run as a job: each invoice gets a request or a listed refusal."""


def test_bulk_creates_requests_and_lists_refusals(wallet_api, invoice_for):
    good = [invoice_for("10.00", currency="USD")["id"] for _ in range(3)]
    draft = invoice_for("10.00", currency="USD", finalize=False)["id"]

    resp = wallet_api.post(
        "/api/v1/wallet/payment-requests/bulk", json={"invoice_ids": [*good, draft]}
    )

    assert resp.status_code == 202
    job = wallet_api.get(resp.get_json()["job_url"]).get_json()
    assert (job["status"], job["total"], job["succeeded"], job["failed"]) == ("completed", 4, 3, 1)
    result = job["result"]
    assert sorted(r["invoice_id"] for r in result["created"]) == good
    assert result["refused"][0]["invoice_id"] == draft
    assert result["refused"][0]["code"] == "invoice_not_payable"
    addresses = {r["address"] for r in result["created"]}
    assert len(addresses) == 3
    bad = wallet_api.post("/api/v1/wallet/payment-requests/bulk", json={"invoice_ids": "all"})
    assert bad.status_code == 422
    jobs = wallet_api.get("/api/v1/jobs").get_json()
    unknown = [good[0], 2**31 - 1, good[0], 99999]
    bad = wallet_api.post("/api/v1/wallet/payment-requests/bulk", json={"invoice_ids": unknown})
    assert bad.status_code == 422  # refused up front, not a job that fails later
    fields = bad.get_json()["error"]["details"]["fields"]
    assert set(fields) == {"invoice_ids[1]", "invoice_ids[3]"}
    assert str(2**31 - 1) in fields["invoice_ids[1]"]
    assert wallet_api.get("/api/v1/jobs").get_json() == jobs


def test_bulk_job_params_are_checked_when_queued(app, company, wallet_api):
    import pytest

    from core.api import enqueue_job

    with pytest.raises(ValueError) as refused:  # core's JobRefused
        enqueue_job(
            "wallet.bulk_requests", {"invoice_ids": [0]}, company_id=company.id, user_id=None
        )
    assert refused.value.details == {"fields": {"invoice_ids": "must be positive whole numbers"}}
