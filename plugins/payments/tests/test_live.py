"""What others see: audit entries for each step and live Socket.IO events in both rooms."""

from core.api import db
from plugins.payments.tests.helpers import allocation, pay


def _received(listener):
    return [(e["name"], e["args"][0]) for e in listener.get_received()]


def _listener(app, token, room=None):
    sio = app.extensions["socketio"].test_client(app, auth={"token": token})
    if room:
        assert sio.emit("join", {"room": room}, callback=True)["ok"] is True
    sio.get_received()
    return sio


def test_recording_and_reversing_reach_company_and_invoice_rooms(
    app, api, admin, api_token, invoice_for
):
    inv = invoice_for("1000.00")
    company = _listener(app, api_token(admin))
    room = _listener(app, api_token(admin), f"invoice:{inv['id']}")

    payment = pay(api, allocation(inv["id"], "1050.00")).get_json()
    for listener in (company, room):
        got = dict(_received(listener))
        assert got["payments_payment_added"]["id"] == payment["id"]
        assert got["payments_payment_added"]["invoice_id"] == inv["id"]
        assert got["invoicing_status_changed"]["payment_status"] == "paid"
        assert got["invoicing_status_changed"]["previous_payment_status"] == "unpaid"

    api.post(f"/api/v1/payments/{payment['id']}/reverse")
    got = dict(_received(room))
    assert got["payments_payment_deleted"]["id"] == payment["id"]
    assert got["payments_payment_deleted"]["status"] == "reversed"
    assert got["invoicing_status_changed"]["payment_status"] == "unpaid"


def test_refund_steps_send_payment_updated(app, api, admin, api_token, invoice_for):
    inv = invoice_for("1000.00")
    payment = pay(api, allocation(inv["id"], "1050.00")).get_json()
    room = _listener(app, api_token(admin), f"invoice:{inv['id']}")
    body = {"payment_id": payment["id"], "amount": "50.00", "reason": "goodwill"}
    refund = api.post("/api/v1/refunds", json=body).get_json()
    api.post(f"/api/v1/refunds/{refund['id']}/approve")
    api.post(f"/api/v1/refunds/{refund['id']}/process")
    got = _received(room)
    updates = [d["refund"]["status"] for n, d in got if n == "payments_payment_updated"]
    assert updates == ["requested", "approved", "processed"]
    assert ("invoicing_status_changed", "partial") in [(n, d.get("payment_status")) for n, d in got]


def test_refused_payment_announces_nothing(app, api, admin, api_token, invoice_for):
    inv = invoice_for("1000.00")
    company = _listener(app, api_token(admin))
    assert pay(api, allocation(inv["id"], "9999.00")).status_code == 422
    assert _received(company) == []


def test_audit_timeline_keeps_every_step(api, company, invoice_for):
    from core.api import audit_timeline

    inv = invoice_for("1000.00")
    payment = pay(api, allocation(inv["id"], "1050.00")).get_json()
    refund = api.post(
        "/api/v1/refunds", json={"payment_id": payment["id"], "amount": "5.00", "reason": "x"}
    ).get_json()
    api.post(f"/api/v1/refunds/{refund['id']}/reject")
    api.post(f"/api/v1/payments/{payment['id']}/reverse")
    db.session.expire_all()
    actions = [e.action for e in audit_timeline("payment", payment["id"], company.id)]
    assert actions == ["PaymentRecorded", "PaymentReversed"]
    refund_actions = [e.action for e in audit_timeline("refund", refund["id"], company.id)]
    assert refund_actions == ["RefundRequested", "RefundRejected"]
    invoice_actions = [e.action for e in audit_timeline("invoice", inv["id"], company.id)]
    assert invoice_actions[-2:] == ["InvoicePaymentStatusChanged", "InvoicePaymentStatusChanged"]
