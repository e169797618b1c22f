"""Edit rooms (who else edits a record, "saved just now") and the catch-up of events a page's
socket was not yet there for (core/edit_rooms.py, core/event_log.py)."""

from __future__ import annotations

import time

import pytest

from tests.core.test_presence import connect
from tests.support.servers import RedisServer


@pytest.fixture
def shop(make_company, make_user):
    from core.db import db
    from plugins.invoicing.services import customers

    acme = make_company()
    make_user(company=acme)
    make_user(email="finance@acme.ae", company=acme, role="FINANCE_USER")
    other = make_company(name="Other Trading LLC", trn="100000000000003")
    make_user(email="admin@other.ae", company=other)
    customer = customers.create(acme.id, {"name": "Gulf Buyer LLC", "country": "AE"})
    db.session.commit()
    return acme, customer.id


def save_customer(customer_id: int, **changes) -> None:
    """A user's save, as the edit page and the API make it (the version goes up)."""
    from core.db import db
    from plugins.invoicing.models import Customer
    from plugins.invoicing.services import customers

    customers.update(db.session.get(Customer, customer_id), changes)
    db.session.commit()


def events(conn, name):
    return [m["args"][0] for m in conn.get_received() if m["name"] == name]


def test_a_save_is_announced_to_the_records_edit_room_only(app, shop):
    _, customer_id = shop
    room = f"edit.invoicing_customer:{customer_id}"
    editor = connect(app, "admin@acme.ae")
    assert editor.emit("join", {"room": room, "presence": True}, callback=True)["ok"] is True
    outsider = connect(app, "admin@other.ae")
    refused = outsider.emit("join", {"room": room}, callback=True)
    assert refused["error"]["code"] == "not_found"  # another company's customer
    unknown = editor.emit("join", {"room": "edit.core_user:1"}, callback=True)
    assert unknown["ok"] is False  # no edit page registered for that kind
    events(editor, "record_saved")

    save_customer(customer_id, email="ap@gulf.ae")

    (saved,) = events(editor, "record_saved")
    assert saved == {"kind": "invoicing_customer", "id": customer_id, "version": 2}
    assert events(outsider, "record_saved") == []


def test_events_sent_before_the_socket_connects_are_caught_up(app, shop):
    acme, customer_id = shop
    from core.realtime import emit

    before_render = time.time() - 1
    # Someone saves while the page loads; the company room hears of something too.
    emit("company_updated", {"id": acme.id}, acme.id)
    save_customer(customer_id, email="ap@gulf.ae")
    page = connect(app, "admin@acme.ae")

    room = f"edit.invoicing_customer:{customer_id}"
    joined = page.emit("join", {"room": room, "since": before_render}, callback=True)
    assert joined["missed"]["complete"] is True
    assert [e[:2] for e in joined["missed"]["events"]] == [
        ["record_saved", {"kind": "invoicing_customer", "id": customer_id, "version": 2}]
    ]
    late = page.emit("join", {"room": room, "since": time.time()}, callback=True)
    assert late["missed"]["events"] == []

    caught = page.emit("catch_up", {"since": before_render}, callback=True)
    # The connection's rooms (company, user, and the edit room it joined), each event once.
    assert [e[:2] for e in caught["events"]] == [
        ["company_updated", {"id": acme.id}],
        ["record_saved", {"kind": "invoicing_customer", "id": customer_id, "version": 2}],
    ]

    stranger = connect(app, "admin@other.ae")
    theirs = stranger.emit("catch_up", {"since": before_render}, callback=True)
    assert theirs["events"] == []  # nothing of Acme's rooms reaches another company
    assert page.emit("catch_up", {"since": "soon"}, callback=True)["ok"] is False


def test_a_page_older_than_the_log_is_told_to_refetch(app, shop):
    page = connect(app, "admin@acme.ae")
    answer = page.emit("catch_up", {"since": time.time() - 3600}, callback=True)
    assert answer["complete"] is False


def test_redis_log_is_shared_between_processes():
    from core.event_log import KEEP, RedisLog

    redis = RedisServer()
    try:
        process_a, process_b = RedisLog(redis.url), RedisLog(redis.url)
        process_a.add(["company:1", "invoice:7"], {"ts": 10.0, "event": "x", "data": {"id": 7}})
        for n in range(KEEP + 5):
            process_b.add(["company:1"], {"ts": 11.0 + n, "event": "y", "data": {"n": n}})
        room, record = process_a.entries(["company:1", "invoice:7"])
        assert len(room) == KEEP and room[-1]["data"] == {"n": KEEP + 4}
        assert record == [{"ts": 10.0, "event": "x", "data": {"id": 7}}]
    finally:
        redis.stop()
