"""Tenant scoping in one place: a user of company A never reads or writes company B's rows.

Uses the test-only ``Note`` model (tests/support/tenant_model.py) so the proof does not
depend on any plugin.
"""

from __future__ import annotations

import pytest
from sqlalchemy import delete, func, select, update

from tests.support.tenant_model import Note, create_table


@pytest.fixture
def world(app, make_company, make_user):
    """Companies A and B with one user and two notes each, plus a SUPER_ADMIN."""
    from core.db import db

    create_table(db.engine)
    a, b = make_company(name="A LLC"), make_company(name="B LLC", trn="100999999900003")
    users = {
        "a": make_user("admin@a.ae", a),
        "b": make_user("admin@b.ae", b),
        "root": make_user("root@ledgerline.ae", None, "SUPER_ADMIN"),
    }
    notes = {}
    for company, key in ((a, "a"), (b, "b")):
        for n in (1, 2):
            notes[f"{key}{n}"] = Note(company_id=company.id, body=f"{key} note {n}")
    db.session.add_all(notes.values())
    db.session.commit()
    world = {
        "a": a.id,
        "b": b.id,
        "users": {k: u.id for k, u in users.items()},
        "ids": {k: v.id for k, v in notes.items()},
    }
    db.session.expunge_all()  # start with an empty identity map, as a request does
    return world


def as_user(user_id):
    """The tenant scope a request of this user runs under."""
    from core import tenancy
    from core.auth.identity import actor_for_user
    from core.db import db
    from core.models import User

    actor = actor_for_user(db.session.get(User, user_id))
    return tenancy.scoped(tenancy.scope_for(actor))


def bodies():
    from core.db import db

    return sorted(db.session.scalars(select(Note.body)))


def all_notes_as_system():
    from core.db import db

    db.session.expire_all()
    return sorted(db.session.scalars(select(Note.body)))


def test_select_shows_only_own_company(world):
    from core.db import db

    with as_user(world["users"]["a"]):
        assert bodies() == ["a note 1", "a note 2"]
        assert db.session.scalar(select(func.count()).select_from(Note)) == 2
        assert db.session.scalars(select(Note).where(Note.company_id == world["b"])).all() == []
    with as_user(world["users"]["b"]):
        assert bodies() == ["b note 1", "b note 2"]


def test_get_scoped_refuses_other_company_even_from_the_identity_map(world):
    from core.api import NotFound, get_or_404, get_scoped
    from core.db import db

    b1 = db.session.get(Note, world["ids"]["b1"])  # loaded unscoped: now in the identity map
    assert b1 is not None
    with as_user(world["users"]["a"]):
        assert get_scoped(Note, world["ids"]["b1"]) is None
        assert get_scoped(Note, world["ids"]["a1"]).body == "a note 1"
        with pytest.raises(NotFound) as refused:
            get_or_404(Note, world["ids"]["b1"])
        assert refused.value.message == f"No note with id {world['ids']['b1']}."
        assert get_or_404(Note, world["ids"]["a2"]).body == "a note 2"


def test_session_get_on_an_empty_identity_map_is_scoped_too(world):
    from core.db import db

    with as_user(world["users"]["a"]):
        assert db.session.get(Note, world["ids"]["b1"]) is None
        assert db.session.get(Note, world["ids"]["a1"]) is not None


def test_bulk_update_and_delete_touch_only_own_company(world):
    from core.db import db

    with as_user(world["users"]["a"]):
        db.session.execute(update(Note).values(body="changed"))
        db.session.execute(delete(Note).where(Note.body == "nothing"))
        db.session.commit()
        db.session.execute(delete(Note).where(Note.id == world["ids"]["b2"]))
        db.session.commit()
    assert all_notes_as_system() == ["b note 1", "b note 2", "changed", "changed"]
    with as_user(world["users"]["a"]):
        db.session.execute(delete(Note))
        db.session.commit()
    assert all_notes_as_system() == ["b note 1", "b note 2"]


def test_writes_into_another_company_are_refused(world):
    from core.db import db
    from core.tenancy import TenantWriteRefused

    with as_user(world["users"]["a"]):
        db.session.add(Note(company_id=world["b"], body="planted"))
        with pytest.raises(TenantWriteRefused):
            db.session.flush()
        db.session.rollback()
        own = Note(body="mine")  # no company given: it is the actor's
        db.session.add(own)
        db.session.commit()
        assert own.company_id == world["a"]
    b1 = db.session.get(Note, world["ids"]["b1"])  # e.g. handed over by buggy code
    with as_user(world["users"]["a"]):
        b1.body = "defaced"
        with pytest.raises(TenantWriteRefused):
            db.session.flush()
        db.session.rollback()
        a1 = db.session.get(Note, world["ids"]["a1"])
        a1.company_id = world["b"]  # moving a row out is a write into B
        with pytest.raises(TenantWriteRefused):
            db.session.flush()
        db.session.rollback()
    assert "planted" not in all_notes_as_system()
    assert "defaced" not in all_notes_as_system()


def test_super_admin_reads_every_company_and_writes_nothing(world):
    from core.db import db
    from core.tenancy import TenantWriteRefused, get_scoped

    with as_user(world["users"]["root"]):
        assert bodies() == ["a note 1", "a note 2", "b note 1", "b note 2"]
        assert get_scoped(Note, world["ids"]["b1"]).body == "b note 1"
        note = db.session.get(Note, world["ids"]["a1"])
        note.body = "edited by root"
        with pytest.raises(TenantWriteRefused):
            db.session.flush()
        db.session.rollback()
        db.session.add(Note(company_id=world["a"], body="root note"))
        with pytest.raises(TenantWriteRefused):
            db.session.flush()
        db.session.rollback()
        with pytest.raises(TenantWriteRefused):
            db.session.execute(update(Note).values(body="bulk by root"))
        db.session.rollback()
        with pytest.raises(TenantWriteRefused):
            db.session.execute(delete(Note))
        db.session.rollback()
    assert all_notes_as_system() == ["a note 1", "a note 2", "b note 1", "b note 2"]


@pytest.fixture
def notes_page(app):
    """A tiny page that shows one note through ``get_or_404``, as a plugin's view would."""
    from flask import Blueprint

    from core.api import get_or_404

    bp = Blueprint("test_notes", __name__)

    @bp.get("/_test/notes/<int:note_id>")
    def show(note_id):
        return {"body": get_or_404(Note, note_id).body}

    @bp.get("/api/v1/_test/notes/<int:note_id>")
    def show_api(note_id):
        return {"body": get_or_404(Note, note_id).body}

    app.register_blueprint(bp)


def test_over_http_other_company_records_are_404(world, notes_page, client, login):
    login("admin@a.ae")
    assert client.get(f"/_test/notes/{world['ids']['a1']}").json == {"body": "a note 1"}
    assert client.get(f"/_test/notes/{world['ids']['b1']}").status_code == 404
    resp = client.get(f"/api/v1/_test/notes/{world['ids']['b1']}")
    assert resp.status_code == 404 and resp.json["error"]["code"] == "not_found"


def test_over_http_super_admin_sees_both(world, notes_page, client, login):
    login("root@ledgerline.ae")
    for key in ("a1", "b2"):
        assert client.get(f"/_test/notes/{world['ids'][key]}").status_code == 200


def test_anonymous_request_sees_nothing(world, notes_page, client):
    assert client.get(f"/_test/notes/{world['ids']['a1']}").status_code == 404
