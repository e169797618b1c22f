"""A payment of 18 significant digits (the most NUMERIC(18, 2) holds) is stored exactly on
every database, and the payments chain verifies afterwards."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from core.api import db
from plugins.payments.tests.helpers import allocation, pay

ROOT = Path(__file__).resolve().parents[3]
REVISIONS = (
    "plugins/payments/migrations/versions/0004_money_payments_exact.py",
    "plugins/invoicing/migrations/versions/0006_money_invoicing_exact.py",
)
HUGE = "9876543210987654.32"  # a float would make it 9876543210987654.00


def test_a_large_exact_amount_round_trips_and_the_chain_verifies(api, customer, invoice_for):
    api.patch("/api/v1/payments/settings", json={"overpayment_policy": "credit"})
    inv = invoice_for("100.00")
    resp = pay(api, allocation(inv["id"], "105.00"), amount=HUGE)
    assert resp.status_code == 201, resp.get_json()
    assert resp.get_json()["credit_created"] == "9876543210987549.32"
    db.session.expire_all()
    assert api.get(f"/api/v1/payments/{resp.get_json()['id']}").get_json()["amount"] == HUGE
    balance = api.get(f"/api/v1/customers/{customer.id}/credit").get_json()["balance"]
    assert balance == {"AED": "9876543210987549.32"}
    assert api.get("/api/v1/payments/chain/verify").get_json()["ok"] is True
    assert api.get("/api/v1/chain/verify").get_json()["ok"] is True


def test_sqlite_stores_integer_minor_units_never_a_real(api, invoice_for):
    inv = invoice_for("100.00")
    assert pay(api, allocation(inv["id"], "105.00")).status_code == 201
    row = db.session.execute(text("SELECT amount FROM payments_payment")).one()
    if db.engine.dialect.name == "sqlite":
        assert row.amount == 10500 and isinstance(row.amount, int)
    else:
        assert str(row.amount) == "105.00"


def test_more_digits_than_the_column_holds_are_refused(api, invoice_for):
    inv = invoice_for("100.00")
    resp = pay(api, allocation(inv["id"], "105.00"), amount="10000000000000000.00")
    assert resp.status_code == 422
    assert resp.get_json()["error"]["details"]["fields"]["amount"] == "is too large"


def _revision(path: str):
    """A migration module, loaded from its file (revisions are not importable packages)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(Path(path).stem, ROOT / path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_migration_turns_existing_reals_into_exact_minor_units(api, invoice_for):
    """A database written before ExactNumeric held REALs on SQLite: the 0004 (payments) and
    0006 (invoicing) revisions convert them with ``rescale_sqlite``, triggers and all, and every
    amount and both chains come through intact. Here the database is first put back into the
    old REAL form with the revisions' own column lists, then converted as the upgrade does."""
    from core.money import rescale_sqlite

    inv = invoice_for("1000.37")
    paid = pay(api, allocation(inv["id"], "500.25")).get_json()
    db.session.commit()
    revisions = [_revision(p) for p in REVISIONS]
    bind = db.session.connection()
    for revision in revisions:
        rescale_sqlite(bind, revision.COLUMNS, to_minor_units=False)  # the downgrade
    if db.engine.dialect.name == "sqlite":  # PostgreSQL stored NUMERIC before and after
        old = db.session.execute(text("SELECT amount, typeof(amount) FROM payments_payment"))
        assert old.one() == (500.25, "real")  # what plain Numeric used to write
    for revision in revisions:
        rescale_sqlite(db.session.connection(), revision.COLUMNS, to_minor_units=True)
    db.session.commit()
    db.session.expire_all()
    assert api.get(f"/api/v1/payments/{paid['id']}").get_json()["amount"] == "500.25"
    invoice = api.get(f"/api/v1/invoices/{inv['id']}").get_json()
    assert (invoice["total"], invoice["amount_due"]) == ("1050.39", "550.14")
    assert invoice["lines"][0]["unit_price"] == "1000.37"
    assert api.get("/api/v1/payments/chain/verify").get_json()["ok"] is True
    assert api.get("/api/v1/chain/verify").get_json()["ok"] is True
    with pytest.raises(DBAPIError, match="payment_immutable"):  # the triggers are back
        db.session.execute(text("UPDATE payments_payment SET amount = 1"))
    db.session.rollback()
