"""What other people see of a lifecycle: the audit trail and live Socket.IO events."""

from core.api import db
from plugins.invoicing.tests.helpers import draft_payload


def _events(listener, name=None):
    got = [(e["name"], e["args"][0]) for e in listener.get_received()]
    return [g for g in got if name is None or g[0] == name]


def test_each_step_leaves_an_audit_entry(api, customer, company):
    from core.audit import timeline

    inv = api.post("/api/v1/invoices", json=draft_payload(customer.id)).get_json()
    base = f"/api/v1/invoices/{inv['id']}"
    api.patch(base, json={"notes": "Thanks"})
    for action in ("finalize", "approve", "send", "void"):
        assert api.post(f"{base}/{action}").status_code == 200
    actions = [e.action for e in timeline("invoice", inv["id"], company.id)]
    assert actions == [
        "InvoiceCreated",
        "InvoiceUpdated",
        "InvoiceFinalized",
        "InvoiceApproved",
        "InvoiceSent",
        "InvoiceVoided",
    ]


def test_company_room_and_invoice_room_get_live_events(app, api, customer, admin, api_token):
    socketio = app.extensions["socketio"]
    company_listener = socketio.test_client(app, auth={"token": api_token(admin)})
    inv = api.post("/api/v1/invoices", json=draft_payload(customer.id)).get_json()
    assert _events(company_listener, "invoicing_invoice_created")[0][1]["id"] == inv["id"]

    room_listener = socketio.test_client(app, auth={"token": api_token(admin)})
    ack = room_listener.emit("join", {"room": f"invoice:{inv['id']}"}, callback=True)
    assert ack["ok"] is True
    room_listener.get_received()
    api.post(f"/api/v1/invoices/{inv['id']}/finalize")
    (name, data), *_ = _events(room_listener, "invoicing_status_changed")
    assert data["status"] == "FINALIZED" and data["previous_status"] == "DRAFT"
    assert data["number"] == "INV/2026/00001"

    draft = api.post("/api/v1/invoices", json=draft_payload(customer.id)).get_json()
    api.delete(f"/api/v1/invoices/{draft['id']}")
    assert [d["id"] for _, d in _events(company_listener, "invoicing_invoice_deleted")] == [
        draft["id"]
    ]


def test_other_company_cannot_join_invoice_room(
    app, api, customer, make_company, make_user, api_token
):
    inv = api.post("/api/v1/invoices", json=draft_payload(customer.id)).get_json()
    other = make_user(email="o@other.ae", company=make_company(name="Other", trn=None))
    listener = app.extensions["socketio"].test_client(app, auth={"token": api_token(other)})
    ack = listener.emit("join", {"room": f"invoice:{inv['id']}"}, callback=True)
    assert ack["ok"] is False


def test_failed_finalize_announces_nothing(app, api, customer, admin, api_token):
    listener = app.extensions["socketio"].test_client(app, auth={"token": api_token(admin)})
    inv = api.post("/api/v1/invoices", json=draft_payload(customer.id, lines=[])).get_json()
    listener.get_received()
    resp = api.post(f"/api/v1/invoices/{inv['id']}/finalize")
    assert resp.status_code == 422
    assert _events(listener) == []
    db.session.expire_all()
    assert api.get(f"/api/v1/invoices/{inv['id']}").get_json()["status"] == "DRAFT"
