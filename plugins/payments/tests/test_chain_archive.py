"""The payments chain still verifies after its records moved to the archive tables."""

from plugins.payments.tests.helpers import allocation, pay


def test_chain_verifies_across_archived_payments_and_refunds(api, invoice_for):
    inv = invoice_for("1000.00")
    old = pay(api, allocation(inv["id"], "300.00"), date="2026-01-15").get_json()
    pay(api, allocation(inv["id"], "200.00"), date="2026-10-01")
    refund = api.post(
        "/api/v1/refunds", json={"payment_id": old["id"], "amount": "50.00", "reason": "x"}
    ).get_json()
    api.post(f"/api/v1/refunds/{refund['id']}/approve")
    api.post(f"/api/v1/refunds/{refund['id']}/process")
    before = api.get("/api/v1/payments/chain/verify").get_json()
    assert before["ok"] is True and before["checked"] == 3

    resp = api.post("/api/v1/admin/archive", json={"before": "2026-06-01"})
    assert resp.status_code == 202, resp.get_json()
    assert api.get(f"/api/v1/payments/{old['id']}").get_json()["archived"] is True

    after = api.get("/api/v1/payments/chain/verify").get_json()
    assert after == before
