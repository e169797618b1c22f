"""Socket.IO connections: who may connect, which rooms they may join, what reaches them."""

from __future__ import annotations

import pytest

from core.api import hookimpl
from core.extensions import socketio


@pytest.fixture
def acme(make_company, make_user):
    company = make_company()
    user = make_user(company=company)
    return company, user


@pytest.fixture
def globex(make_company, make_user):
    company = make_company(name="Globex FZE", trn="100999888700003")
    user = make_user(email="boss@globex.ae", company=company)
    return company, user


def sio(app, client=None, auth=None):
    return socketio.test_client(app, flask_test_client=client, auth=auth)


def events(conn, name):
    return [m["args"][0] for m in conn.get_received() if m["name"] == name]


def commit_emit(company_id, event="invoice_updated", data=None, record=None):
    from core.db import db
    from core.realtime import emit

    emit(event, data or {"id": 12}, company_id=company_id, record=record)
    db.session.commit()


# --- connection authentication ----------------------------------------------------------


def test_anonymous_connection_is_refused(app, client):
    conn = sio(app, client)
    assert not conn.is_connected()


def test_logged_in_session_connects_and_hears_its_company(app, acme, login):
    company, _ = acme
    conn = sio(app, login())
    assert conn.is_connected()
    commit_emit(company.id, data={"id": 7})
    assert events(conn, "invoice_updated") == [{"id": 7}]


def test_api_token_connects_without_a_session(app, client, acme, api_token):
    company, user = acme
    conn = sio(app, auth={"token": api_token(user, "read")})
    assert conn.is_connected()
    commit_emit(company.id)
    assert events(conn, "invoice_updated") == [{"id": 12}]


@pytest.mark.parametrize("auth", [{"token": "llt_not-a-real-token"}, {"token": ""}, {"x": 1}])
def test_bad_or_missing_token_is_refused(app, client, acme, auth):
    assert not sio(app, client, auth=auth).is_connected()


def test_revoked_token_is_refused(app, client, acme, api_token):
    from core.auth import tokens
    from core.db import db

    _, user = acme
    secret = api_token(user)
    tokens.revoke(tokens.find_active(secret))
    db.session.commit()
    assert not sio(app, client, auth={"token": secret}).is_connected()


def test_events_of_another_company_never_arrive(app, acme, globex, login):
    _, _ = acme
    other, _ = globex
    conn = sio(app, login())
    commit_emit(other.id)
    assert events(conn, "invoice_updated") == []


# --- emit after commit ------------------------------------------------------------------


def test_rolled_back_change_announces_nothing_and_committed_one_arrives(app, acme, login):
    from core.db import db
    from core.models import Company
    from core.realtime import emit

    company, _ = acme
    conn = sio(app, login())

    db.session.get(Company, company.id).name = "Renamed but rolled back"
    emit("company_updated", {"id": company.id}, company_id=company.id)
    db.session.rollback()
    assert events(conn, "company_updated") == []

    db.session.get(Company, company.id).name = "Acme Renamed"
    emit("company_updated", {"id": company.id}, company_id=company.id)
    assert events(conn, "company_updated") == []  # not before the commit
    db.session.commit()
    assert events(conn, "company_updated") == [{"id": company.id}]


def test_audit_entry_is_announced_to_its_company_after_commit(app, acme, login):
    from core.db import db
    from core.events import DomainEvent, publish
    from core.models import AuditEntry

    company, _ = acme
    conn = sio(app, login())
    publish(DomainEvent("CompanyUpdated", "company", company.id, company.id, {"name": "X"}))
    db.session.commit()
    entry = db.session.scalars(db.select(AuditEntry)).one()
    assert events(conn, "audit_added") == [
        {"id": entry.id, "action": "CompanyUpdated", "record_type": "company"}
    ]


# --- rooms --------------------------------------------------------------------------------


def test_joining_own_company_room_is_allowed(app, acme, login):
    company, _ = acme
    conn = sio(app, login())
    ack = conn.emit("join", {"room": f"company:{company.id}"}, callback=True)
    assert ack["ok"] is True and ack["room"] == f"company:{company.id}"


