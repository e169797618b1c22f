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
    assert "APPROVED" in {b["status"] for b in bills}
    assert len(api.get("/api/v1/vendors").get_json()["data"]) == 2
