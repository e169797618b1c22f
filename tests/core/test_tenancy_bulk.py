"""Statement-level writes (no unit of work) keep a company user inside its own company.

``insert(Model).values(...)``, ``session.execute(insert(Model), rows)`` and
``update(Model).values(...)`` skip the flush-time check, so core.tenancy checks them as they
execute. Uses the test-only ``Note`` model (tests/support/tenant_model.py).
"""

from __future__ import annotations

import pytest
from sqlalchemy import bindparam, insert, literal, select, update

from tests.support.tenant_model import Note, create_table


@pytest.fixture
def world(app, make_company, make_user):
    """Companies A and B, a user of A, and one note each."""
    from core.db import db

    create_table(db.engine)
    a, b = make_company(name="A LLC"), make_company(name="B LLC", trn="100999999900003")
    user = make_user("admin@a.ae", a)
    notes = [Note(company_id=a.id, body="a note"), Note(company_id=b.id, body="b note")]
    db.session.add_all(notes)
    db.session.commit()
    ids = {"a": a.id, "b": b.id, "user": user.id, "a_note": notes[0].id, "b_note": notes[1].id}
    db.session.expunge_all()
    return ids


@pytest.fixture
def as_a(world):
    from core import tenancy
    from core.auth.identity import actor_for_user
    from core.db import db
    from core.models import User

    actor = actor_for_user(db.session.get(User, world["user"]))
    with tenancy.scoped(tenancy.scope_for(actor)):
        yield


def notes_by_company():
    """Every note as system code sees it: {company_id: [bodies]}."""
    from core.db import db
    from core.tenancy import scoped

    db.session.expire_all()
    found: dict[int, list[str]] = {}
    with scoped(None):
        for company_id, body in db.session.execute(select(Note.company_id, Note.body)):
            found.setdefault(company_id, []).append(body)
    return {k: sorted(v) for k, v in found.items()}


def refused(statement, params=None):
    """Run ``statement`` as the user of A; it must be refused and leave nothing behind."""
    from core.db import db
    from core.tenancy import TenantWriteRefused

    with pytest.raises(TenantWriteRefused, match="another company|not allowed"):
        db.session.execute(statement, params)
    db.session.rollback()


def run(statement, params=None):
    from core.db import db

    db.session.execute(statement, params)
    db.session.commit()


def test_insert_values_naming_another_company_is_refused(world, as_a):
    refused(insert(Note).values(company_id=world["b"], body="planted"))
    refused(insert(Note).values({Note.company_id: literal(world["b"]), Note.body: "planted"}))
    rows = [{"company_id": world["a"], "body": "ok"}, {"company_id": world["b"], "body": "planted"}]
    refused(insert(Note).values(rows))
    refused(insert(Note).values(company_id=bindparam("cid"), body="x"), {"cid": world["b"]})
    assert notes_by_company() == {world["a"]: ["a note"], world["b"]: ["b note"]}


def test_bulk_insert_rows_naming_another_company_are_refused(world, as_a):
    rows = [{"body": "mine"}, {"company_id": world["b"], "body": "planted"}]
    refused(insert(Note), rows)
    refused(insert(Note), {"company_id": str(world["b"]), "body": "planted"})
    assert notes_by_company() == {world["a"]: ["a note"], world["b"]: ["b note"]}


def test_inserts_without_a_company_land_in_the_users_company(world, as_a):
    run(insert(Note), [{"body": "bulk 1"}, {"body": "bulk 2"}])
    run(insert(Note).values(body="single"))
    run(insert(Note), {"body": "one row"})
    run(insert(Note).values(company_id=world["a"], body="named own"))
    mine = ["a note", "bulk 1", "bulk 2", "named own", "one row", "single"]
    assert notes_by_company() == {world["a"]: mine, world["b"]: ["b note"]}


def test_update_cannot_move_rows_to_another_company(world, as_a):
    refused(update(Note).values(company_id=world["b"]))
    refused(update(Note).where(Note.id == world["a_note"]).values({"company_id": world["b"]}))
    refused(update(Note).values(company_id=Note.company_id + 1))  # an expression: any company
    cid = bindparam("cid")
    refused(update(Note).values(company_id=cid), {"cid": world["b"]})
    run(update(Note).values(company_id=world["a"], body="renamed"))  # own company is fine
    assert notes_by_company() == {world["a"]: ["renamed"], world["b"]: ["b note"]}


def test_bulk_update_by_primary_key_cannot_move_or_reach_other_rows(world, as_a):
    refused(update(Note), [{"id": world["a_note"], "company_id": world["b"]}])
    run(update(Note), [{"id": world["a_note"], "body": "edited"}])
    # By primary key SQLAlchemy skips the tenant filter: rows of B must be refused, not hit.
    refused(
        update(Note), [{"id": world["a_note"], "body": "x"}, {"id": world["b_note"], "body": "x"}]
    )
    assert notes_by_company() == {world["a"]: ["edited"], world["b"]: ["b note"]}


def test_insert_from_select_is_refused(world, as_a):
    statement = insert(Note).from_select(["company_id", "body"], select(Note.company_id, Note.body))
    refused(statement)
    assert notes_by_company() == {world["a"]: ["a note"], world["b"]: ["b note"]}


def test_system_code_still_writes_any_company(world):
    run(insert(Note).values(company_id=world["b"], body="by the system"))
    assert notes_by_company()[world["b"]] == ["b note", "by the system"]