def test_user_of_company_a_never_gets_into_company_b_room(app, acme, globex, login):
    other, _ = globex
    conn = sio(app, login())
    ack = conn.emit("join", {"room": f"company:{other.id}"}, callback=True)
    assert ack["ok"] is False
    assert ack["error"]["code"] == "not_found"
    commit_emit(other.id, record=("company", other.id))
    assert events(conn, "invoice_updated") == []


@pytest.mark.parametrize(
    "payload", [None, "invoice:1", {"room": ""}, {"room": "invoice"}, {"room": "a:b:c"}]
)
def test_malformed_join_gets_a_clear_error(app, acme, login, payload):
    conn = sio(app, login())
    ack = conn.emit("join", payload, callback=True)
    assert ack["ok"] is False
    assert ack["error"]["code"] == "bad_request"
    assert "invoice:12" in ack["error"]["message"]


def test_record_room_nobody_answers_for_is_refused(app, acme, login):
    conn = sio(app, login())
    ack = conn.emit("join", {"room": "invoice:12"}, callback=True)
    assert ack == {
        "ok": False,
        "error": {
            "code": "not_found",
            "message": "No such room, or you may not join it.",
            "details": {"room": "invoice:12"},
        },
    }


class GadgetRooms:
    """A plugin that owns the ``gadget`` kind: even ids belong to the asking company."""

    def __init__(self):
        self.asked = []

    @hookimpl
    def authorize_room(self, actor, kind, record_id):
        if kind != "gadget":
            return None
        from core.tenancy import current_scope

        self.asked.append((actor.email, record_id, current_scope().company_id))
        return record_id % 2 == 0


def test_plugin_decides_its_record_rooms_and_events_reach_the_room(app, acme, login):
    company, _ = acme
    plugin = GadgetRooms()
    app.extensions["ledgerline.plugins"].pm.register(plugin, name="gadgets")
    conn = sio(app, login())
    assert conn.emit("join", {"room": "gadget:4"}, callback=True)["ok"] is True
    assert conn.emit("join", {"room": "gadget:5"}, callback=True)["ok"] is False
    # the hook ran with the actor's tenant scope, and got the id as an int
    assert plugin.asked == [("admin@acme.ae", 4, company.id), ("admin@acme.ae", 5, company.id)]

    socketio.server.emit("gadget_changed", {"id": 4}, to="gadget:4", namespace="/")
    assert events(conn, "gadget_changed") == [{"id": 4}]
    assert conn.emit("leave", {"room": "gadget:4"}, callback=True)["ok"] is True
    socketio.server.emit("gadget_changed", {"id": 4}, to="gadget:4", namespace="/")
    assert events(conn, "gadget_changed") == []


def test_plugins_cannot_open_core_company_rooms(app, acme, globex, login):
    class Permissive:
        @hookimpl
        def authorize_room(self, actor, kind, record_id):
            return True

    other, _ = globex
    app.extensions["ledgerline.plugins"].pm.register(Permissive(), name="permissive")
    conn = sio(app, login())
    assert conn.emit("join", {"room": f"company:{other.id}"}, callback=True)["ok"] is False


def test_plugin_handlers_run_with_the_connection_actor_and_scope(app, acme, api_token):
    from core.api import current_actor
    from core.tenancy import current_scope

    company, user = acme

    def whoami():
        return {"email": current_actor().email, "company": current_scope().company_id}

    socketio.on_event("whoami", whoami)
    conn = sio(app, auth={"token": api_token(user, "read")})
    assert conn.emit("whoami", callback=True) == {
        "email": "admin@acme.ae",
        "company": company.id,
    }


def test_super_admin_joins_no_company_room_by_itself_but_may_join_one(app, acme, make_user, login):
    company, _ = acme
    make_user(email="root@ledgerline.ae", role="SUPER_ADMIN")
    conn = sio(app, login("root@ledgerline.ae"))
    commit_emit(company.id)
    assert events(conn, "invoice_updated") == []
    assert conn.emit("join", {"room": f"company:{company.id}"}, callback=True)["ok"] is True
    commit_emit(company.id)
    assert events(conn, "invoice_updated") == [{"id": 12}]
