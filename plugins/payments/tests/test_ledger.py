"""The database itself refuses edits of the ledger, whatever code (or person) tries."""

import pytest
from sqlalchemy.exc import DBAPIError

from core.api import db
from plugins.invoicing.tests.helpers import raw_sql
from plugins.payments.tests.helpers import allocation, pay


@pytest.fixture
def posted(api, invoice_for):
    inv = invoice_for("1000.00")
    return pay(api, allocation(inv["id"], "100.00")).get_json()


def _refused(sql, **params):
    with pytest.raises(DBAPIError) as info:
        raw_sql(sql, **params)
    db.session.rollback()
    assert "payment_immutable" in str(info.value)


EDITS = [
    "UPDATE payments_payment SET amount = 1 WHERE id = :id",
    "UPDATE payments_payment SET reference = 'edited' WHERE id = :id",
    "UPDATE payments_payment SET date = '2020-01-01' WHERE id = :id",
    "UPDATE payments_payment SET method = 'cash' WHERE id = :id",
    "UPDATE payments_payment SET number = 'PAY/X' WHERE id = :id",
    "UPDATE payments_payment SET possible_duplicate = NOT possible_duplicate WHERE id = :id",
]


@pytest.mark.parametrize("sql", EDITS)
def test_posted_payment_cannot_be_edited(posted, sql):
    _refused(sql, id=posted["id"])


def test_an_update_that_changes_nothing_is_harmless(posted):
    raw_sql("UPDATE payments_payment SET customer_id = customer_id WHERE id = :id", id=posted["id"])


def test_posted_payment_cannot_be_deleted(posted):
    _refused("DELETE FROM payments_payment WHERE id = :id", id=posted["id"])


def test_allocations_cannot_be_edited_or_deleted(posted):
    _refused("UPDATE payments_allocation SET amount = 1 WHERE payment_id = :id", id=posted["id"])
    _refused("DELETE FROM payments_allocation WHERE payment_id = :id", id=posted["id"])


def test_status_may_only_move_from_posted_to_reversed(posted):
    _refused("UPDATE payments_payment SET status = 'void' WHERE id = :id", id=posted["id"])
    raw_sql("UPDATE payments_payment SET status = 'reversed' WHERE id = :id", id=posted["id"])
    _refused("UPDATE payments_payment SET status = 'posted' WHERE id = :id", id=posted["id"])


def test_the_orm_gets_a_clear_409_through_the_api_helper(app, posted):
    from core.api import Conflict
    from plugins.payments.api.common import commit
    from plugins.payments.models import Payment

    payment = db.session.get(Payment, posted["id"])
    payment.reference = "edited in place"
    with pytest.raises(Conflict) as info:
        commit()
    assert (info.value.status, info.value.code) == (409, "payment_immutable")
    db.session.expire_all()
    assert db.session.get(Payment, posted["id"]).reference is None
