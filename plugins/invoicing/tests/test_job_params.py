"""Invoicing's job types check their params when queued, like the invoice API checks ids."""

import pytest


@pytest.mark.parametrize("invoice_id", [0, -3, 2**63, "²", "12a", True, None])
def test_send_email_job_refuses_what_no_invoice_id_can_be(api, invoice_id):
    resp = api.post(
        "/api/v1/jobs", json={"name": "invoicing.send_email", "params": {"invoice_id": invoice_id}}
    )
    assert resp.status_code == 422, resp.get_json()
    error = resp.get_json()["error"]
    assert error["code"] == "validation_failed"
    if invoice_id == 2**63:  # beyond 64 bits: core's body check answers first, by body path
        assert error["details"]["fields"] == {
            "params.invoice_id": "is out of range (64-bit integers only)"
        }
    else:
        assert error["details"]["fields"] == {"invoice_id": "must be the id of an invoice"}
