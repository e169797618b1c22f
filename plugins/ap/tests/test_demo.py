"""``flask demo`` seeds AP records in every state, and a second run adds nothing."""


def test_demo_has_every_po_state_and_every_match_state(app, api, company):
    from core.api import db
    from plugins.ap.demo import seed

    assert seed(company) == 4
    db.session.commit()
    assert seed(company) == 0
    orders = api.get("/api/v1/purchase-orders").get_json()["data"]
    assert {o["status"] for o in orders} == {"DRAFT", "SENT", "CLOSED", "CANCELLED"}
    bills = api.get("/api/v1/bills").get_json()["data"]
    assert {b["match_status"] for b in bills} == {
        "FULL_MATCH", "VARIANCE_DETECTED", "PARTIAL_MATCH", "NOT_MATCHED",
    }  # fmt: skip
    paid = next(b for b in bills if b["vendor_invoice_number"] == "ESS-2026-101")
    assert (paid["status"], paid["amount_paid"]) == ("PARTIALLY_PAID", "5000.00")
    assert len(api.get("/api/v1/vendors").get_json()["data"]) == 2
