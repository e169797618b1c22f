"""What colleagues see live: AP events in the company room and the record's room."""

from plugins.ap.tests.helpers import post_bill, receive


def _listener(app, token, room=None):
    sio = app.extensions["socketio"].test_client(app, auth={"token": token})
    if room:
        assert sio.emit("join", {"room": room}, callback=True)["ok"] is True
    sio.get_received()
    return sio


def _names(listener):
    return [(e["name"], e["args"][0]) for e in listener.get_received()]


def test_each_step_reaches_the_company_room(app, api, admin, api_token, vendor, sent_po):
    company = _listener(app, api_token(admin))
    po = sent_po()
    receive(api, po, ("100", "100"), ("10", "10"))
    bill = post_bill(api, vendor, po, (0, "100", "2.50"), (1, "10", "100.00")).get_json()
    api.post(f"/api/v1/bills/{bill['id']}/approve")
    got = _names(company)
    names = [name for name, _ in got if not name.startswith(("audit", "job"))]
    assert names == [
        "ap_po_changed",
        "po_sent",
        "goods_received",
        "bill_created",
        "bill_matched",
        "bill_approved",
    ]
    data = dict(got)
    assert data["po_sent"] == {"id": po["id"], "number": po["number"]}
    assert data["goods_received"]["purchase_order_id"] == po["id"]
    assert data["bill_matched"] == {"id": bill["id"], "match_status": "FULL_MATCH"}


def test_reviewer_in_the_bill_room_hears_a_colleagues_receipt(
    app, api, admin, api_token, vendor, sent_po
):
    po = sent_po()
    receive(api, po, ("60", "60"), ("10", "10"))
    bill = post_bill(api, vendor, po, (0, "100", "2.50"), (1, "10", "100.00")).get_json()
    reviewer = _listener(app, api_token(admin), f"bill:{bill['id']}")
    receive(api, po, ("40", "40"), None)
    got = dict(_names(reviewer))
    assert got["bill_matched"] == {"id": bill["id"], "match_status": "FULL_MATCH"}


def test_refused_receipt_announces_nothing(app, api, admin, api_token, sent_po):
    po = sent_po()
    company = _listener(app, api_token(admin))
    assert receive(api, po, ("1000", "1000")).status_code == 422
    assert _names(company) == []


def test_other_company_cannot_join_a_bill_room(
    app, api, vendor, make_company, make_user, api_token
):
    bill = post_bill(api, vendor, None, (None, "1", "1.00")).get_json()
    other = make_user(
        email="x@globex.ae", company=make_company(name="Globex", trn="100111222300003")
    )
    sio = app.extensions["socketio"].test_client(app, auth={"token": api_token(other)})
    assert sio.emit("join", {"room": f"bill:{bill['id']}"}, callback=True)["ok"] is False
