"""Presence (who is viewing a room) and the live activity widget on the dashboard."""

from __future__ import annotations

import pytest

from core.extensions import socketio
from tests.support.fixtures import csrf_token
from tests.support.servers import RedisServer


@pytest.fixture
def team(make_company, make_user):
    from core.db import db

    company = make_company()
    admin = make_user(company=company)
    colleague = make_user(email="finance@acme.ae", company=company, role="FINANCE_USER")
    colleague.full_name = "Fatima Al Mansoori"
    db.session.commit()
    return company, admin, colleague


def logged_in(app, email, password="correct horse"):
    """Another browser. Flask-WTF caches the form token in ``g``, which the ``app`` fixture's
    app context shares between clients: forget it so this client gets its own."""
    from flask import g

    client = app.test_client()
    g.pop("csrf_token", None)
    data = {"email": email, "password": password, "csrf_token": csrf_token(client)}
    assert client.post("/login", data=data).status_code == 302
    return client


def connect(app, email):
    return socketio.test_client(app, flask_test_client=logged_in(app, email))


def presence_names(conn, room):
    lists = [
        [v["name"] for v in m["args"][0]["viewers"]]
        for m in conn.get_received()
        if m["name"] == "presence" and m["args"][0]["room"] == room
    ]
    return lists[-1] if lists else None


def test_viewers_see_each_other_arrive_and_leave(app, team):
    company, _, _ = team
    room = f"company:{company.id}"
    admin = connect(app, "admin@acme.ae")
    ack = admin.emit("join", {"room": room, "presence": True}, callback=True)
    assert [v["name"] for v in ack["viewers"]] == ["admin@acme.ae"]

    colleague = connect(app, "finance@acme.ae")
    ack = colleague.emit("join", {"room": room, "presence": True}, callback=True)
    assert [v["name"] for v in ack["viewers"]] == ["admin@acme.ae", "Fatima Al Mansoori"]
    assert presence_names(admin, room) == ["admin@acme.ae", "Fatima Al Mansoori"]

    colleague.disconnect()
    assert presence_names(admin, room) == ["admin@acme.ae"]


def test_two_tabs_of_one_user_count_once_until_the_last_leaves(app, team):
    company, _, _ = team
    room = f"company:{company.id}"
    watcher = connect(app, "finance@acme.ae")
    watcher.emit("join", {"room": room, "presence": True}, callback=True)
    tab1, tab2 = connect(app, "admin@acme.ae"), connect(app, "admin@acme.ae")
    tab1.emit("join", {"room": room, "presence": True}, callback=True)
    tab2.emit("join", {"room": room, "presence": True}, callback=True)
    assert presence_names(watcher, room) == ["admin@acme.ae", "Fatima Al Mansoori"]

    assert tab1.emit("leave", {"room": room}, callback=True)["ok"] is True
    assert presence_names(watcher, room) == ["admin@acme.ae", "Fatima Al Mansoori"]
    tab2.disconnect()
    assert presence_names(watcher, room) == ["Fatima Al Mansoori"]


def test_joining_without_presence_does_not_list_the_user(app, team):
    company, _, _ = team
    room = f"company:{company.id}"
    admin = connect(app, "admin@acme.ae")
    admin.emit("join", {"room": room, "presence": True}, callback=True)
    quiet = connect(app, "finance@acme.ae")
    ack = quiet.emit("join", {"room": room}, callback=True)
    assert [v["name"] for v in ack["viewers"]] == ["admin@acme.ae"]


def test_refused_room_shows_no_presence(app, team, make_company, make_user):
    other = make_company(name="Globex FZE", trn="100999888700003")
    make_user(email="boss@globex.ae", company=other)
    spy = connect(app, "admin@acme.ae")
    ack = spy.emit("join", {"room": f"company:{other.id}", "presence": True}, callback=True)
    assert ack["ok"] is False and "viewers" not in ack
    boss = connect(app, "boss@globex.ae")
    ack = boss.emit("join", {"room": f"company:{other.id}", "presence": True}, callback=True)
    assert [v["name"] for v in ack["viewers"]] == ["boss@globex.ae"]


def test_redis_store_is_shared_between_processes():
    from core.presence import RedisPresence

    redis = RedisServer()
    try:
        process_a, process_b = RedisPresence(redis.url), RedisPresence(redis.url)
        process_a.add("invoice:12", "sid-a", {"user_id": 1, "name": "Amal"})
        process_b.add("invoice:12", "sid-b", {"user_id": 2, "name": "bilal@acme.ae"})
        process_b.add("invoice:13", "sid-b", {"user_id": 2, "name": "bilal@acme.ae"})
        assert [v["name"] for v in process_b.viewers("invoice:12")] == ["Amal", "bilal@acme.ae"]
        assert process_a.drop("sid-b") == ["invoice:12", "invoice:13"]
        assert [v["name"] for v in process_b.viewers("invoice:12")] == ["Amal"]
        assert process_b.viewers("invoice:13") == []
        assert process_b.remove("invoice:12", "sid-a") is True
        assert process_a.viewers("invoice:12") == []
    finally:
        redis.stop()


# --- live activity widget -------------------------------------------------------------------


def audit(company_id, name="CompanyUpdated"):
    from core.db import db
    from core.events import DomainEvent, publish

    publish(DomainEvent(name, "company", company_id, company_id, {"email": "ops@acme.ae"}))
    db.session.commit()


def test_dashboard_shows_presence_and_live_activity(app, client, team, login):
    company, _, _ = team
    audit(company.id)
    html = login().get("/").get_data(as_text=True)
    assert f'data-presence-room="company:{company.id}"' in html
    assert 'hx-trigger="ll:audit_added from:body, ll:reconnected from:body"' in html
    assert "CompanyUpdated" in html


def test_live_activity_refetch_shows_new_entries_of_own_company_only(
    app, client, team, login, make_company
):
    company, _, _ = team
    other = make_company(name="Globex FZE", trn="100999888700003")
    login()
    assert "Nothing has happened yet." in client.get("/live/activity").get_data(as_text=True)
    audit(company.id, "InvoiceFinalized")
    audit(other.id, "GlobexSecretDeal")
    html = client.get("/live/activity").get_data(as_text=True)
    assert "InvoiceFinalized" in html
    assert "GlobexSecretDeal" not in html
    assert "ops@acme.ae" not in html  # actor labels and details stay masked


def test_live_activity_needs_login(app, client):
    resp = client.get("/live/activity")
    assert resp.status_code == 302
    assert "/login" in resp.headers["Location"]


def test_a_join_handled_after_its_connection_closed_leaves_no_ghost_viewer(app, team, monkeypatch):
    """The page navigated away while its join was being authorized: the join answers
    not_connected instead of failing in python-socketio, and nobody sees a viewer who left."""
    from flask import request

    from core import realtime

    company, _, _ = team
    room = f"company:{company.id}"
    leaving = connect(app, "admin@acme.ae")
    staying = connect(app, "finance@acme.ae")
    authorize = realtime.authorize

    def closes_meanwhile(actor, kind, record_id):
        allowed = authorize(actor, kind, record_id)
        if actor.email == "admin@acme.ae":
            socketio.server.disconnect(request.sid, namespace="/")
        return allowed

    monkeypatch.setattr(realtime, "authorize", closes_meanwhile)
    leaving.emit("join", {"room": room, "presence": True})
    ack = staying.emit("join", {"room": room, "presence": True}, callback=True)
    assert [v["name"] for v in ack["viewers"]] == ["Fatima Al Mansoori"]
    staying.disconnect()
